import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context';
import { toGlobalId } from '../../core/ids/global-id';
import { nextMonth } from '../../core/time/calendar';
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

/**
 * Computes the statement of one account and month from the ledger, in three statements: the
 * opening balance (the one balance formula, up to the month), the month's lines, the proposals
 * paid in it. Totals are summed here from the lines shown, so they cannot disagree with them.
 */
export async function computeStatement(query: Query, accountId: number, month: string): Promise<StatementContent> {
  const end = nextMonth(month);
  const [head] = await query<{ compound: string; account: string; opening: string }>(
    `select coalesce(c.name, b.name) as compound, a.name as account,
            (select coalesce(sum(e.delta_fen), 0) from ledger_entry e where e.account_id = a.id and e.occurred_on < $2::date)::text as opening
       from co_managed_account a left join compound c on c.id = a.compound_id left join compound_branch b on b.id = a.branch_id where a.id = $1`,
    [accountId, month],
  );
  const lines = await query<{
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
    `select e.id, e.occurred_on::text as "occurredOn", e.kind, e.category, e.amount_fen::text as "amountFen", e.delta_fen::text as "deltaFen",
            e.counterparty, e.description, e.invoice_ref as "invoiceRef", e.reverses_id as "reversesId"
       from ledger_entry e where e.account_id = $1 and e.occurred_on >= $2::date and e.occurred_on < $3::date
      order by e.occurred_on, e.id`,
    [accountId, month, end],
  );
  const paid = await query<{ id: number; purpose: string; payee: string; amountFen: string }>(
    `select p.id, p.purpose, p.payee, p.amount_fen::text as "amountFen"
       from ledger_entry e join expenditure_proposal p on p.id = e.proposal_id
      where e.account_id = $1 and e.occurred_on >= $2::date and e.occurred_on < $3::date
      order by e.occurred_on, e.id`,
    [accountId, month, end],
  );
  const opening = Number(head?.opening ?? 0);
  let income = 0;
  let expense = 0;
  let net = 0;
  const shown = lines.map((l) => {
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
    compound: head?.compound ?? '',
    account: head?.account ?? '',
    month,
    openingBalanceFen: opening,
    incomeFen: income,
    expenseFen: expense,
    closingBalanceFen: opening + net,
    lines: shown,
    proposalsPaid: paid.map((p) => ({ proposalId: toGlobalId('ExpenditureProposal', p.id), purpose: p.purpose, payee: p.payee, amountFen: Number(p.amountFen) })),
  };
}

export interface ResolvedStatement {
  content: StatementContent;
  /** Published: the stored content still matches its hash. Draft: true (computed just now). */
  verified: boolean;
}

/**
 * A statement's content: frozen content for a published one (checked against its hash: a row
 * changed behind the application's back shows as unverified, and is logged), the ledger now for a
 * draft. Drafts are computed once per request and account-month (an account has at most a month
 * or two in draft, so they are not batched further).
 */
export async function statementContent(ctx: RequestContext, row: MonthlyStatementRow): Promise<ResolvedStatement> {
  if (row.publishedAt && row.content) {
    const content = row.content as StatementContent;
    const verified = contentHash(content) === row.contentHash;
    if (!verified) ctx.logger.error('published statement fails its content hash', { statement: row.pk, requestId: ctx.requestId });
    return { content, verified };
  }
  const loader = ctx.loaders.custom<string, StatementContent>('finance:draftStatement', (db, keys) =>
    Promise.all(
      keys.map((key) => {
        const [accountId, month] = key.split('|');
        return computeStatement((sql, params) => db.query(sql, params), Number(accountId), month);
      }),
    ),
  );
  return { content: await loader.load(`${row.accountId}|${row.month}`), verified: true };
}
