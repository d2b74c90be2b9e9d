import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Assignment and mediation rules in the database (tables: the migration before): rows of their
 * issue's community, naming persons and property companies of that community only; row-level security.
 */

const TABLES = ['issue_assignment', 'mediation'];

const TRIGGERS = String.raw`
create function issue_assignment_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from resident_issue where id = new.issue_id;
  if not found then raise exception 'issue % does not exist', new.issue_id using errcode = '23503', constraint = 'issue_assignment_issue_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'issue_assignment_same_community');
  perform lianxin_require_same_community('person', new.person_id, new.community_id, 'issue_assignment_person_same_community');
  perform lianxin_require_same_community('property_company', new.property_company_id, new.community_id, 'issue_assignment_company_same_community');
  return new;
end $$;
create trigger issue_assignment_checks before insert or update of community_id, issue_id, person_id, property_company_id on issue_assignment
  for each row execute function issue_assignment_checks();

create function mediation_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from resident_issue where id = new.issue_id;
  if not found then raise exception 'issue % does not exist', new.issue_id using errcode = '23503', constraint = 'mediation_issue_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'mediation_same_community');
  perform lianxin_require_same_community('person', new.mediator_id, new.community_id, 'mediation_mediator_same_community');
  return new;
end $$;
create trigger mediation_checks before insert or update of community_id, issue_id, mediator_id on mediation
  for each row execute function mediation_checks();
`;

export class Migration20261202300300_issue_handling_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(dropPolicy(table));
    for (const name of TABLES) this.addSql(`drop trigger if exists ${name}_checks on ${name}; drop function if exists ${name}_checks();`);
  }
}
