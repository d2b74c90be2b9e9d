import { Migration } from '@mikro-orm/migrations';

/*
 * A bulk insert of households pays PostgreSQL per row for checks that one statement makes once
 * (bench/RESULTS.md, "Sync — a first run's households in PostgreSQL"):
 *
 * - Three of household's four foreign keys are implied by the fourth. building_id, compound_id and
 *   community_id are the unit's (household_paths derives them per row, household_paths_given checks
 *   every row of a bulk insert, unit_cascade re-derives them when the unit moves), and the unit's
 *   own keys make them exist: household_unit_id_foreign → unit, unit_building_id_foreign →
 *   building, building_compound_id_foreign → compound, unit_community_id_foreign → community, each
 *   ON DELETE RESTRICT. So a household's building, compound and community cannot be deleted while
 *   it stands, and an insert naming a missing or foreign one is refused, as before.
 *   What a foreign key's check also did is lock the row it found until the end of the transaction;
 *   a unit's is still locked (its foreign key stays, and a move to another building is an update of
 *   a key column, which that lock blocks). The building's row is now locked the same way (FOR KEY
 *   SHARE, once per statement, before reading it) by the checks that derive or check compound_id, so
 *   a building cannot move to another compound between the check and the commit; the community
 *   of a unit never changes (lianxin_same_community refuses a child in another community than
 *   its parent all the way up). Deleting a building or compound that still has households fails
 *   on unit_building_id_foreign or building_compound_id_foreign instead (the API archives, never
 *   deletes; any foreign key violation is the same NOT_FOUND to a caller).
 *   An earlier profile put the four checks at ~125 ms per 1,000 rows.
 * - The compounds' figures roll-up recounted the whole compound (households, residents, party
 *   members… with joins over every household) after each statement inserting households: its cost
 *   grew with the compound (100,000 households after a full sync). A new household has no persons,
 *   member household or membership yet (their foreign keys need it to exist), so an insert changes
 *   only `households` and `grouped_households`: they are now added to, per compound, like the
 *   buildings' household counts (two concurrent inserts both count; a recount could lose one). A
 *   compound without a roll-up row is still refreshed whole. Updates and deletes still recount.
 */

const HOUSEHOLD_PATHS = (lock: boolean) => String.raw`
create or replace function household_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  select u.path, u.org_path, u.community_id, u.building_id, b.compound_id into parent
    from unit u join building b on b.id = u.building_id where u.id = new.unit_id${
      lock
        ? `\n    -- The building stands for household_compound_id_foreign: its compound cannot change before this commits.\n    for key share of b`
        : ''
    };
  if not found then raise exception 'unit does not exist' using errcode = '23503', constraint = 'household_unit_id_foreign'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'household_same_community');
  new.building_id := parent.building_id;
  new.compound_id := parent.compound_id;
  new.path := parent.path || ('h' || new.id)::ltree;
  new.org_path := parent.org_path;
  return new;
end $$;`;

const HOUSEHOLD_PATHS_GIVEN = (lock: boolean) => String.raw`
create or replace function household_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin${
  lock
    ? `
  -- The buildings stand for household_compound_id_foreign: locked as its check locked a compound,
  -- before they are read, so none moves to another compound before this transaction ends.
  execute 'select 1 from building b where b.id in (select n.building_id from new_rows n) order by b.id for key share of b';`
    : ''
}
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

const UP = String.raw`
alter table household drop constraint household_community_id_foreign,
  drop constraint household_compound_id_foreign,
  drop constraint household_building_id_foreign;
${HOUSEHOLD_PATHS(true)}
${HOUSEHOLD_PATHS_GIVEN(true)}

create function lianxin_figures_households_added() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_missing int[];
begin
  perform lianxin_grant_everything();
  -- Per compound: the new active households, and those of them in a building of a building group.
  -- The rows locked in compound order, so two inserts into the same compounds lock alike.
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
  -- A compound without a roll-up row yet (or only archived households): the whole row, as before.
  if v_missing is not null then perform lianxin_figures_refresh_compounds(v_missing); end if;
  return null;
end $$;
drop trigger lianxin_figures_insert on household;
create trigger lianxin_figures_insert after insert on household referencing new table as new_rows
  for each statement execute function lianxin_figures_households_added();
`;

const DOWN = String.raw`
drop trigger lianxin_figures_insert on household;
create trigger lianxin_figures_insert after insert on household referencing new table as new_rows
  for each statement execute function lianxin_figures_touch_household();
drop function lianxin_figures_households_added();
${HOUSEHOLD_PATHS_GIVEN(false)}
${HOUSEHOLD_PATHS(false)}
alter table household
  add constraint household_community_id_foreign foreign key (community_id) references community (id) on update no action on delete restrict,
  add constraint household_compound_id_foreign foreign key (compound_id) references compound (id) on update cascade on delete restrict,
  add constraint household_building_id_foreign foreign key (building_id) references building (id) on update cascade on delete restrict;
`;

export class Migration20261209100000_household_insert_checks extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
