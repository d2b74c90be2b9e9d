import { Migration } from '@mikro-orm/migrations';

/*
 * Planned per statement: the statement-level checks of bulk inserts (household_paths_given,
 * person_paths_given, external_id_checks_given) and the compounds' figures roll-up
 * (lianxin_figures_refresh_compounds, run once per statement that changes households or persons).
 * As static plpgsql queries each connection kept the plan it made when it first ran them (the checks
 * have no parameters; the roll-up's generic plan won after five calls): on a fresh or fast-growing
 * database, a plan made while the tables were tiny (sequential scans) was kept while they grew, and
 * scanned whole tables once per row. On a first sync into a fresh database the external IDs' check
 * took 1 s for the second call of 1,000 and 4.6 s for the third; the roll-up counted a compound's
 * residents with a scan of all persons per household, 8 s for the tenth call of 1,000 persons (the
 * request timed out). Through EXECUTE each is planned with the tables as they are, once per
 * statement (well under a millisecond), never per row. What they check and compute is unchanged.
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

create or replace function lianxin_figures_refresh_compounds(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();
  -- Planned on each call with the tables as they are (see the note at the top of this migration).
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

create or replace function lianxin_figures_refresh_compounds(p_ids int[]) returns void
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare v_grant text := current_setting('app.grant', true);
begin
  if p_ids is null or cardinality(p_ids) = 0 then return; end if;
  perform lianxin_grant_everything();
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
   where cp.id = any (p_ids)
  on conflict (compound_id) do update set
    community_id = excluded.community_id, archived = excluded.archived, property_mode = excluded.property_mode,
    branch_kind = excluded.branch_kind, branch_id = excluded.branch_id, graduated = excluded.graduated, households = excluded.households, grouped_households = excluded.grouped_households,
    residents = excluded.residents, party_members = excluded.party_members, external_party_members = excluded.external_party_members,
    member_households = excluded.member_households, plates = excluded.plates, committee_sitting = excluded.committee_sitting,
    committee_compliant = excluded.committee_compliant, committee_term_end = excluded.committee_term_end,
    election_open = excluded.election_open;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
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
