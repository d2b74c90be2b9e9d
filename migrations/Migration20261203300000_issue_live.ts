import { Migration } from '@mikro-orm/migrations';

/*
 * Live updates for issues: every step written (by a handler, the reporter or the ladder's timer)
 * is announced on the `lianxin_live` channel. PostgreSQL delivers a NOTIFY only when its
 * transaction commits, and drops it on rollback, so only committed changes are announced, and
 * every API instance listening hears it. The payload carries ids only, never personal data:
 * subscribers re-read the issue under their own grant.
 */
const UP = String.raw`
create function issue_step_announce() returns trigger language plpgsql as $$
declare v_compound int;
begin
  select compound_id into v_compound from resident_issue where id = new.issue_id;
  perform pg_notify('lianxin_live', json_build_object(
    'topic', 'issue', 'communityId', new.community_id, 'compoundId', v_compound, 'issueId', new.issue_id, 'stepId', new.id)::text);
  return null;
end $$;
create trigger issue_step_announce after insert on issue_step for each row execute function issue_step_announce();
`;

export class Migration20261203300000_issue_live extends Migration {
  override async up(): Promise<void> {
    this.addSql(UP);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists issue_step_announce on issue_step; drop function if exists issue_step_announce();');
  }
}
