import { Migration } from '@mikro-orm/migrations';

/*
 * The hierarchy's ancestry, kept by the database so it can never disagree with the foreign keys.
 *
 * - Every node's `path` (ltree) is its parent's path plus its own label: d<district>.s<street>.
 *   c<community>, then either br<branch>.g<group> (organization) or cp<compound>.b<building>.
 *   u<unit>.h<household> (places). Places also carry `org_path`: the branch or building group they
 *   sit under. Persons and member households carry their household's paths.
 * - Tenant-owned rows take `community_id` from their parent; a row whose community differs from
 *   its parent's (or from a referenced person's or branch's) is refused (SQLSTATE 23514). Parents
 *   are read as the invoker, so under row-level security a parent in another community is simply
 *   not found (23503), like one that does not exist.
 * - When a node moves (a building to another group, a compound graduating to a new branch), the
 *   change of its path cascades to everything beneath it in the same transaction.
 */
const FUNCTIONS = String.raw`
create function lianxin_require_same_community(tbl regclass, row_id int, expected int, constraint_name text) returns void
language plpgsql as $$
declare actual int;
begin
  if row_id is null then return; end if;
  execute format('select community_id from %s where id = $1', tbl) into actual using row_id;
  if actual is null then
    raise exception '% % does not exist', tbl, row_id using errcode = '23503', constraint = constraint_name;
  end if;
  if actual <> expected then
    raise exception '% % belongs to another community', tbl, row_id using errcode = '23514', constraint = constraint_name;
  end if;
end $$;

create function lianxin_same_community(expected int, actual int, constraint_name text) returns int
language plpgsql as $$
begin
  if expected is not null and expected <> actual then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = constraint_name;
  end if;
  return actual;
end $$;

create function district_paths() returns trigger language plpgsql as $$
begin
  new.path := ('d' || new.id)::ltree;
  return new;
end $$;

create function street_paths() returns trigger language plpgsql as $$
declare parent ltree;
begin
  select d.path into parent from district d where d.id = new.district_id;
  if not found then raise exception 'district does not exist' using errcode = '23503', constraint = 'street_district_id_foreign'; end if;
  new.path := parent || ('s' || new.id)::ltree;
  return new;
end $$;

create function community_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select s.path, s.district_id into parent from street s where s.id = new.street_id;
  if not found then raise exception 'street does not exist' using errcode = '23503', constraint = 'community_street_id_foreign'; end if;
  new.district_id := parent.district_id;
  new.path := parent.path || ('c' || new.id)::ltree;
  return new;
end $$;

create function community_committee_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('person', new.secretary_id, new.community_id, 'community_committee_secretary_same_community');
  return new;
end $$;

create function compound_branch_paths() returns trigger language plpgsql as $$
declare parent ltree;
begin
  select c.path into parent from community c where c.id = new.community_id;
  if not found then raise exception 'community does not exist' using errcode = '23503', constraint = 'compound_branch_community_id_foreign'; end if;
  perform lianxin_require_same_community('community_committee', new.committee_id, new.community_id, 'compound_branch_committee_same_community');
  perform lianxin_require_same_community('person', new.secretary_id, new.community_id, 'compound_branch_secretary_same_community');
  new.path := parent || ('br' || new.id)::ltree;
  return new;
end $$;

create function building_group_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select b.path, b.community_id into parent from compound_branch b where b.id = new.branch_id;
  if not found then raise exception 'branch does not exist' using errcode = '23503', constraint = 'building_group_branch_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'building_group_same_community');
  perform lianxin_require_same_community('person', new.leader_id, new.community_id, 'building_group_leader_same_community');
  new.path := parent.path || ('g' || new.id)::ltree;
  return new;
end $$;

create function compound_paths() returns trigger language plpgsql as $$
declare parent ltree; branch record;
begin
  select c.path into parent from community c where c.id = new.community_id;
  if not found then raise exception 'community does not exist' using errcode = '23503', constraint = 'compound_community_id_foreign'; end if;
  new.path := parent || ('cp' || new.id)::ltree;
  if new.branch_id is null then
    new.org_path := null;
  else
    select b.path, b.community_id into branch from compound_branch b where b.id = new.branch_id;
    if not found then raise exception 'branch does not exist' using errcode = '23503', constraint = 'compound_branch_id_foreign'; end if;
    perform lianxin_same_community(new.community_id, branch.community_id, 'compound_branch_same_community');
    new.org_path := branch.path;
  end if;
  return new;
end $$;

create function compound_branch_assignment_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('compound', new.compound_id, new.community_id, 'compound_branch_assignment_compound_same_community');
  perform lianxin_require_same_community('compound_branch', new.branch_id, new.community_id, 'compound_branch_assignment_branch_same_community');
  return new;
end $$;

create function building_paths() returns trigger language plpgsql as $$
declare parent record; grp record;
begin
  select cp.path, cp.org_path, cp.community_id into parent from compound cp where cp.id = new.compound_id;
  if not found then raise exception 'compound does not exist' using errcode = '23503', constraint = 'building_compound_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'building_same_community');
  new.path := parent.path || ('b' || new.id)::ltree;
  if new.group_id is null then
    new.org_path := parent.org_path;
  else
    select g.path, g.community_id into grp from building_group g where g.id = new.group_id;
    if not found then raise exception 'building group does not exist' using errcode = '23503', constraint = 'building_group_id_foreign'; end if;
    perform lianxin_same_community(new.community_id, grp.community_id, 'building_group_same_community');
    new.org_path := grp.path;
  end if;
  return new;
end $$;

create function unit_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select b.path, b.org_path, b.community_id into parent from building b where b.id = new.building_id;
  if not found then raise exception 'building does not exist' using errcode = '23503', constraint = 'unit_building_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'unit_same_community');
  new.path := parent.path || ('u' || new.id)::ltree;
  new.org_path := parent.org_path;
  return new;
end $$;

create function household_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select u.path, u.org_path, u.community_id, u.building_id, b.compound_id into parent
    from unit u join building b on b.id = u.building_id where u.id = new.unit_id;
  if not found then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'household_same_community');
  new.building_id := parent.building_id;
  new.compound_id := parent.compound_id;
  new.path := parent.path || ('h' || new.id)::ltree;
  new.org_path := parent.org_path;
  return new;
end $$;

create function member_household_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select h.path, h.org_path, h.community_id into parent from household h where h.id = new.household_id;
  if not found then raise exception 'household does not exist' using errcode = '23503', constraint = 'member_household_household_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'member_household_same_community');
  new.path := parent.path;
  new.org_path := parent.org_path;
  return new;
end $$;

create function person_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  if new.household_id is null then
    select c.path, null::ltree as org_path, c.id as community_id into parent from community c where c.id = new.community_id;
    if not found then raise exception 'community does not exist' using errcode = '23503', constraint = 'person_community_id_foreign'; end if;
  else
    select h.path, h.org_path, h.community_id into parent from household h where h.id = new.household_id;
    if not found then raise exception 'household does not exist' using errcode = '23503', constraint = 'person_household_id_foreign'; end if;
  end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'person_same_community');
  new.path := parent.path;
  new.org_path := parent.org_path;
  return new;
end $$;

create function party_membership_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('person', new.person_id, new.community_id, 'party_membership_person_same_community');
  perform lianxin_require_same_community('compound_branch', new.branch_id, new.community_id, 'party_membership_branch_same_community');
  return new;
end $$;

create function duty_assignment_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('person', new.person_id, new.community_id, 'duty_assignment_person_same_community');
  perform lianxin_require_same_community('compound', new.compound_id, new.community_id, 'duty_assignment_compound_same_community');
  perform lianxin_require_same_community('building', new.building_id, new.community_id, 'duty_assignment_building_same_community');
  perform lianxin_require_same_community('unit', new.unit_id, new.community_id, 'duty_assignment_unit_same_community');
  return new;
end $$;

-- Cascades: a moved node re-derives the paths of what lies beneath it.
create function district_cascade() returns trigger language plpgsql as $$
begin
  update street set path = path where district_id = new.id;
  return null;
end $$;

create function street_cascade() returns trigger language plpgsql as $$
begin
  update community set path = path where street_id = new.id;
  return null;
end $$;

create function community_cascade() returns trigger language plpgsql as $$
begin
  update compound_branch set path = path where community_id = new.id;
  update compound set path = path where community_id = new.id;
  update person set path = path where community_id = new.id and household_id is null;
  return null;
end $$;

create function compound_branch_cascade() returns trigger language plpgsql as $$
begin
  update building_group set path = path where branch_id = new.id;
  update compound set path = path where branch_id = new.id;
  return null;
end $$;

create function building_group_cascade() returns trigger language plpgsql as $$
begin
  update building set path = path where group_id = new.id;
  return null;
end $$;

create function compound_cascade() returns trigger language plpgsql as $$
begin
  update building set path = path where compound_id = new.id;
  return null;
end $$;

create function building_cascade() returns trigger language plpgsql as $$
begin
  update unit set path = path where building_id = new.id;
  return null;
end $$;

create function unit_cascade() returns trigger language plpgsql as $$
begin
  update household set path = path where unit_id = new.id;
  return null;
end $$;

create function household_cascade() returns trigger language plpgsql as $$
begin
  update person set path = path where household_id = new.id;
  update member_household set path = path where household_id = new.id;
  return null;
end $$;
`;

const TRIGGERS = String.raw`
create trigger district_paths before insert or update of path on district for each row execute function district_paths();
create trigger street_paths before insert or update of district_id, path on street for each row execute function street_paths();
create trigger community_paths before insert or update of street_id, district_id, path on community for each row execute function community_paths();
create trigger community_committee_checks before insert or update of community_id, secretary_id on community_committee for each row execute function community_committee_checks();
create trigger compound_branch_paths before insert or update of community_id, committee_id, secretary_id, path on compound_branch for each row execute function compound_branch_paths();
create trigger building_group_paths before insert or update of community_id, branch_id, leader_id, path on building_group for each row execute function building_group_paths();
create trigger compound_paths before insert or update of community_id, branch_id, path, org_path on compound for each row execute function compound_paths();
create trigger compound_branch_assignment_checks before insert or update of community_id, compound_id, branch_id on compound_branch_assignment for each row execute function compound_branch_assignment_checks();
create trigger building_paths before insert or update of community_id, compound_id, group_id, path, org_path on building for each row execute function building_paths();
create trigger unit_paths before insert or update of community_id, building_id, path, org_path on unit for each row execute function unit_paths();
create trigger household_paths before insert or update of community_id, unit_id, building_id, compound_id, path, org_path on household for each row execute function household_paths();
create trigger member_household_paths before insert or update of community_id, household_id, path, org_path on member_household for each row execute function member_household_paths();
create trigger person_paths before insert or update of community_id, household_id, path, org_path on person for each row execute function person_paths();
create trigger party_membership_checks before insert or update of community_id, person_id, branch_id on party_membership for each row execute function party_membership_checks();
create trigger duty_assignment_checks before insert or update of community_id, person_id, compound_id, building_id, unit_id on duty_assignment for each row execute function duty_assignment_checks();

create trigger district_cascade after update on district for each row when (old.path is distinct from new.path) execute function district_cascade();
create trigger street_cascade after update on street for each row when (old.path is distinct from new.path) execute function street_cascade();
create trigger community_cascade after update on community for each row when (old.path is distinct from new.path) execute function community_cascade();
create trigger compound_branch_cascade after update on compound_branch for each row when (old.path is distinct from new.path) execute function compound_branch_cascade();
create trigger building_group_cascade after update on building_group for each row when (old.path is distinct from new.path) execute function building_group_cascade();
create trigger compound_cascade after update on compound for each row
  when (old.path is distinct from new.path or old.org_path is distinct from new.org_path) execute function compound_cascade();
create trigger building_cascade after update on building for each row
  when (old.path is distinct from new.path or old.org_path is distinct from new.org_path) execute function building_cascade();
create trigger unit_cascade after update on unit for each row
  when (old.path is distinct from new.path or old.org_path is distinct from new.org_path) execute function unit_cascade();
create trigger household_cascade after update on household for each row
  when (old.path is distinct from new.path or old.org_path is distinct from new.org_path) execute function household_cascade();
`;

const DROPPED_FUNCTIONS = [
  'household_cascade',
  'unit_cascade',
  'building_cascade',
  'compound_cascade',
  'building_group_cascade',
  'compound_branch_cascade',
  'community_cascade',
  'street_cascade',
  'district_cascade',
  'duty_assignment_checks',
  'party_membership_checks',
  'person_paths',
  'member_household_paths',
  'household_paths',
  'unit_paths',
  'building_paths',
  'compound_branch_assignment_checks',
  'compound_paths',
  'building_group_paths',
  'compound_branch_paths',
  'community_committee_checks',
  'community_paths',
  'street_paths',
  'district_paths',
];

export class Migration20261123100100_hierarchy_paths extends Migration {
  override async up(): Promise<void> {
    this.addSql(FUNCTIONS);
    this.addSql(TRIGGERS);
  }

  override async down(): Promise<void> {
    for (const fn of DROPPED_FUNCTIONS) this.addSql(`drop function if exists ${fn}() cascade;`);
    this.addSql('drop function if exists lianxin_same_community(int, int, text);');
    this.addSql('drop function if exists lianxin_require_same_community(regclass, int, int, text);');
  }
}
