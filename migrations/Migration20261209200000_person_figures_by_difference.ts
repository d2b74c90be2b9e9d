import { Migration } from '@mikro-orm/migrations';

/*
 * The compounds' figures roll-up kept by difference on writes to persons (bench/RESULTS.md, "Sync —
 * the persons' first run"): a statement that inserted 1,000 persons recounted every resident and
 * party member of their compounds (lianxin_figures_refresh_compounds), so a first sync into one
 * compound grew slower with every call (the hundredth call of 1,000 counted 100,000 persons).
 *
 * A person counts in the compound of their household while both are active: one resident, and one
 * party member (external ones also in their column) per current membership. A statement on person
 * changes neither households nor memberships, so its difference is what its new rows count minus
 * what its old rows counted, each with the household and memberships as they are now: rows that
 * keep their household and their archived state cancel out (a re-sealed phone changes nothing).
 * The sums are added to the compounds' rows, locked in key order, the same rows the recount wrote;
 * two concurrent writers both count (a recount could overwrite the other's with its own snapshot).
 *
 * Still recounted: a compound without a roll-up row yet, and an update that changes persons' keys
 * (their memberships follow by the foreign key's cascade, which this difference does not see).
 * Every other table's triggers, households' included, are unchanged.
 */

const UP = String.raw`
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
  if v_c is not null then
    -- Key order, so two statements touching the same compounds take their row locks alike.
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

-- The persons' statement check: each new row's household (or community) by one probe of its key.
-- As a join, with the statistics of a table that was small when last analyzed (a first import),
-- the planner scanned every household once per new row (a nested loop over a materialized scan:
-- 500,000 comparisons for 1,000 persons among 1,000 households, 0.2–0.5 s, and growing with the
-- households); a lateral subquery with limit 1 cannot be flattened. What it checks is unchanged.
create or replace function person_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
  execute $q$
  select n.id, n.household_id is not null and h.id is null as no_household, n.household_id is null and c.id is null as no_community,
         coalesce(h.community_id, c.id) is distinct from n.community_id as other_community
    from new_rows n
    left join lateral (select h.id, h.community_id, h.path, h.org_path from household h where h.id = n.household_id limit 1) h on true
    left join lateral (select c.id, c.path from community c where c.id = n.community_id and n.household_id is null limit 1) c on true
   where (n.household_id is not null and h.id is null) or (n.household_id is null and c.id is null)
      or coalesce(h.community_id, c.id) is distinct from n.community_id
      or n.path::text is distinct from coalesce(h.path, c.path)::text
      or n.org_path::text is distinct from (case when n.household_id is null then null else h.org_path end)::text
   limit 1
  $q$ into bad;
  get diagnostics hits = row_count;
  if hits = 0 then return null; end if;
  if bad.no_household then raise exception 'household does not exist' using errcode = '23503', constraint = 'person_household_id_foreign'; end if;
  if bad.no_community then raise exception 'community does not exist' using errcode = '23503', constraint = 'person_community_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'person_same_community';
  end if;
  raise exception 'person % does not have their household''s paths', bad.id using errcode = '23514', constraint = 'person_paths_given';
end $$;
`;

// Migration20261202100000_figures's recount of the touched compounds; Migration20261206200000_replanned_given_checks's check.
const DOWN = String.raw`
create or replace function lianxin_figures_touch_person() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  if TG_OP in ('INSERT', 'UPDATE') then perform lianxin_figures_refresh_compounds(array(select distinct h.compound_id from new_rows x join household h on h.id = x.household_id)); end if;
  if TG_OP in ('UPDATE', 'DELETE') then perform lianxin_figures_refresh_compounds(array(select distinct h.compound_id from old_rows x join household h on h.id = x.household_id)); end if;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;
create or replace function person_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
  execute $q$
  select n.id, n.household_id is not null and h.id is null as no_household, n.household_id is null and c.id is null as no_community,
         coalesce(h.community_id, c.id) is distinct from n.community_id as other_community
    from new_rows n
    left join household h on h.id = n.household_id
    left join community c on c.id = n.community_id and n.household_id is null
   where (n.household_id is not null and h.id is null) or (n.household_id is null and c.id is null)
      or coalesce(h.community_id, c.id) is distinct from n.community_id
      or n.path::text is distinct from coalesce(h.path, c.path)::text
      or n.org_path::text is distinct from (case when n.household_id is null then null else h.org_path end)::text
   limit 1
  $q$ into bad;
  get diagnostics hits = row_count;
  if hits = 0 then return null; end if;
  if bad.no_household then raise exception 'household does not exist' using errcode = '23503', constraint = 'person_household_id_foreign'; end if;
  if bad.no_community then raise exception 'community does not exist' using errcode = '23503', constraint = 'person_community_id_foreign'; end if;
  if bad.other_community then
    raise exception 'row belongs to another community than its parent' using errcode = '23514', constraint = 'person_same_community';
  end if;
  raise exception 'person % does not have their household''s paths', bad.id using errcode = '23514', constraint = 'person_paths_given';
end $$;
`;

export class Migration20261209200000_person_figures_by_difference extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
