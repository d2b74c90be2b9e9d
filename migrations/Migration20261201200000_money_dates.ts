import { Migration } from '@mikro-orm/migrations';

/*
 * Money that cannot be back-dated, held by the database as well as by the services:
 *
 * - A ledger entry is dated neither before its account opened nor on or before the last day of the
 *   latest published month of the account (the trigger of money_rules refused only the published
 *   month itself, so an entry could still land in an earlier, unpublished one, or before opening).
 * - Statements are published in order: publishing a month needs every month from the account's
 *   opening month to the one before published already (months without entries included), and its
 *   closing balance must be the ledger's at the end of the month. No statement is for a month
 *   before the account opened.
 * - Both sides take the account row's lock (an entry a key-share lock, a publication an update
 *   lock), so an entry and a publication of the same account can never interleave, whatever path
 *   wrote them. Refusals carry constraint names the services map to user errors.
 */

const MONTH_OPEN_V2 = String.raw`
create or replace function ledger_entry_month_open() returns trigger language plpgsql as $$
declare
  v_opened date;
  v_last date;
begin
  select opened_on into v_opened from co_managed_account where id = new.account_id for key share;
  if not found then return new; end if; -- the reference check reports it
  if new.occurred_on < v_opened then
    raise exception 'the entry is dated % but the account opened on %', new.occurred_on, v_opened
      using errcode = '23514', constraint = 'ledger_entry_before_opening';
  end if;
  select max(month) into v_last from monthly_statement where account_id = new.account_id and published_at is not null;
  if v_last is not null and new.occurred_on < (v_last + interval '1 month')::date then
    raise exception 'the entry is dated % but the statement of % is published', new.occurred_on, to_char(v_last, 'YYYY-MM')
      using errcode = '23514', constraint = 'ledger_entry_month_published';
  end if;
  return new;
end $$;
`;

const MONTH_OPEN_V1 = String.raw`
create or replace function ledger_entry_month_open() returns trigger language plpgsql as $$
begin
  if exists (select 1 from monthly_statement s where s.account_id = new.account_id
              and s.month = date_trunc('month', new.occurred_on)::date and s.published_at is not null) then
    raise exception 'the statement of % is published', to_char(new.occurred_on, 'YYYY-MM') using errcode = '23514', constraint = 'ledger_entry_month_published';
  end if;
  return new;
end $$;
`;

const PUBLICATION = String.raw`
create function monthly_statement_publication() returns trigger language plpgsql as $$
declare
  v_opened date;
  v_first date;
  v_gap date;
  v_balance bigint;
begin
  select opened_on into v_opened from co_managed_account where id = new.account_id;
  if not found then return new; end if; -- the reference check reports it
  v_first := date_trunc('month', v_opened)::date;
  if new.month < v_first then
    raise exception 'the account opened on %: there is no statement for %', v_opened, to_char(new.month, 'YYYY-MM')
      using errcode = '23514', constraint = 'monthly_statement_before_opening';
  end if;
  if new.published_at is not null and (TG_OP = 'INSERT' or old.published_at is null) then
    -- Entries of the account wait (they take a key-share lock on the same row) until this commits.
    perform 1 from co_managed_account where id = new.account_id for update;
    select m::date into v_gap
      from generate_series(v_first::timestamp, new.month::timestamp - interval '1 month', interval '1 month') m
     where not exists (select 1 from monthly_statement s where s.account_id = new.account_id and s.month = m::date and s.published_at is not null)
     order by m limit 1;
    if v_gap is not null then
      raise exception 'the statement of % is not published yet: months are published in order', to_char(v_gap, 'YYYY-MM')
        using errcode = '23514', constraint = 'monthly_statement_published_in_order';
    end if;
    select coalesce(sum(delta_fen), 0) into v_balance from ledger_entry
     where account_id = new.account_id and occurred_on < (new.month + interval '1 month')::date;
    if new.closing_fen is distinct from v_balance then
      raise exception 'the closing balance % is not the ledger''s % at the end of %', new.closing_fen, v_balance, to_char(new.month, 'YYYY-MM')
        using errcode = '23514', constraint = 'monthly_statement_closing_matches_ledger';
    end if;
  end if;
  return new;
end $$;
create trigger monthly_statement_publication before insert or update of published_at, month, account_id, closing_fen on monthly_statement
  for each row execute function monthly_statement_publication();
`;

export class Migration20261201200000_money_dates extends Migration {
  override async up(): Promise<void> {
    this.addSql(MONTH_OPEN_V2);
    this.addSql(PUBLICATION);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists monthly_statement_publication on monthly_statement;');
    this.addSql('drop function if exists monthly_statement_publication();');
    this.addSql(MONTH_OPEN_V1);
  }
}
