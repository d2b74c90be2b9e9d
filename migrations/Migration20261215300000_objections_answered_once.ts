import { Migration } from '@mikro-orm/migrations';

/*
 * An objection is answered once. The rating of a quarter (and the figures' roll-up) counts an
 * objection as answered when its answer came before the quarter's end; answerServiceObjection used
 * to overwrite the answer and its time, so answering again after the quarter closed turned an
 * answered objection unanswered there and changed a closed quarter's score and flags. The service
 * refuses a second answer (ALREADY_ANSWERED); this trigger refuses it for every writer.
 */

const ANSWERED_ONCE = String.raw`
create function service_objection_answered_once() returns trigger language plpgsql as $$
begin
  if old.answered_at is not null
     and (new.answered_at is distinct from old.answered_at or new.answer is distinct from old.answer
          or new.answered_by is distinct from old.answered_by) then
    raise exception 'objection % was answered at %: an answer is given once', old.id, old.answered_at
      using errcode = '23514', constraint = 'service_objection_answered_once';
  end if;
  return new;
end $$;
create trigger service_objection_answered_once before update of answer, answered_at, answered_by on service_objection
  for each row execute function service_objection_answered_once();
`;

export class Migration20261215300000_objections_answered_once extends Migration {
  override async up(): Promise<void> {
    this.addSql(ANSWERED_ONCE);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists service_objection_answered_once on service_objection;');
    this.addSql('drop function if exists service_objection_answered_once();');
  }
}
