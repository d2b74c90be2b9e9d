import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * Meetings' rows belong to their meeting's community and name only that community's schedules,
 * compounds, persons, issues, proposals and steps; row-level security on every table.
 */

const TABLES = ['meeting_occurrence', 'meeting_agenda_item', 'meeting_attendance', 'meeting_decision', 'meeting_issue_intake'];

/** A child row takes its community from its meeting and refuses another community's references. */
function childChecks(table: string, references: Array<[string, string]>): string {
  const columns = references.map(([, column]) => column);
  return `
create function ${table}_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from meeting_occurrence where id = new.occurrence_id;
  if not found then raise exception 'meeting % does not exist', new.occurrence_id using errcode = '23503', constraint = '${table}_occurrence_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, '${table}_same_community');
${references.map(([ref, column]) => `  perform lianxin_require_same_community('${ref}', new.${column}, new.community_id, '${table}_${column}_same_community');`).join('\n')}
  return new;
end $$;
create trigger ${table}_checks before insert or update of community_id, occurrence_id${columns.map((c) => `, ${c}`).join('')} on ${table}
  for each row execute function ${table}_checks();
`;
}

const TRIGGERS = String.raw`
create function meeting_occurrence_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('meeting_schedule', new.schedule_id, new.community_id, 'meeting_occurrence_schedule_same_community');
  perform lianxin_require_same_community('compound', new.compound_id, new.community_id, 'meeting_occurrence_compound_same_community');
  return new;
end $$;
create trigger meeting_occurrence_checks before insert or update of community_id, schedule_id, compound_id on meeting_occurrence
  for each row execute function meeting_occurrence_checks();
`;

export class Migration20261203100100_meeting_occurrence_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    this.addSql(
      childChecks('meeting_agenda_item', [
        ['resident_issue', 'issue_id'],
        ['expenditure_proposal', 'proposal_id'],
      ]),
    );
    this.addSql(
      childChecks('meeting_attendance', [
        ['person', 'person_id'],
        ['person', 'proxy_id'],
      ]),
    );
    this.addSql(
      childChecks('meeting_decision', [
        ['meeting_agenda_item', 'agenda_item_id'],
        ['issue_step', 'issue_step_id'],
        ['proposal_transition', 'proposal_transition_id'],
      ]),
    );
    this.addSql(childChecks('meeting_issue_intake', [['resident_issue', 'issue_id']]));
    for (const table of TABLES) this.addSql(policy(table));
  }

  override async down(): Promise<void> {
    for (const table of TABLES) this.addSql(dropPolicy(table));
    for (const name of TABLES) this.addSql(`drop trigger if exists ${name}_checks on ${name}; drop function if exists ${name}_checks();`);
  }
}
