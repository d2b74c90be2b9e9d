import { Migration } from '@mikro-orm/migrations';

/*
 * A person's paths are its household's, also when the household moves at the same moment (review of
 * 2026-12-04; the list of a household's persons copies the household's paths and relies on it).
 *
 * person_paths read the household and only then did the person's foreign key lock it (FOR KEY
 * SHARE, after the read). A household moving to another unit (a key update: unit_id is in
 * household_unit_id_door_no_unique) made the insert wait on that key lock with the old paths already
 * read; a household re-pathed by a building-group change (a non-key update of its org_path) did not
 * make it wait at all. Either way household_cascade, re-pathing the household's persons, could not
 * see the person not yet committed, and the person kept the old paths for good. The bulk check
 * (person_paths_given) compared the given paths with a household read the same way.
 *
 * As Migration20261210100000_locks_before_reads does for a household and its unit: the household is
 * locked FOR SHARE, in a statement of its own, before it is read — per row on insert and on a change
 * of household, per statement (households in key order) for the bulk check. Whichever comes first,
 * the other waits: a move that waited re-paths the person committed under the household, a person
 * that waited reads the moved household, and a bulk insert that brought the old paths is refused.
 * A person re-pathed by household_cascade keeps its household and takes no lock (the cascade's own
 * transaction holds the household). Top down, as every writer locks (docs/decisions.md).
 */

const PERSON_PATHS = String.raw`
create or replace function person_paths() returns trigger language plpgsql as $$
declare parent record;
begin
  if new.household_id is null then
    select c.path, null::ltree as org_path, c.id as community_id into parent from community c where c.id = new.community_id;
    if not found then raise exception 'community does not exist' using errcode = '23503', constraint = 'person_community_id_foreign'; end if;
  else
    -- Before the household is read, and in a statement of its own, so the read sees a move that
    -- committed while this waited.
    if TG_OP = 'INSERT' then
      perform 1 from household h where h.id = new.household_id for share;
    elsif new.household_id is distinct from old.household_id then
      perform 1 from household h where h.id = new.household_id for share;
    end if;
    select h.path, h.org_path, h.community_id into parent from household h where h.id = new.household_id;
    if not found then raise exception 'household does not exist' using errcode = '23503', constraint = 'person_household_id_foreign'; end if;
  end if;
  new.community_id := lianxin_same_community(new.community_id, parent.community_id, 'person_same_community');
  new.path := parent.path;
  new.org_path := parent.org_path;
  return new;
end $$;`;

const PERSON_PATHS_BEFORE = String.raw`
create or replace function person_paths() returns trigger language plpgsql as $$
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
end $$;`;

// The check as Migration20261209200000_person_figures_by_difference left it; LOCK goes first.
const PERSON_PATHS_GIVEN = (lock: string) => String.raw`
create or replace function person_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin${lock}
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
end $$;`;

const LOCK_HOUSEHOLDS = String.raw`
  -- The households before they are read (key order, so two inserts lock alike): none moves until
  -- this transaction ends; one that moved while this waited is read as it is now.
  execute 'select 1 from household h where h.id in (select n.household_id from new_rows n) order by h.id for share of h';`;

export class Migration20261213100000_persons_lock_their_household extends Migration {
  override async up(): Promise<void> {
    this.addSql([PERSON_PATHS, PERSON_PATHS_GIVEN(LOCK_HOUSEHOLDS)].join('\n'));
  }

  override async down(): Promise<void> {
    this.addSql([PERSON_PATHS_BEFORE, PERSON_PATHS_GIVEN('')].join('\n'));
  }
}
