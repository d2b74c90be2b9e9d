import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Property committees' rules in the database (tables: the migration before): tenant keys from the
 * parent row (committee and election from the compound; members from the committee; candidates from
 * the election), persons and groups of the same community, and row-level security.
 */

const TABLES = ['property_committee', 'committee_member', 'committee_election', 'candidate'];

const TRIGGERS = String.raw`
create function lianxin_compound_child() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = TG_TABLE_NAME || '_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, TG_TABLE_NAME || '_same_community');
  if TG_TABLE_NAME = 'property_committee' then
    perform lianxin_require_same_community('person', new.party_secretary_id, new.community_id, 'property_committee_secretary_same_community');
  end if;
  return new;
end $$;
create trigger property_committee_checks before insert or update of community_id, compound_id, party_secretary_id on property_committee
  for each row execute function lianxin_compound_child();
create trigger committee_election_checks before insert or update of community_id, compound_id on committee_election
  for each row execute function lianxin_compound_child();

create function committee_member_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from property_committee where id = new.committee_id;
  if not found then raise exception 'committee % does not exist', new.committee_id using errcode = '23503', constraint = 'committee_member_committee_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'committee_member_same_community');
  perform lianxin_require_same_community('person', new.person_id, new.community_id, 'committee_member_person_same_community');
  return new;
end $$;
create trigger committee_member_checks before insert or update of community_id, committee_id, person_id on committee_member
  for each row execute function committee_member_checks();

create function candidate_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from committee_election where id = new.election_id;
  if not found then raise exception 'election % does not exist', new.election_id using errcode = '23503', constraint = 'candidate_election_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'candidate_same_community');
  perform lianxin_require_same_community('person', new.person_id, new.community_id, 'candidate_person_same_community');
  perform lianxin_require_same_community('building_group', new.nominating_group_id, new.community_id, 'candidate_group_same_community');
  return new;
end $$;
create trigger candidate_checks before insert or update of community_id, election_id, person_id, nominating_group_id on candidate
  for each row execute function candidate_checks();
`;

export class Migration20261123134100_committee_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(dropPolicy(table));
    this.addSql(
      'drop trigger if exists property_committee_checks on property_committee; drop trigger if exists committee_election_checks on committee_election;',
    );
    this.addSql(
      'drop trigger if exists committee_member_checks on committee_member; drop trigger if exists candidate_checks on candidate;',
    );
    for (const fn of ['lianxin_compound_child', 'committee_member_checks', 'candidate_checks'])
      this.addSql(`drop function if exists ${fn}();`);
  }
}
