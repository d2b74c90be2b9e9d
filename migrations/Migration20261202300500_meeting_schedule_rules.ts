import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/* A schedule of a compound belongs to the compound's community; row-level security. */

const TRIGGER = String.raw`
create function meeting_schedule_checks() returns trigger language plpgsql as $$
begin
  perform lianxin_require_same_community('compound', new.compound_id, new.community_id, 'meeting_schedule_compound_same_community');
  return new;
end $$;
create trigger meeting_schedule_checks before insert or update of community_id, compound_id on meeting_schedule
  for each row execute function meeting_schedule_checks();
`;

export class Migration20261202300500_meeting_schedule_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGER);
    this.addSql(policy('meeting_schedule'));
  }

  override async down(): Promise<void> {
    this.addSql(dropPolicy('meeting_schedule'));
    this.addSql('drop trigger if exists meeting_schedule_checks on meeting_schedule; drop function if exists meeting_schedule_checks();');
  }
}
