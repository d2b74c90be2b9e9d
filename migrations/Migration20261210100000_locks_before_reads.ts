import { Migration } from '@mikro-orm/migrations';

/*
 * Locks taken before the rows they guard are read (review of 2026-12-02, docs/decisions.md and
 * docs/figures.md). Under READ COMMITTED each statement of a plpgsql function sees what was
 * committed when it started; a statement that reads and then waits for a lock keeps what it read.
 *
 * - A household's paths. household_paths read its unit (building, compound, paths) and only then
 *   did the unit's foreign key lock the unit (FOR KEY SHARE, after the row). A unit moving to another
 *   building meanwhile re-paths its households (unit_cascade) but cannot see one not yet committed
 *   under it, so the household kept the old building and compound, which nothing then keeps from
 *   being deleted (household's own keys to them were dropped). The unit is now locked FOR SHARE, in
 *   a statement of its own, before its paths are read, per row (household_paths, on insert and on
 *   a change of unit) and per statement (household_paths_given, units in key order). FOR SHARE, not
 *   FOR KEY SHARE: a move to another building is a key update of unit (unit_building_id_name_unique
 *   makes building_id a key column) and either lock blocks it, but a building moving to another
 *   compound or building group changes its units' path or org_path, a non-key update that only FOR
 *   SHARE blocks. Every change of a building that reaches a household goes through its units' rows
 *   (building_cascade), so the unit's lock stands for the building's too: the building's FOR KEY
 *   SHARE is no longer taken (taken after the unit's, it could deadlock with a building move that
 *   holds the building and waits for the unit). Whichever comes first, the other waits; a move that
 *   waited re-paths the households committed under the unit, a household that waited reads the moved
 *   unit.
 * - The compounds' figures roll-up. The recount (lianxin_figures_refresh_compounds) counted from its
 *   statement's snapshot and then waited for the roll-up row in ON CONFLICT, overwriting what a
 *   writer committed meanwhile; the persons' difference was computed before its rows were locked,
 *   and could add a person whose household a concurrent recount had just archived. Both now lock the
 *   rows first (in compound order, as every writer of the roll-up does) and compute in a later
 *   statement, which sees what the lock holder committed. The households' insert does the same.
 * - An insert of only archived households adds nothing and no longer recounts its compounds: only a
 *   compound without a roll-up row yet is refreshed whole.
 */

const HOUSEHOLD_PATHS = String.raw`
create or replace function household_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  -- Before the unit is read, and in a statement of its own, so the read sees a move that committed
  -- while this waited; a household that keeps its unit is already under the unit's re-paths.
  if TG_OP = 'INSERT' then
    perform 1 from unit u where u.id = new.unit_id for share;
  elsif new.unit_id is distinct from old.unit_id then
    perform 1 from unit u where u.id = new.unit_id for share;
  end if;
  select u.path, u.org_path, u.community_id, u.building_id, b.compound_id into parent
    from unit u join building b on b.id = u.building_id where u.id = new.unit_id;
  if not found then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'household_same_community');
  new.building_id := parent.building_id;
  new.compound_id := parent.compound_id;
  new.path := parent.path || ('h' || new.id)::ltree;
  new.org_path := parent.org_path;
  return new;
end $$;`;

const HOUSEHOLD_PATHS_GIVEN = String.raw`
create or replace function household_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
  -- The units before they are read (key order, so two inserts lock alike): none moves, nor does its
  -- building, until this transaction ends; one that moved while this waited is read as it is now.
  execute 'select 1 from unit u where u.id in (select n.unit_id from new_rows n) order by u.id for share of u';
  execute $q$
  select n.id, u.id is null as missing, u.community_id is distinct from n.community_id as other_community
    from new_rows n
    left join unit u on u.id = n.unit_id
    left join building b on b.id = u.building_id
   where u.id is null or u.community_id is distinct from n.community_id
      or n.building_id is distinct from u.building_id or n.compound_id is distinct from b.compound_id
      or n.path::text is distinct from (u.path || ('h' || n.id)::ltree)::text or n.org_path::text is distinct from u.org_path::text
   limit 1
  $q$ into bad;
  -- EXECUTE sets no FOUND: the row count says whether a row was bad.
  get diagnostics hits = row_count;
  if hits = 0 then return null; end if;
  if bad.missing then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'household_same_community';
  end if;
  raise exception 'household % does not have its unit''s paths', bad.id using errcode = '23514', constraint = 'household_paths_given';
end $$;`;

// The recount as in Migration20261206200000_replanned_given_checks, behind the rows' locks.
const REFRESH_COMPOUNDS = (lockFirst: boolean) => String.raw`
create or replace function lianxin_figures_refresh_compounds(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();${
    lockFirst
      ? `
  -- The rows first (compound order), then the counts in a statement that starts after the lock was
  -- granted, so they hold whatever the lock's previous holder committed.
  execute 'select 1 from lianxin_figures_compound f where f.compound_id = any ($1) order by f.compound_id for no key update'
    using p_ids;`
      : ''
  }
  -- Planned on each call with the tables as they are (Migration20261206200000_replanned_given_checks).
  execute $q$
  insert into lianxin_figures_compound as f
  select cp.id, cp.community_id, cp.archived_at is not null, cp.property_mode, coalesce(br.kind, 'NONE'), cp.branch_id,
         exists (select 1 from compound_branch_assignment a where a.compound_id = cp.id and a.until is null and a.reason = 'GRADUATED'),
         (select count(*) from household h where h.compound_id = cp.id and h.archived_at is null),
         (select count(*) from household h join building b on b.id = h.building_id
           where h.compound_id = cp.id and h.archived_at is null and b.group_id is not null),
         (select count(*) from person p join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null),
         (select count(*) from party_membership m join person p on p.id = m.person_id join household h on h.id = p.household_id
           where h.compound_id = cp.id and h.archived_at is null and p.archived_at is null and m.ended_on is null
             and m.organization_relation = 'EXTERNAL'),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null),
         (select count(*) from member_household mh join household h on h.id = mh.household_id
           where h.compound_id = cp.id and h.archived_at is null and mh.undesignated_on is null and mh.displays_plate),
         pc.id is not null,
         coalesce((select count(*) > 0 and 100 * count(*) filter (where cm.party_member) >= c.party_member_ratio_min * count(*)
                     from committee_member cm where cm.committee_id = pc.id), false),
         pc.term_end,
         exists (select 1 from committee_election e where e.compound_id = cp.id and e.status in ('NOMINATING', 'VOTED'))
    from compound cp
    join community c on c.id = cp.community_id
    left join compound_branch br on br.id = cp.branch_id
    left join property_committee pc on pc.compound_id = cp.id and pc.status = 'SITTING'
   where cp.id = any ($1)
  on conflict (compound_id) do update set
    community_id = excluded.community_id, archived = excluded.archived, property_mode = excluded.property_mode,
    branch_kind = excluded.branch_kind, branch_id = excluded.branch_id, graduated = excluded.graduated, households = excluded.households, grouped_households = excluded.grouped_households,
    residents = excluded.residents, party_members = excluded.party_members, external_party_members = excluded.external_party_members,
    member_households = excluded.member_households, plates = excluded.plates, committee_sitting = excluded.committee_sitting,
    committee_compliant = excluded.committee_compliant, committee_term_end = excluded.committee_term_end,
    election_open = excluded.election_open
  $q$ using p_ids;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;`;

export const TOUCH_PERSON = String.raw`
create or replace function lianxin_figures_touch_person() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_rows text;
  v_locked int[];
  v_c int[];
  v_r int[];
  v_m int[];
  v_e int[];
  v_done int;
begin
  perform lianxin_grant_everything();
  -- (Nested: a transition table a trigger does not have may not even be named in its condition.)
  if TG_OP = 'UPDATE' then
    if exists (select 1 from new_rows n where not exists (select 1 from old_rows o where o.id = n.id)) then
      perform lianxin_figures_refresh_compounds(array(
        select distinct h.compound_id from (select household_id from new_rows union select household_id from old_rows) x
          join household h on h.id = x.household_id));
      perform set_config('app.grant', coalesce(v_grant, ''), true);
      return null;
    end if;
  end if;
  v_rows := case TG_OP
    when 'INSERT' then 'select n.id, n.household_id, 1 as s from new_rows n where n.archived_at is null'
    when 'DELETE' then 'select o.id, o.household_id, -1 as s from old_rows o where o.archived_at is null'
    else 'select n.id, n.household_id, 1 as s from new_rows n where n.archived_at is null
          union all select o.id, o.household_id, -1 from old_rows o where o.archived_at is null'
  end;
  -- The compounds' rows before the difference is computed (compound order, as the recount locks
  -- them): it then sees their households and memberships as a recount that held them left them.
  execute format('select array(select distinct h.compound_id from (%s) x join household h on h.id = x.household_id order by 1)', v_rows)
    into v_locked;
  loop
    execute 'select 1 from lianxin_figures_compound f where f.compound_id = any ($1) order by f.compound_id for no key update'
      using v_locked;
    -- Planned with the tables as they are, once per statement (Migration20261206200000_replanned_given_checks).
    execute format($q$
      with k as (select id, household_id, sum(s)::int as s from (%s) x group by 1, 2 having sum(s) <> 0),
      d as (
        select h.compound_id, sum(k.s)::int as r, sum(k.s * m.n)::int as m, sum(k.s * m.e)::int as e
          from k
          join household h on h.id = k.household_id and h.archived_at is null
         cross join lateral (
           select count(*)::int as n, (count(*) filter (where pm.organization_relation = 'EXTERNAL'))::int as e
             from party_membership pm where pm.person_id = k.id and pm.ended_on is null) m
         group by 1)
      select array_agg(compound_id order by compound_id), array_agg(r order by compound_id),
             array_agg(m order by compound_id), array_agg(e order by compound_id)
        from d where r <> 0 or m <> 0 or e <> 0
    $q$, v_rows) into v_c, v_r, v_m, v_e;
    -- A household that moved to another compound while this waited: lock that one too and count again.
    exit when v_c is null or v_c <@ v_locked;
    v_locked := array(select distinct x from unnest(v_locked || v_c) x order by 1);
  end loop;
  if v_c is not null then
    update lianxin_figures_compound f
       set residents = f.residents + d.r, party_members = f.party_members + d.m, external_party_members = f.external_party_members + d.e
      from unnest(v_c, v_r, v_m, v_e) as d(c, r, m, e)
     where f.compound_id = d.c;
    get diagnostics v_done = row_count;
    if v_done < cardinality(v_c) then
      perform lianxin_figures_refresh_compounds(array(
        select u.c from unnest(v_c) as u(c) where not exists (select 1 from lianxin_figures_compound f where f.compound_id = u.c)));
    end if;
  end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;`;

const HOUSEHOLDS_ADDED = String.raw`
create or replace function lianxin_figures_households_added() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_missing int[];
begin
  perform lianxin_grant_everything();
  -- The rows of the compounds that gain active households, in compound order, before their
  -- buildings' groups are read for the difference.
  execute 'select 1 from lianxin_figures_compound f
            where f.compound_id in (select n.compound_id from new_rows n where n.archived_at is null)
            order by f.compound_id for no key update';
  -- Per compound: the new active households, and those of them in a building of a building group.
  execute $q$
  with d as (
    select n.compound_id, count(*)::int as n, (count(*) filter (where b.group_id is not null))::int as grouped
      from new_rows n join building b on b.id = n.building_id
     where n.archived_at is null
     group by n.compound_id
  )
  update lianxin_figures_compound f set households = f.households + d.n, grouped_households = f.grouped_households + d.grouped
    from d where f.compound_id = d.compound_id
  $q$;
  -- Archived households count nowhere: only a compound without a roll-up row yet is refreshed whole.
  execute $q$
  select array_agg(distinct n.compound_id) from new_rows n
   where not exists (select 1 from lianxin_figures_compound f where f.compound_id = n.compound_id)
  $q$ into v_missing;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  if v_missing is not null then perform lianxin_figures_refresh_compounds(v_missing); end if;
  return null;
end $$;`;

const UP = [HOUSEHOLD_PATHS, HOUSEHOLD_PATHS_GIVEN, REFRESH_COMPOUNDS(true), TOUCH_PERSON, HOUSEHOLDS_ADDED].join('\n');

// The functions as Migration20261209100000_household_insert_checks, Migration20261209200000_person_figures_by_difference
// and Migration20261206200000_replanned_given_checks left them.
const DOWN = String.raw`
create or replace function household_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select u.path, u.org_path, u.community_id, u.building_id, b.compound_id into parent
    from unit u join building b on b.id = u.building_id where u.id = new.unit_id
    -- The building stands for household_compound_id_foreign: its compound cannot change before this commits.
    for key share of b;
  if not found then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'household_same_community');
  new.building_id := parent.building_id;
  new.compound_id := parent.compound_id;
  new.path := parent.path || ('h' || new.id)::ltree;
  new.org_path := parent.org_path;
  return new;
end $$;

create or replace function household_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
  -- The buildings stand for household_compound_id_foreign: locked as its check locked a compound,
  -- before they are read, so none moves to another compound before this transaction ends.
  execute 'select 1 from building b where b.id in (select n.building_id from new_rows n) order by b.id for key share of b';
  execute $q$
  select n.id, u.id is null as missing, u.community_id is distinct from n.community_id as other_community
    from new_rows n
    left join unit u on u.id = n.unit_id
    left join building b on b.id = u.building_id
   where u.id is null or u.community_id is distinct from n.community_id
      or n.building_id is distinct from u.building_id or n.compound_id is distinct from b.compound_id
      or n.path::text is distinct from (u.path || ('h' || n.id)::ltree)::text or n.org_path::text is distinct from u.org_path::text
   limit 1
  $q$ into bad;
  -- EXECUTE sets no FOUND: the row count says whether a row was bad.
  get diagnostics hits = row_count;
  if hits = 0 then return null; end if;
  if bad.missing then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'household_same_community';
  end if;
  raise exception 'household % does not have its unit''s paths', bad.id using errcode = '23514', constraint = 'household_paths_given';
end $$;

${REFRESH_COMPOUNDS(false)}

create or replace function lianxin_figures_touch_person() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_rows text;
  v_c int[];
  v_r int[];
  v_m int[];
  v_e int[];
  v_done int;
begin
  perform lianxin_grant_everything();
  if TG_OP = 'UPDATE' then
    if exists (select 1 from new_rows n where not exists (select 1 from old_rows o where o.id = n.id)) then
      perform lianxin_figures_refresh_compounds(array(
        select distinct h.compound_id from (select household_id from new_rows union select household_id from old_rows) x
          join household h on h.id = x.household_id));
      perform set_config('app.grant', coalesce(v_grant, ''), true);
      return null;
    end if;
  end if;
  v_rows := case TG_OP
    when 'INSERT' then 'select n.id, n.household_id, 1 as s from new_rows n where n.archived_at is null'
    when 'DELETE' then 'select o.id, o.household_id, -1 as s from old_rows o where o.archived_at is null'
    else 'select n.id, n.household_id, 1 as s from new_rows n where n.archived_at is null
          union all select o.id, o.household_id, -1 from old_rows o where o.archived_at is null'
  end;
  execute format($q$
    with k as (select id, household_id, sum(s)::int as s from (%s) x group by 1, 2 having sum(s) <> 0),
    d as (
      select h.compound_id, sum(k.s)::int as r, sum(k.s * m.n)::int as m, sum(k.s * m.e)::int as e
        from k
        join household h on h.id = k.household_id and h.archived_at is null
       cross join lateral (
         select count(*)::int as n, (count(*) filter (where pm.organization_relation = 'EXTERNAL'))::int as e
           from party_membership pm where pm.person_id = k.id and pm.ended_on is null) m
       group by 1)
    select array_agg(compound_id order by compound_id), array_agg(r order by compound_id),
           array_agg(m order by compound_id), array_agg(e order by compound_id)
      from d where r <> 0 or m <> 0 or e <> 0
  $q$, v_rows) into v_c, v_r, v_m, v_e;
  if v_c is not null then
    perform 1 from lianxin_figures_compound where compound_id = any (v_c) order by compound_id for update;
    update lianxin_figures_compound f
       set residents = f.residents + d.r, party_members = f.party_members + d.m, external_party_members = f.external_party_members + d.e
      from unnest(v_c, v_r, v_m, v_e) as d(c, r, m, e)
     where f.compound_id = d.c;
    get diagnostics v_done = row_count;
    if v_done < cardinality(v_c) then
      perform lianxin_figures_refresh_compounds(array(
        select u.c from unnest(v_c) as u(c) where not exists (select 1 from lianxin_figures_compound f where f.compound_id = u.c)));
    end if;
  end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;

create or replace function lianxin_figures_households_added() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_missing int[];
begin
  perform lianxin_grant_everything();
  execute $q$
  with d as (
    select n.compound_id, count(*)::int as n, (count(*) filter (where b.group_id is not null))::int as grouped
      from new_rows n join building b on b.id = n.building_id
     where n.archived_at is null
     group by n.compound_id
  ), l as (
    select f.compound_id from lianxin_figures_compound f
     where f.compound_id in (select compound_id from d) order by f.compound_id for no key update
  ), u as (
    update lianxin_figures_compound f set households = f.households + d.n, grouped_households = f.grouped_households + d.grouped
      from d where f.compound_id = d.compound_id and f.compound_id in (select compound_id from l)
    returning f.compound_id
  )
  select array_agg(m.c) from (select distinct n.compound_id as c from new_rows n except select compound_id from u) m
  $q$ into v_missing;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  if v_missing is not null then perform lianxin_figures_refresh_compounds(v_missing); end if;
  return null;
end $$;
`;

export class Migration20261210100000_locks_before_reads extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
