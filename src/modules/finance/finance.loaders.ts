import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { RequestContext } from '../../context';
import type { CustodianSeat, LedgerCategory, LedgerEntryKind, ProposalStatus, ProposalStep, SpendingPath } from './finance.enums';

/*
 * How the money objects are read. Each carries its compound's place and organization paths, so a
 * permission check is the same prefix comparison as for the compound itself. Amounts come as text
 * (bigint) and are converted to safe integers.
 */

/*
 * Where a money row sits: under its compound (places path and the compound's organization path), or,
 * for an account pooled per joint branch, under the branch (organization path only).
 */
const accountPath = (account: string) =>
  `(select c.path::text from co_managed_account a join compound c on c.id = a.compound_id where a.id = ${account})`;
const accountOrgPath = (account: string) =>
  `(select coalesce(c.org_path, b.path)::text from co_managed_account a left join compound c on c.id = a.compound_id left join compound_branch b on b.id = a.branch_id where a.id = ${account})`;
const placedBy = (account: string) => ({ path: accountPath(account), orgPath: accountOrgPath(account) });

export interface PlacedRow extends TenantRow {
  /** Null for an account pooled per joint branch (and its rows). */
  compoundId: number | null;
  path: string | null;
  orgPath: string | null;
}

export interface CoManagedAccountRow extends PlacedRow {
  branchId: number | null;
  name: string;
  openedOn: string;
  closedOn: string | null;
}

export const CoManagedAccountSpec = registerNodeSpec(
  defineNode<CoManagedAccountRow>({
    type: 'CoManagedAccount',
    table: 'co_managed_account',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      branchId: 't.branch_id',
      name: 't.name',
      openedOn: 't.opened_on',
      closedOn: 't.closed_on',
      ...placedBy('t.id'),
    },
  }),
  Capability.READ_ACCOUNTS,
);

export interface CustodianRow extends PlacedRow {
  accountId: number;
  personId: number;
  seat: CustodianSeat;
  since: string;
  until: string | null;
}

export const CustodianSpec = registerNodeSpec(
  defineNode<CustodianRow>({
    type: 'Custodian',
    table: 'custodian',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: '(select a.compound_id from co_managed_account a where a.id = t.account_id)',
      accountId: 't.account_id',
      personId: 't.person_id',
      seat: 't.seat',
      since: 't.since',
      until: 't.until',
      ...placedBy('t.account_id'),
    },
  }),
  Capability.READ_ACCOUNTS,
);

export interface LedgerEntryRow extends PlacedRow {
  accountId: number;
  kind: LedgerEntryKind;
  category: LedgerCategory;
  amountFen: number;
  deltaFen: number;
  occurredOn: string;
  counterparty: string | null;
  description: string;
  invoiceRef: string | null;
  reversesId: number | null;
  proposalId: number | null;
  recordedBy: string;
}

export const LedgerEntrySpec = registerNodeSpec(
  defineNode<LedgerEntryRow>({
    type: 'LedgerEntry',
    table: 'ledger_entry',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      accountId: 't.account_id',
      kind: 't.kind',
      category: 't.category',
      amountFen: 't.amount_fen::text',
      deltaFen: 't.delta_fen::text',
      occurredOn: 't.occurred_on',
      counterparty: 't.counterparty',
      description: 't.description',
      invoiceRef: 't.invoice_ref',
      reversesId: 't.reverses_id',
      proposalId: 't.proposal_id',
      recordedBy: 't.recorded_by',
      ...placedBy('t.account_id'),
    },
    convert(row) {
      row.amountFen = Number(row.amountFen);
      row.deltaFen = Number(row.deltaFen);
    },
  }),
  Capability.READ_ACCOUNTS,
);

export interface ExpenditureProposalRow extends PlacedRow {
  accountId: number;
  purpose: string;
  amountFen: number;
  payee: string;
  category: LedgerCategory;
  attachments: string[];
  status: ProposalStatus;
  spendingPath: SpendingPath;
  quorumRequired: boolean;
  simplifiedBelowFen: number;
  proposedByPersonId: number | null;
  proposedByUserId: number | null;
  version: number;
}

export const ExpenditureProposalSpec = registerNodeSpec(
  defineNode<ExpenditureProposalRow>({
    type: 'ExpenditureProposal',
    table: 'expenditure_proposal',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      accountId: 't.account_id',
      purpose: 't.purpose',
      amountFen: 't.amount_fen::text',
      payee: 't.payee',
      category: 't.category',
      attachments: 't.attachments',
      status: 't.status',
      spendingPath: 't.spending_path',
      quorumRequired: 't.quorum_required',
      simplifiedBelowFen: 't.simplified_below_fen::text',
      proposedByPersonId: 't.proposed_by_person_id',
      proposedByUserId: 't.proposed_by_user_id',
      version: 't.version',
      ...placedBy('t.account_id'),
    },
    convert(row) {
      row.amountFen = Number(row.amountFen);
      row.simplifiedBelowFen = Number(row.simplifiedBelowFen);
    },
  }),
  Capability.READ_ACCOUNTS,
);

export interface ProposalTransitionRow extends PlacedRow {
  proposalId: number;
  step: ProposalStep;
  fromStatus: ProposalStatus | null;
  toStatus: ProposalStatus;
  actorLabel: string;
  actorRole: string | null;
  meeting: string | null;
  meetingOn: string | null;
  eligible: number | null;
  attendance: number | null;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  comment: string | null;
}

export const ProposalTransitionSpec = registerNodeSpec(
  defineNode<ProposalTransitionRow>({
    type: 'ProposalTransition',
    table: 'proposal_transition',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: '(select p.compound_id from expenditure_proposal p where p.id = t.proposal_id)',
      proposalId: 't.proposal_id',
      step: 't.step',
      fromStatus: 't.from_status',
      toStatus: 't.to_status',
      actorLabel: 't.actor_label',
      actorRole: 't.actor_role',
      meeting: 't.meeting',
      meetingOn: 't.meeting_on',
      eligible: 't.eligible',
      attendance: 't.attendance',
      votesFor: 't.votes_for',
      votesAgainst: 't.votes_against',
      abstentions: 't.abstentions',
      comment: 't.comment',
      ...placedBy('(select p.account_id from expenditure_proposal p where p.id = t.proposal_id)'),
    },
  }),
  Capability.READ_ACCOUNTS,
);

export interface MonthlyStatementRow extends PlacedRow {
  accountId: number;
  month: string;
  preparedBy: string;
  note: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  content: unknown;
  contentHash: string | null;
  closingFen: number | null;
  dueDay: number;
}

export const MonthlyStatementSpec = registerNodeSpec(
  defineNode<MonthlyStatementRow>({
    type: 'MonthlyStatement',
    table: 'monthly_statement',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      accountId: 't.account_id',
      month: 't.month',
      preparedBy: 't.prepared_by',
      note: 't.note',
      publishedAt: 't.published_at',
      publishedBy: 't.published_by',
      content: 't.content',
      contentHash: 't.content_hash',
      closingFen: 't.closing_fen::text',
      dueDay: '(select x.statement_due_day from community x where x.id = t.community_id)',
      ...placedBy('t.account_id'),
    },
    convert(row) {
      row.closingFen = row.closingFen === null ? null : Number(row.closingFen);
    },
  }),
  Capability.READ_DISCLOSURES,
);

export const PUBLISHED_STATEMENTS = { key: 'published', sql: 't.published_at is not null', params: [] as unknown[] };

/**
 * Balances: the one way a balance is computed — the sum of the ledger up to (not including) a day,
 * or all of it. Every field and service that shows a balance reads it here.
 */
export const BALANCE_SQL = `select t.account_id as "k", coalesce(sum(t.delta_fen), 0)::text as "n" from ledger_entry t where t.account_id = any($1::int[]) group by 1`;

export function accountBalances(ctx: RequestContext) {
  return ctx.loaders.custom<number, number>('finance:balance', async (db, keys) => {
    const rows = await db.query<{ k: number; n: string }>(BALANCE_SQL, [keys]);
    const byKey = new Map(rows.map((r) => [r.k, Number(r.n)]));
    return keys.map((k) => byKey.get(k) ?? 0);
  });
}
