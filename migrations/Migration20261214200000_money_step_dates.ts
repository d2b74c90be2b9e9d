import { Migration } from '@mikro-orm/migrations';

/*
 * A proposal's steps are dated in order, held by the database as well as by the service
 * (finance/step-dates.ts):
 *
 * - `expenditure_proposal.proposed_on`: the community's local day the spend was proposed. The
 *   service sets it from the request's clock; a writer that leaves it out gets the local day
 *   (UTC+8) of `created_at`, which is what existing rows get too. It never changes afterwards.
 * - A step's meeting day (`proposal_transition.meeting_on`) is on or after the proposal's day and
 *   on or after the latest meeting day already recorded for the proposal.
 * - A payment (a ledger entry of the proposal) is dated on or after the same two; before the
 *   account's opening and in a published month it was refused already (money_dates).
 *
 * "Not in the future" stays the service's: it is the request's clock that says what today is,
 * not the database's. Only inserts are checked, so rows recorded before this migration (some of
 * them back-dated) stay as they are: the ledger and the step record are append-only, and a
 * correction is a later entry, not an edit.
 */

const PROPOSED_ON = String.raw`
create function expenditure_proposal_proposed_on() returns trigger language plpgsql as $$
begin
  if TG_OP = 'INSERT' then
    if new.proposed_on is null then
      new.proposed_on := (coalesce(new.created_at, current_timestamp) at time zone 'Asia/Shanghai')::date;
    end if;
  elsif new.proposed_on is distinct from old.proposed_on then
    raise exception 'the day a spend was proposed (%) does not change', old.proposed_on
      using errcode = '23514', constraint = 'expenditure_proposal_proposed_on_fixed';
  end if;
  return new;
end $$;
create trigger expenditure_proposal_proposed_on before insert or update of proposed_on on expenditure_proposal
  for each row execute function expenditure_proposal_proposed_on();
`;

const STEP_ORDER = String.raw`
create function proposal_transition_date_order() returns trigger language plpgsql as $$
declare
  v_proposed date;
  v_last date;
begin
  if new.meeting_on is null then return new; end if;
  select proposed_on into v_proposed from expenditure_proposal where id = new.proposal_id;
  if not found then return new; end if; -- the reference check reports it
  if new.meeting_on < v_proposed then
    raise exception 'the step is dated % but the spend was proposed on %', new.meeting_on, v_proposed
      using errcode = '23514', constraint = 'proposal_transition_before_proposal';
  end if;
  select max(meeting_on) into v_last from proposal_transition where proposal_id = new.proposal_id;
  if v_last is not null and new.meeting_on < v_last then
    raise exception 'the step is dated % but an earlier step of the proposal is dated %', new.meeting_on, v_last
      using errcode = '23514', constraint = 'proposal_transition_before_previous_step';
  end if;
  return new;
end $$;
create trigger proposal_transition_date_order before insert on proposal_transition
  for each row execute function proposal_transition_date_order();

create function ledger_entry_proposal_date_order() returns trigger language plpgsql as $$
declare
  v_proposed date;
  v_last date;
begin
  if new.proposal_id is null then return new; end if;
  select proposed_on into v_proposed from expenditure_proposal where id = new.proposal_id;
  if not found then return new; end if; -- the reference check reports it
  if new.occurred_on < v_proposed then
    raise exception 'the payment is dated % but the spend was proposed on %', new.occurred_on, v_proposed
      using errcode = '23514', constraint = 'ledger_entry_before_proposal';
  end if;
  select max(meeting_on) into v_last from proposal_transition where proposal_id = new.proposal_id;
  if v_last is not null and new.occurred_on < v_last then
    raise exception 'the payment is dated % but a step of the proposal is dated %', new.occurred_on, v_last
      using errcode = '23514', constraint = 'ledger_entry_before_proposal_steps';
  end if;
  return new;
end $$;
create trigger ledger_entry_proposal_date_order before insert on ledger_entry
  for each row execute function ledger_entry_proposal_date_order();
`;

export class Migration20261214200000_money_step_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql('alter table "expenditure_proposal" add column "proposed_on" date null;');
    this.addSql(`update "expenditure_proposal" set "proposed_on" = ("created_at" at time zone 'Asia/Shanghai')::date;`);
    this.addSql('alter table "expenditure_proposal" alter column "proposed_on" set not null;');
    this.addSql(PROPOSED_ON);
    this.addSql(STEP_ORDER);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists ledger_entry_proposal_date_order on ledger_entry;');
    this.addSql('drop function if exists ledger_entry_proposal_date_order();');
    this.addSql('drop trigger if exists proposal_transition_date_order on proposal_transition;');
    this.addSql('drop function if exists proposal_transition_date_order();');
    this.addSql('drop trigger if exists expenditure_proposal_proposed_on on expenditure_proposal;');
    this.addSql('drop function if exists expenditure_proposal_proposed_on();');
    this.addSql('alter table "expenditure_proposal" drop column "proposed_on";');
  }
}
