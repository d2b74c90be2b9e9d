import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Engagement's rules in the database (tables: the migration before). Every row's community is its
 * parents' (an appointment's person and compound, an offer's compound, a claim's offer and
 * membership, a reporting relation's membership, a profile's person); claims and reporting
 * relations are of EXTERNAL (双报到) memberships only; a profile sits in its member's compound;
 * row-level security on every table.
 *
 * Two reads cross the tenant lock on purpose, each as narrow as the relation it follows:
 * - lianxin_reported_claims: a home branch (in a community the caller reaches) reads the claims its
 *   members made while reporting elsewhere, through an explicit reporting_relation row the
 *   reporting community recorded, and only the claim's own fields, the member's name and where.
 * - lianxin_public_profiles: residents read the profiles of their compound's party members, the
 *   fields each member chose to show and the name, nothing else of the person.
 * - lianxin_cross_appointment_holders: the name of whoever holds a cross-appointed post (a public
 *   office), nothing else of the person.
 */

const TABLES = ['cross_appointment', 'service_offer', 'service_claim', 'reporting_relation', 'member_profile'];

const TRIGGERS = String.raw`
create function engagement_community_of(p_table text, p_id int) returns int language plpgsql stable as $$
declare found_community int;
begin
  if p_id is null then return null; end if;
  execute format('select community_id from %I where id = $1', p_table) into found_community using p_id;
  if found_community is null then
    raise exception '% % does not exist', p_table, p_id using errcode = '23503', constraint = 'engagement_parent_exists';
  end if;
  return found_community;
end $$;

create function engagement_reporting_member(p_membership int) returns void language plpgsql stable as $$
begin
  if not exists (select 1 from party_membership m where m.id = p_membership and m.organization_relation = 'EXTERNAL') then
    raise exception 'membership % is not a reporting (EXTERNAL) membership', p_membership
      using errcode = '23514', constraint = 'engagement_reporting_member';
  end if;
end $$;

create function engagement_checks() returns trigger language plpgsql as $$
declare parents int[]; c int; home int;
begin
  -- IF, not CASE: a branch naming another table's column is only planned when taken.
  if TG_TABLE_NAME = 'cross_appointment' then
    parents := array[engagement_community_of('person', new.person_id), engagement_community_of('compound', new.compound_id)];
  elsif TG_TABLE_NAME = 'service_offer' then
    parents := array[engagement_community_of('compound', new.compound_id)];
  elsif TG_TABLE_NAME = 'service_claim' then
    parents := array[engagement_community_of('service_offer', new.offer_id), engagement_community_of('party_membership', new.membership_id)];
    perform engagement_reporting_member(new.membership_id);
  elsif TG_TABLE_NAME = 'reporting_relation' then
    parents := array[engagement_community_of('party_membership', new.membership_id)];
    perform engagement_reporting_member(new.membership_id);
  else
    parents := array[engagement_community_of('person', new.person_id)];
    select h.compound_id into home from person p join household h on h.id = p.household_id where p.id = new.person_id;
    if home is null then
      raise exception 'person % lives in no compound of record', new.person_id using errcode = '23514', constraint = 'member_profile_has_compound';
    end if;
    new.compound_id := home;
  end if;
  foreach c in array parents loop
    if c is not null then new.community_id := lianxin_same_community(new.community_id, c, TG_TABLE_NAME || '_same_community'); end if;
  end loop;
  return new;
end $$;
`;

const READS = String.raw`
create function lianxin_reported_claims(p_branch_ids int[])
returns table (home_branch_id int, claim_id int, member_name text, community_name text, compound_name text, kind text, title text,
               claimed_on date, minutes int, outcome text, completed_on date)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select b.id, c.id, p.name::text, cm.name::text, cp.name::text, o.kind::text, o.title::text,
           c.claimed_on, c.minutes, c.outcome::text, c.completed_on
      from compound_branch b
      join reporting_relation r on r.home_branch_id = b.id
      join service_claim c on c.membership_id = r.membership_id
                          and c.claimed_on >= r.recorded_on and (r.ended_on is null or c.claimed_on <= r.ended_on)
      join service_offer o on o.id = c.offer_id
      join party_membership m on m.id = r.membership_id
      join person p on p.id = m.person_id
      join community cm on cm.id = c.community_id
      left join compound cp on cp.id = o.compound_id
     where b.id = any (p_branch_ids) and (v_all or b.community_id = any (v_reach))
     order by b.id, c.claimed_on desc, c.id;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;

create function lianxin_public_profiles(p_compound_ids int[])
returns table (compound_id int, profile_id int, person_name text, post text, duties text, pledge text, responsibility_zone text, pioneer_post text)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select f.compound_id, f.id, p.name::text,
           case when 'POST' = any (f.shown) then f.post::text end,
           case when 'DUTIES' = any (f.shown) then f.duties::text end,
           case when 'PLEDGE' = any (f.shown) then f.pledge::text end,
           case when 'RESPONSIBILITY_ZONE' = any (f.shown) then f.responsibility_zone::text end,
           case when 'PIONEER_POST' = any (f.shown) then f.pioneer_post::text end
      from member_profile f
      join person p on p.id = f.person_id
     where f.compound_id = any (p_compound_ids) and (v_all or f.community_id = any (v_reach))
       and cardinality(f.shown) > 0 and p.archived_at is null
       and exists (select 1 from party_membership m where m.person_id = f.person_id and m.ended_on is null)
     order by f.compound_id, f.id;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

const HOLDERS = String.raw`
create function lianxin_cross_appointment_holders(p_ids int[]) returns table (appointment_id int, name text)
language plpgsql volatile security definer set search_path = pg_catalog, public as $$
declare
  v_grant text := current_setting('app.grant', true);
  v_all boolean := lianxin_all_communities();
  v_reach int[] := lianxin_community_ids();
begin
  perform lianxin_grant_everything();
  return query
    select a.id, p.name::text from cross_appointment a join person p on p.id = a.person_id
     where a.id = any (p_ids) and (v_all or a.community_id = any (v_reach))
     order by a.id;
  perform set_config('app.grant', coalesce(v_grant, ''), true);
end $$;
`;

export class Migration20261203500100_engagement_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) {
      this.addSql(`create trigger ${table}_checks before insert or update on ${table} for each row execute function engagement_checks();`);
      this.addSql(policy(table));
    }
    this.addSql(READS);
    this.addSql(HOLDERS);
  }

  override async down(): Promise<void> {
    this.addSql(
      'drop function if exists lianxin_cross_appointment_holders(int[]); drop function if exists lianxin_public_profiles(int[]); drop function if exists lianxin_reported_claims(int[]);',
    );
    for (const table of TABLES) {
      this.addSql(dropPolicy(table));
      this.addSql(`drop trigger if exists ${table}_checks on ${table};`);
    }
    this.addSql(
      'drop function if exists engagement_checks(); drop function if exists engagement_reporting_member(int); drop function if exists engagement_community_of(text, int);',
    );
  }
}
