import { Migration } from '@mikro-orm/migrations';

/*
 * Bulk inserts of households, persons and external IDs checked once per statement instead of once
 * per row. The per-row triggers looked up each row's parent (a unit, a household, the node an
 * external ID names) to derive its paths and community: 1,000 plpgsql calls and lookups per upsert
 * call, most of its time in PostgreSQL. Now:
 *
 * - On insert, the per-row trigger runs only for a row that does not bring its derived values (a
 *   household or person without a path, an external ID without a community), so every other writer
 *   keeps getting them filled in exactly as before.
 * - A statement-level trigger over the inserted rows (a transition table) checks every row that
 *   brought them, with one join: a wrong path, building, compound, community or a missing parent
 *   refuses the whole statement, with the error codes and constraint names of the per-row triggers.
 *
 * Updates keep the per-row triggers unchanged (a bulk upsert updates only what changed).
 */

const UP = String.raw`
drop trigger household_paths on household;
create trigger household_paths before update of community_id, unit_id, building_id, compound_id, path, org_path on household
  for each row execute function household_paths();
create trigger household_paths_insert before insert on household
  for each row when (new.path::text = '') execute function household_paths();

create function household_paths_given() returns trigger language plpgsql as $$
declare bad record;
begin
  select n.id, u.id is null as missing, u.community_id is distinct from n.community_id as other_community into bad
    from new_rows n
    left join unit u on u.id = n.unit_id
    left join building b on b.id = u.building_id
   where u.id is null or u.community_id is distinct from n.community_id
      or n.building_id is distinct from u.building_id or n.compound_id is distinct from b.compound_id
      or n.path::text is distinct from (u.path || ('h' || n.id)::ltree)::text or n.org_path::text is distinct from u.org_path::text
   limit 1;
  if not found then return null; end if;
  if bad.missing then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'household_same_community';
  end if;
  raise exception 'household % does not have its unit''s paths', bad.id using errcode = '23514', constraint = 'household_paths_given';
end $$;
create trigger household_paths_given after insert on household referencing new table as new_rows
  for each statement execute function household_paths_given();

drop trigger person_paths on person;
create trigger person_paths before update of community_id, household_id, path, org_path on person
  for each row execute function person_paths();
create trigger person_paths_insert before insert on person
  for each row when (new.path::text = '') execute function person_paths();

create function person_paths_given() returns trigger language plpgsql as $$
declare bad record;
begin
  select n.id, n.household_id is not null and h.id is null as no_household, n.household_id is null and c.id is null as no_community,
         coalesce(h.community_id, c.id) is distinct from n.community_id as other_community into bad
    from new_rows n
    left join household h on h.id = n.household_id
    left join community c on c.id = n.community_id and n.household_id is null
   where (n.household_id is not null and h.id is null) or (n.household_id is null and c.id is null)
      or coalesce(h.community_id, c.id) is distinct from n.community_id
      or n.path::text is distinct from coalesce(h.path, c.path)::text
      or n.org_path::text is distinct from (case when n.household_id is null then null else h.org_path end)::text
   limit 1;
  if not found then return null; end if;
  if bad.no_household then raise exception 'household does not exist' using errcode = '23503', constraint = 'person_household_id_foreign'; end if;
  if bad.no_community then raise exception 'community does not exist' using errcode = '23503', constraint = 'person_community_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'person_same_community';
  end if;
  raise exception 'person % does not have their household''s paths', bad.id using errcode = '23514', constraint = 'person_paths_given';
end $$;
create trigger person_paths_given after insert on person referencing new table as new_rows
  for each statement execute function person_paths_given();

drop trigger external_id_checks on external_id;
create trigger external_id_checks before update of community_id, node_type, node_id on external_id
  for each row execute function external_id_checks();
create trigger external_id_checks_insert before insert on external_id
  for each row when (new.community_id is null) execute function external_id_checks();

-- Rows that name their community: the node must exist (under row-level security, another
-- community's node is as missing as one that does not exist) and belong to that community.
create function external_id_checks_given() returns trigger language plpgsql as $$
declare bad record;
begin
  select n.node_type, n.node_id, x.node_community, x.node_type_has_community into bad
    from new_rows n
    cross join lateral (
      select case n.node_type
               when 'COMMUNITY' then (select id from community where id = n.node_id)
               when 'COMPOUND' then (select community_id from compound where id = n.node_id)
               when 'BUILDING' then (select community_id from building where id = n.node_id)
               when 'UNIT' then (select community_id from unit where id = n.node_id)
               when 'HOUSEHOLD' then (select community_id from household where id = n.node_id)
               when 'PERSON' then (select community_id from person where id = n.node_id)
             end as node_community,
             n.node_type not in ('DISTRICT', 'STREET') as node_type_has_community
    ) x
   where n.community_id is not null and (x.node_community is null or x.node_community <> n.community_id)
   limit 1;
  if not found then return null; end if;
  if not bad.node_type_has_community then
    if (bad.node_type = 'DISTRICT' and not exists (select 1 from district where id = bad.node_id))
       or (bad.node_type = 'STREET' and not exists (select 1 from street where id = bad.node_id)) then
      raise exception '% % does not exist', bad.node_type, bad.node_id using errcode = '23503', constraint = 'external_id_node_exists';
    end if;
    raise exception 'a district or street belongs to no community' using errcode = '23514', constraint = 'external_id_same_community';
  end if;
  if bad.node_community is null then
    raise exception '% % does not exist', bad.node_type, bad.node_id using errcode = '23503', constraint = 'external_id_node_exists';
  end if;
  raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'external_id_same_community';
end $$;
create trigger external_id_checks_given after insert on external_id referencing new table as new_rows
  for each statement execute function external_id_checks_given();
`;

const DOWN = String.raw`
drop trigger external_id_checks_given on external_id;
drop function external_id_checks_given();
drop trigger external_id_checks_insert on external_id;
drop trigger external_id_checks on external_id;
create trigger external_id_checks before insert or update of community_id, node_type, node_id on external_id
  for each row execute function external_id_checks();

drop trigger person_paths_given on person;
drop function person_paths_given();
drop trigger person_paths_insert on person;
drop trigger person_paths on person;
create trigger person_paths before insert or update of community_id, household_id, path, org_path on person
  for each row execute function person_paths();

drop trigger household_paths_given on household;
drop function household_paths_given();
drop trigger household_paths_insert on household;
drop trigger household_paths on household;
create trigger household_paths before insert or update of community_id, unit_id, building_id, compound_id, path, org_path on household
  for each row execute function household_paths();
`;

export class Migration20261205200000_set_based_paths extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
