import { Migration } from '@mikro-orm/migrations';
import { dropPolicy, policy } from './Migration20261123114500_row_level_security';

/*
 * The money tables' rules that live in the database (the tables themselves: the migration before).
 *
 * - Tenant keys and compounds come from the parent row (account from its compound; entries,
 *   proposals, statements and custodians from their account), so no row can point into another
 *   community or another compound's account; a custodian's person must be of the same community.
 * - The ledger and the record of proposal steps are append-only: the application role has no
 *   UPDATE or DELETE on them, and a trigger refuses both for every role, the owner included.
 * - A published statement is frozen (trigger), and a ledger entry dated in a published month is
 *   refused (trigger), so a published statement cannot change even when recomputed.
 * - Row-level security: the same tenant policy as every tenant table.
 */

const TABLES = ['co_managed_account', 'custodian', 'ledger_entry', 'expenditure_proposal', 'proposal_transition', 'monthly_statement'];

const TRIGGERS = String.raw`
create function co_managed_account_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from compound where id = new.compound_id;
  if not found then raise exception 'compound % does not exist', new.compound_id using errcode = '23503', constraint = 'co_managed_account_compound_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'co_managed_account_same_community');
  return new;
end $$;
create trigger co_managed_account_checks before insert or update of community_id, compound_id on co_managed_account
  for each row execute function co_managed_account_checks();

-- Rows of an account: community and compound are the account's.
create function lianxin_account_child() returns trigger language plpgsql as $$
declare acct co_managed_account%rowtype;
begin
  select * into acct from co_managed_account where id = new.account_id;
  if not found then raise exception 'account % does not exist', new.account_id using errcode = '23503', constraint = TG_TABLE_NAME || '_account_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, acct.community_id, TG_TABLE_NAME || '_same_community');
  if TG_TABLE_NAME <> 'custodian' then
    if new.compound_id is not null and new.compound_id <> acct.compound_id then
      raise exception 'the compound is not the account''s' using errcode = '23514', constraint = TG_TABLE_NAME || '_same_community';
    end if;
    new.compound_id := acct.compound_id;
  else
    perform lianxin_require_same_community('person', new.person_id, new.community_id, 'custodian_person_same_community');
  end if;
  return new;
end $$;
create trigger custodian_checks before insert or update of community_id, account_id, person_id on custodian
  for each row execute function lianxin_account_child();
create trigger expenditure_proposal_checks before insert or update of community_id, account_id, compound_id on expenditure_proposal
  for each row execute function lianxin_account_child();
create trigger monthly_statement_checks before insert or update of community_id, account_id, compound_id on monthly_statement
  for each row execute function lianxin_account_child();
create trigger ledger_entry_checks before insert on ledger_entry
  for each row execute function lianxin_account_child();

create function proposal_transition_checks() returns trigger language plpgsql as $$
declare parent_community int;
begin
  select community_id into parent_community from expenditure_proposal where id = new.proposal_id;
  if not found then raise exception 'proposal % does not exist', new.proposal_id using errcode = '23503', constraint = 'proposal_transition_proposal_exists'; end if;
  new.community_id := lianxin_same_community(new.community_id, parent_community, 'proposal_transition_same_community');
  return new;
end $$;
create trigger proposal_transition_checks before insert on proposal_transition for each row execute function proposal_transition_checks();

-- Append-only, for every role.
create function lianxin_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: record a reversal instead', TG_TABLE_NAME using errcode = '55000';
end $$;
create trigger ledger_entry_append_only before update or delete on ledger_entry for each row execute function lianxin_append_only();
create trigger proposal_transition_append_only before update or delete on proposal_transition for each row execute function lianxin_append_only();

-- A reversal reverses an entry of the same account that is not itself a reversal, with the opposite amount.
create function ledger_entry_reversal_checks() returns trigger language plpgsql as $$
declare original ledger_entry%rowtype;
begin
  if new.reverses_id is null then return new; end if;
  select * into original from ledger_entry where id = new.reverses_id;
  if not found or original.account_id <> new.account_id or original.kind = 'REVERSAL' or new.delta_fen <> -original.delta_fen then
    raise exception 'a reversal must cancel one non-reversal entry of the same account' using errcode = '23514', constraint = 'ledger_entry_reversal_matches';
  end if;
  return new;
end $$;
create trigger ledger_entry_reversal_checks before insert on ledger_entry for each row execute function ledger_entry_reversal_checks();

-- Categories by kind: income categories with INCOME, expense categories with EXPENSE (and on
-- proposals), CORRECTION on reversals.
create function lianxin_category_checks() returns trigger language plpgsql as $$
declare kind text := coalesce(to_jsonb(new)->>'kind', 'EXPENSE'); -- proposals have no kind: they are expenses
begin
  if not ((kind = 'INCOME' and new.category in ('FEES', 'SUBSIDY', 'DONATION', 'OTHER_INCOME'))
       or (kind = 'EXPENSE' and new.category in ('REPAIR', 'CLEANING', 'GREENING', 'SECURITY', 'UTILITIES', 'SUPPLIES', 'STAFF', 'OTHER_EXPENSE'))
       or (kind = 'REVERSAL' and new.category = 'CORRECTION')) then
    raise exception 'category % does not go with %', new.category, kind using errcode = '23514', constraint = TG_TABLE_NAME || '_category_matches_kind';
  end if;
  return new;
end $$;
create trigger ledger_entry_category_checks before insert on ledger_entry for each row execute function lianxin_category_checks();
create trigger expenditure_proposal_category_checks before insert or update of category on expenditure_proposal for each row execute function lianxin_category_checks();

-- The month of a published statement is closed.
create function ledger_entry_month_open() returns trigger language plpgsql as $$
begin
  if exists (select 1 from monthly_statement s where s.account_id = new.account_id
              and s.month = date_trunc('month', new.occurred_on)::date and s.published_at is not null) then
    raise exception 'the statement of % is published', to_char(new.occurred_on, 'YYYY-MM') using errcode = '23514', constraint = 'ledger_entry_month_published';
  end if;
  return new;
end $$;
create trigger ledger_entry_month_open before insert on ledger_entry for each row execute function ledger_entry_month_open();

-- A published statement never changes, and is never deleted.
create function monthly_statement_frozen() returns trigger language plpgsql as $$
begin
  if old.published_at is not null then
    raise exception 'the statement of % is published and frozen', to_char(old.month, 'YYYY-MM') using errcode = '55000';
  end if;
  return case when TG_OP = 'DELETE' then old else new end;
end $$;
create trigger monthly_statement_frozen before update or delete on monthly_statement for each row execute function monthly_statement_frozen();
`;

const DROPPED = [
  ['co_managed_account_checks', 'co_managed_account'],
  ['custodian_checks', 'custodian'],
  ['expenditure_proposal_checks', 'expenditure_proposal'],
  ['monthly_statement_checks', 'monthly_statement'],
  ['ledger_entry_checks', 'ledger_entry'],
  ['proposal_transition_checks', 'proposal_transition'],
  ['ledger_entry_append_only', 'ledger_entry'],
  ['proposal_transition_append_only', 'proposal_transition'],
  ['ledger_entry_reversal_checks', 'ledger_entry'],
  ['ledger_entry_month_open', 'ledger_entry'],
  ['ledger_entry_category_checks', 'ledger_entry'],
  ['expenditure_proposal_category_checks', 'expenditure_proposal'],
  ['monthly_statement_frozen', 'monthly_statement'],
];

export class Migration20261123131900_money_rules extends Migration {
  override async up(): Promise<void> {
    this.addSql(TRIGGERS);
    for (const table of TABLES) this.addSql(policy(table));
    // Default privileges gave lianxin_app select, insert, update on the new tables; the ledger
    // and the step record take inserts only.
    this.addSql('revoke update, delete on table ledger_entry, proposal_transition from lianxin_app;');
  }

  override async down(): Promise<void> {
    this.addSql('grant update on table ledger_entry, proposal_transition to lianxin_app;');
    for (const table of TABLES) this.addSql(dropPolicy(table));
    for (const [trigger, table] of DROPPED) this.addSql(`drop trigger if exists ${trigger} on ${table};`);
    for (const fn of [
      'co_managed_account_checks',
      'lianxin_account_child',
      'proposal_transition_checks',
      'lianxin_append_only',
      'ledger_entry_reversal_checks',
      'ledger_entry_month_open',
      'monthly_statement_frozen',
      'lianxin_category_checks',
    ]) {
      this.addSql(`drop function if exists ${fn}();`);
    }
  }
}
