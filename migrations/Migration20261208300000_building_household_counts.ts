import { Migration } from '@mikro-orm/migrations';

/*
 * A building's active households counted once per write instead of on every read (bench/RESULTS.md,
 * "Issue 15 — q1counts"): Q1 counted 24,000 household index entries under the caller's policy for
 * its 480 buildings' `households { totalCount }` on every request.
 *
 * One row per building and community: how many active households of the building carry that
 * community. The household policy decides a row's visibility by its community alone, so the roll-up
 * gets the very same policy, and summing the rows a caller may see is the count of the building's
 * active households the caller may see, whoever asks (a caller whose residents' lock does not reach
 * the community sees no row, as they see no household). A test compares the two policies.
 *
 * Kept in the writing transaction by after-statement triggers on household: each statement adds the
 * difference it makes per (building, community), an upsert that adds rather than recounts, so two
 * concurrent writers to one building both count (the second waits for the first's row lock). Rows
 * that fall to zero stay (a sum over them is still right). No foreign keys: a building's row would
 * otherwise block deleting the building after its households are gone.
 */

const RULE = `((select lianxin_all_residents()) or community_id = any ((select lianxin_resident_community_ids())::int[]))`;

const UP = String.raw`
create table lianxin_building_households (
  building_id int not null,
  community_id int not null,
  households int not null,
  primary key (building_id, community_id)
);
alter table lianxin_building_households enable row level security;
alter table lianxin_building_households force row level security;
create policy lianxin_building_households_tenant on lianxin_building_households using ${RULE} with check ${RULE};
revoke insert, update, delete, truncate on lianxin_building_households from lianxin_app;
grant select on lianxin_building_households to lianxin_app;

create function lianxin_building_households_touch() returns trigger
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_b int[];
  v_c int[];
  v_n int[];
begin
  if TG_OP = 'TRUNCATE' then
    perform lianxin_grant_everything();
    delete from lianxin_building_households;
    perform set_config('app.grant', coalesce(v_grant, ''), true);
    return null;
  elsif TG_OP = 'INSERT' then
    select array_agg(building_id), array_agg(community_id), array_agg(n) into v_b, v_c, v_n
      from (select building_id, community_id, count(*)::int as n from new_rows where archived_at is null group by 1, 2) d;
  elsif TG_OP = 'DELETE' then
    select array_agg(building_id), array_agg(community_id), array_agg(n) into v_b, v_c, v_n
      from (select building_id, community_id, -count(*)::int as n from old_rows where archived_at is null group by 1, 2) d;
  else
    select array_agg(building_id), array_agg(community_id), array_agg(n) into v_b, v_c, v_n
      from (select building_id, community_id, sum(n)::int as n
              from (select building_id, community_id, 1 as n from new_rows where archived_at is null
                    union all
                    select building_id, community_id, -1 from old_rows where archived_at is null) x
             group by 1, 2 having sum(n) <> 0) d;
  end if;
  if v_b is null then return null; end if;
  -- The writer may not see every community's row it changes (the policy's check); the grant for
  -- everything only for this write, the caller's own back before returning.
  perform lianxin_grant_everything();
  -- Key order, so two statements touching the same buildings take their row locks alike.
  insert into lianxin_building_households as b (building_id, community_id, households)
  select d.b, d.c, d.n from unnest(v_b, v_c, v_n) d(b, c, n) order by d.b, d.c
  on conflict (building_id, community_id) do update set households = b.households + excluded.households;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
  return null;
end $$;

create trigger lianxin_building_households_insert after insert on household
  referencing new table as new_rows for each statement execute function lianxin_building_households_touch();
create trigger lianxin_building_households_update after update on household
  referencing old table as old_rows new table as new_rows for each statement execute function lianxin_building_households_touch();
create trigger lianxin_building_households_delete after delete on household
  referencing old table as old_rows for each statement execute function lianxin_building_households_touch();
create trigger lianxin_building_households_truncate after truncate on household
  for each statement execute function lianxin_building_households_touch();

do $$
declare v_grant text := current_setting('app.grant', true);
begin
  perform lianxin_grant_everything();
  insert into lianxin_building_households (building_id, community_id, households)
  select building_id, community_id, count(*)::int from household where archived_at is null group by 1, 2;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

const DOWN = String.raw`
drop trigger if exists lianxin_building_households_insert on household;
drop trigger if exists lianxin_building_households_update on household;
drop trigger if exists lianxin_building_households_delete on household;
drop trigger if exists lianxin_building_households_truncate on household;
drop function if exists lianxin_building_households_touch();
drop table if exists lianxin_building_households;
`;

export class Migration20261208300000_building_household_counts extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
