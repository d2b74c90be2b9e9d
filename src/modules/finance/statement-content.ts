import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context';
import { toGlobalId } from '../../core/ids/global-id';
import { monthStart, nextMonth } from '../../core/time/calendar';
import type { LedgerCategory, LedgerEntryKind } from './finance.enums';
import type { MonthlyStatementRow } from './finance.loaders';

/** What a monthly statement shows; frozen as JSON when published. */
export interface StatementContent {
  /** The compound's name, or the joint branch's for a pooled account. */
  compound: string;
  account: string;
  month: string;
  openingBalanceFen: number;
  incomeFen: number;
  expenseFen: number;
  closingBalanceFen: number;
  lines: Array<{
    entryId: string;
    occurredOn: string;
    kind: LedgerEntryKind;
    category: LedgerCategory;
    amountFen: number;
    deltaFen: number;
    counterparty: string | null;
    description: string;
    invoiceRef: string | null;
    reversesEntryId: string | null;
  }>;
  proposalsPaid: Array<{ proposalId: string; purpose: string; payee: string; amountFen: number }>;
}

/** The day a statement is due: `dueDay` of the following month. */
export function dueDate(month: string, dueDay: number): string {
  return `${nextMonth(month).slice(0, 8)}${String(dueDay).padStart(2, '0')}`;
}

/** JSON with keys sorted at every level: the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function contentHash(content: StatementContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

type Query = <T extends object>(sql: string, params: unknown[]) => Promise<T[]>;

/** An account and month (its first day) to compute a statement for. */
export interface StatementKey {
  accountId: number;
  month: string;
}

/** A statement computed from the ledger now, with what its verification compares it to. */
export interface Recomputed {
  content: StatementContent;
  /** The account's opening day: the statement of its first month opens at zero. */
  openedOn: string;
  /** The closing balance of the published statement of the month before, if there is one. */
  previousClosingFen: number | null;
}

/**
 * Computes the statements of any number of account-months from the ledger, in three statements
 * whatever their number: the heads (names, the opening balance by the one balance formula, the
 * previous published closing), the months' lines, the proposals paid in them. Totals are summed
 * here from the lines shown, so they cannot disagree with them.
 */
export async function computeStatements(query: Query, keys: readonly StatementKey[]): Promise<Recomputed[]> {
  if (!keys.length) return [];
  const params = [keys.map((k) => k.accountId), keys.map((k) => k.month)];
  const months = 'unnest($1::int[], $2::date[]) with ordinality as k(account_id, month, i)';
  const heads = await query<{
    i: string;
    compound: string;
    account: string;
    openedOn: string;
    opening: string;
    previousClosing: string | null;
  }>(
    `select k.i, coalesce(c.name, b.name) as compound, a.name as account, a.opened_on::text as "openedOn",
            (select coalesce(sum(e.delta_fen), 0) from ledger_entry e where e.account_id = a.id and e.occurred_on < k.month)::text as opening,
            (select p.closing_fen::text from monthly_statement p
              where p.account_id = a.id and p.month = (k.month - interval '1 month')::date and p.published_at is not null) as "previousClosing"
       from ${months} join co_managed_account a on a.id = k.account_id
       left join compound c on c.id = a.compound_id left join compound_branch b on b.id = a.branch_id`,
    params,
  );
  const lines = await query<{
    i: string;
    id: number;
    occurredOn: string;
    kind: LedgerEntryKind;
    category: LedgerCategory;
    amountFen: string;
    deltaFen: string;
    counterparty: string | null;
    description: string;
    invoiceRef: string | null;
    reversesId: number | null;
  }>(
    `select k.i, e.id, e.occurred_on::text as "occurredOn", e.kind, e.category, e.amount_fen::text as "amountFen", e.delta_fen::text as "deltaFen",
            e.counterparty, e.description, e.invoice_ref as "invoiceRef", e.reverses_id as "reversesId"
       from ${months} join ledger_entry e on e.account_id = k.account_id and e.occurred_on >= k.month and e.occurred_on < (k.month + interval '1 month')::date
      order by k.i, e.occurred_on, e.id`,
    params,
  );
  const paid = await query<{ i: string; id: number; purpose: string; payee: string; amountFen: string }>(
    `select k.i, p.id, p.purpose, p.payee, p.amount_fen::text as "amountFen"
       from ${months} join ledger_entry e on e.account_id = k.account_id and e.occurred_on >= k.month and e.occurred_on < (k.month + interval '1 month')::date
       join expenditure_proposal p on p.id = e.proposal_id
      order by k.i, e.occurred_on, e.id`,
    params,
  );
  const group = <R extends { i: string }>(rows: R[]) => {
    const byKey = new Map<number, R[]>();
    for (const row of rows) {
      const i = Number(row.i) - 1;
      let list = byKey.get(i);
      if (!list) byKey.set(i, (list = []));
      list.push(row);
    }
    return byKey;
  };
  const headOf = new Map(heads.map((h) => [Number(h.i) - 1, h]));
  const linesOf = group(lines);
  const paidOf = group(paid);
  return keys.map((key, i) => {
    const head = headOf.get(i);
    const opening = Number(head?.opening ?? 0);
    let income = 0;
    let expense = 0;
    let net = 0;
    const shown = (linesOf.get(i) ?? []).map((l) => {
      const delta = Number(l.deltaFen);
      net += delta;
      if (delta > 0) income += delta;
      else expense -= delta;
      return {
        entryId: toGlobalId('LedgerEntry', l.id),
        occurredOn: l.occurredOn,
        kind: l.kind,
        category: l.category,
        amountFen: Number(l.amountFen),
        deltaFen: delta,
        counterparty: l.counterparty,
        description: l.description,
        invoiceRef: l.invoiceRef,
        reversesEntryId: l.reversesId === null ? null : toGlobalId('LedgerEntry', l.reversesId),
      };
    });
    return {
      content: {
        compound: head?.compound ?? '',
        account: head?.account ?? '',
        month: key.month,
        openingBalanceFen: opening,
        incomeFen: income,
        expenseFen: expense,
        closingBalanceFen: opening + net,
        lines: shown,
        proposalsPaid: (paidOf.get(i) ?? []).map((p) => ({
          proposalId: toGlobalId('ExpenditureProposal', p.id),
          purpose: p.purpose,
          payee: p.payee,
          amountFen: Number(p.amountFen),
        })),
      },
      openedOn: head?.openedOn ?? key.month,
      previousClosingFen: head?.previousClosing == null ? null : Number(head.previousClosing),
    };
  });
}

/** The statement of one account and month, computed from the ledger now. */
export async function computeStatement(query: Query, accountId: number, month: string): Promise<StatementContent> {
  return (await computeStatements(query, [{ accountId, month }]))[0].content;
}

/**
 * What the ledger determines in a statement: everything but the heading's names, which are shown as
 * they were when published (a compound may be renamed later).
 */
function ledgerPart(content: StatementContent): unknown {
  const { month, openingBalanceFen, incomeFen, expenseFen, closingBalanceFen, lines, proposalsPaid } = content;
  return { month, openingBalanceFen, incomeFen, expenseFen, closingBalanceFen, lines, proposalsPaid };
}

/** Whether a published statement still holds, part by part. */
export interface StatementVerification {
  /** All three below. */
  verified: boolean;
  /** Recomputing the month from the ledger now gives exactly the frozen figures and lines. */
  contentMatchesLedger: boolean;
  /** The frozen content still hashes to the SHA-256 stored when it was published. */
  hashMatches: boolean;
  /** It opens with the previous published statement's closing balance (the account's first month: zero). */
  openingMatchesPrevious: boolean;
}

/** Checks a published statement against its hash, the ledger recomputed and the statement before it. */
export function verify(row: Pick<MonthlyStatementRow, 'month' | 'content' | 'contentHash'>, fresh: Recomputed): StatementVerification {
  const stored = row.content as StatementContent;
  const hashMatches = contentHash(stored) === row.contentHash;
  const contentMatchesLedger = canonicalJson(ledgerPart(stored)) === canonicalJson(ledgerPart(fresh.content));
  const expectedOpening = row.month === monthStart(fresh.openedOn) ? 0 : fresh.previousClosingFen;
  const openingMatchesPrevious = expectedOpening !== null && stored.openingBalanceFen === expectedOpening;
  return {
    verified: hashMatches && contentMatchesLedger && openingMatchesPrevious,
    contentMatchesLedger,
    hashMatches,
    openingMatchesPrevious,
  };
}

/**
 * The ledger's version of account-months, batched per request: every draft and every published
 * statement being verified in one request cost the same three statements together.
 */
function fromLedger(ctx: RequestContext) {
  return ctx.loaders.custom<string, Recomputed>('finance:statementFromLedger', (db, keys) =>
    computeStatements(
      (sql, params) => db.query(sql, params),
      keys.map((key) => {
        const [accountId, month] = key.split('|');
        return { accountId: Number(accountId), month };
      }),
    ),
  );
}

/**
 * A statement's content: the frozen content of a published one (read as it is; its checks are
 * `statementVerification`), the ledger now for a draft.
 */
export async function statementContent(ctx: RequestContext, row: MonthlyStatementRow): Promise<StatementContent> {
  if (row.publishedAt && row.content) return row.content as StatementContent;
  return (await fromLedger(ctx).load(`${row.accountId}|${row.month}`)).content;
}

const checked = new WeakMap<MonthlyStatementRow, Promise<StatementVerification | null>>();

/**
 * The verification of a published statement (null for a draft, which is the ledger itself). A
 * failure is logged once per statement read.
 */
export function statementVerification(ctx: RequestContext, row: MonthlyStatementRow): Promise<StatementVerification | null> {
  let result = checked.get(row);
  if (!result) {
    result = (async () => {
      if (!row.publishedAt || !row.content) return null;
      const verification = verify(row, await fromLedger(ctx).load(`${row.accountId}|${row.month}`));
      if (!verification.verified)
        ctx.logger.error('published statement fails its verification', { statement: row.pk, ...verification, requestId: ctx.requestId });
      return verification;
    })();
    checked.set(row, result);
  }
  return result;
}
