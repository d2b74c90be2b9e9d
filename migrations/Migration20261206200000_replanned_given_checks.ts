import { Migration } from '@mikro-orm/migrations';

/*
 * The statement-level checks of bulk inserts (household_paths_given, person_paths_given,
 * external_id_checks_given) planned per statement. As static plpgsql queries over a transition table
 * they have no parameters, so each connection planned them once, when it first ran them, and kept
 * that plan: on a fresh or fast-growing database, a plan made while the tables were tiny (sequential
 * scans) was kept while they grew, and every check scanned whole tables once per inserted row. On a
 * first sync into an empty database the external IDs' check took 1 s for the second call of 1,000 and
 * 4.6 s for the third, growing with every call. Run through EXECUTE, each statement's check is planned
 * with the tables as they are (index lookups), once per statement, not per row.
 */

const UP = String.raw`
create or replace function household_paths_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
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

create or replace function external_id_checks_given() returns trigger language plpgsql as $$
declare bad record; hits int;
begin
  execute $q$
  select n.node_type, n.node_id, x.node_community, x.node_type_has_community
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
   limit 1
  $q$ into bad;
  get diagnostics hits = row_count;
  if hits = 0 then return null; end if;
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
`;

const DOWN = String.raw`
create or replace function household_paths_given() returns trigger language plpgsql as $$
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

create or replace function person_paths_given() returns trigger language plpgsql as $$
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

create or replace function external_id_checks_given() returns trigger language plpgsql as $$
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
`;

export class Migration20261206200000_replanned_given_checks extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql(DOWN);
  }
}
