import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { dbOf } from '../../core/data/db';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, userError, UserInputRefused, type UserError } from '../../core/validation/user-error';
import { nextMonth } from '../../core/time/calendar';
import { Community } from '../geography/community.entity';
import { lockAccount } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import { INCOME_CATEGORIES, LedgerCategory, LedgerEntryKind } from './finance.enums';
import type { RecordIncomeInput, ReverseLedgerEntryInput } from './finance.inputs';
import { LedgerEntry } from './ledger-entry.entity';
import { FinanceError } from './finance.errors';
import { stepDateRefusal } from './step-dates';

/** The balance of a locked account: the sum of its ledger (the same formula every read uses). */
export async function balanceOf(em: EntityManager, accountId: number): Promise<number> {
  const rows = await dbOf(em).query<{ n: string }>(
    'select coalesce(sum(delta_fen), 0)::text as n from ledger_entry where account_id = $1',
    [accountId],
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * The first day a new entry of the account may carry: the day it opened, or the day after the last
 * month whose statement is published (months are published in order, so every month up to it is
 * closed). A trigger on ledger_entry holds the same line for every writer.
 */
export async function assertDateOpen(em: EntityManager, account: CoManagedAccount, day: string, field: string): Promise<void> {
  if (day < account.openedOn)
    refuse(field, UserErrorCode.DATE_ORDER, `The account was opened on ${account.openedOn}; nothing is dated before it`);
  const rows = await dbOf(em).query<{ month: string | null }>(
    'select max(month)::text as month from monthly_statement where account_id = $1 and published_at is not null',
    [account.id],
  );
  const last = rows[0]?.month;
  if (last && day < nextMonth(last)) refuse(field, FinanceError.MONTH_PUBLISHED, publishedMessage(last.slice(0, 7)));
}

const PAYMENT_MESSAGE =
  'This entry is the payment of a spending proposal, which still reads PAID: it is not reversed on its own. Money the payee returns is recorded as income (OTHER_INCOME, naming the proposal)';

function publishedMessage(month: string): string {
  return `The statement of ${month} is published: nothing may be dated in it or before it; record this in a later month`;
}

/**
 * The user error for a refusal of the ledger's date trigger (a write that raced past the service's
 * own check): the same answer the service gives.
 */
export function ledgerDateRefusal(err: unknown, field: string): UserError | null {
  const step = stepDateRefusal(err, field);
  if (step) return step;
  const { constraint, message } = err as { constraint?: string; message?: string };
  if (constraint === 'ledger_entry_payment_not_reversed') return userError('entryId', FinanceError.PROPOSAL_PAYMENT, PAYMENT_MESSAGE);
  if (constraint === 'ledger_entry_before_opening')
    return userError(field, UserErrorCode.DATE_ORDER, 'The entry is dated before the account opened; nothing is dated before it');
  if (constraint === 'ledger_entry_month_published') {
    const month = /statement of (\d{4}-\d{2})/.exec(message ?? '')?.[1] ?? 'that month';
    return userError(field, FinanceError.MONTH_PUBLISHED, publishedMessage(month));
  }
  return null;
}

/** Flushes a ledger write; the date trigger's refusal comes back as the service's user error. */
export async function flushLedger(em: EntityManager, field: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    const refusal = ledgerDateRefusal(err, field);
    if (refusal) throw new UserInputRefused([refusal]);
    throw err;
  }
}

/** Refuses a change that would take the balance below zero, unless the community allows it. */
export async function assertCovered(em: EntityManager, account: CoManagedAccount, delta: number, field: string): Promise<void> {
  if (delta >= 0) return;
  const community = await em.findOneOrFail(Community, { id: account.community.id });
  if (community.allowNegativeBalance) return;
  const balance = await balanceOf(em, account.id);
  if (balance + delta < 0) {
    refuse(
      field,
      FinanceError.INSUFFICIENT_FUNDS,
      `The balance is ${balance} fen; this would take it to ${balance + delta} fen, and the community does not allow a negative balance`,
    );
  }
}

/** The ledger: income is recorded directly; expenses only by paying a proposal; corrections by reversal. */
export const ledgerService = {
  recordIncome(ctx: RequestContext, input: RecordIncomeInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      if (!INCOME_CATEGORIES.includes(input.category))
        refuse(
          'category',
          UserErrorCode.MISMATCH,
          'Income takes FEES, SUBSIDY, DONATION or OTHER_INCOME; expenses are paid through proposals',
        );
      const found = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      const account = await lockAccount(em, found.id);
      if (account.closedOn) refuse('accountId', UserErrorCode.ARCHIVED, 'The account is closed');
      await assertDateOpen(em, account, input.occurredOn, 'occurredOn');
      const entry = em.create(LedgerEntry, {
        community: account.community,
        account,
        compound: account.compound,
        kind: LedgerEntryKind.INCOME,
        category: input.category,
        amountFen: input.amountFen,
        deltaFen: input.amountFen,
        occurredOn: input.occurredOn,
        counterparty: input.counterparty ?? null,
        description: input.description,
        invoiceRef: input.invoiceRef ?? null,
        recordedBy: actorLabel(ctx.principal),
      });
      await flushLedger(em, 'occurredOn');
      return entry.id;
    });
  },

  /** Cancels an entry with one of the opposite amount; the original stays as it was. */
  reverse(ctx: RequestContext, input: ReverseLedgerEntryInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const original = await findByGlobalId(em, LedgerEntry, 'LedgerEntry', input.entryId, 'entryId');
      if (original.kind === LedgerEntryKind.REVERSAL)
        refuse('entryId', FinanceError.ALREADY_REVERSED, 'A reversal cannot be reversed; record the entry again instead');
      // A payment belongs to its proposal: reversing it alone would give the money back while the
      // proposal reads PAID, by one account manager, past the two people the payment needed.
      if (original.proposal) refuse('entryId', FinanceError.PROPOSAL_PAYMENT, PAYMENT_MESSAGE);
      const account = await lockAccount(em, original.account.id);
      const already = await em.count(LedgerEntry, { reverses: original.id });
      if (already) refuse('entryId', FinanceError.ALREADY_REVERSED, 'This entry was already reversed');
      const occurredOn = input.occurredOn ?? ctx.clock.today();
      if (occurredOn < original.occurredOn)
        refuse('occurredOn', UserErrorCode.DATE_ORDER, `A reversal cannot come before the entry it reverses (${original.occurredOn})`);
      await assertDateOpen(em, account, occurredOn, 'occurredOn');
      await assertCovered(em, account, -original.deltaFen, 'entryId');
      const entry = em.create(LedgerEntry, {
        community: account.community,
        account,
        compound: account.compound,
        kind: LedgerEntryKind.REVERSAL,
        category: LedgerCategory.CORRECTION,
        amountFen: original.amountFen,
        deltaFen: -original.deltaFen,
        occurredOn,
        counterparty: original.counterparty ?? null,
        description: input.reason,
        invoiceRef: original.invoiceRef ?? null,
        reverses: original,
        recordedBy: actorLabel(ctx.principal),
      });
      await flushLedger(em, 'occurredOn');
      return entry.id;
    });
  },
};
