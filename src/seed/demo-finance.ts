import type pg from 'pg';
import { computeStatement, contentHash } from '../modules/finance/statement-content';

/*
 * Money in the demo: Yifen Xianzhuang (漪汾仙庄, collection above 95 % in the articles) and Zhenxing's
 * Dushi Huayuan (都市花园, 60 % → 100 %) have kept co-managed accounts since January 2026 — monthly
 * fees, a subsidy, spends that went through the four steps (and a small one through the simplified
 * path), a corrected mistake, and statements published each month up to September; October's is
 * still a draft, and late. Xinyuan has no account yet: the walk of docs/walkthrough.md opens it.
 */

const ACCOUNTS: Array<{ compound: string; households: number; feeFen: number }> = [
  { compound: '漪汾仙庄', households: 420, feeFen: 4_500 },
  { compound: '都市花园', households: 200, feeFen: 3_800 },
];

interface Spend {
  purpose: string;
  payee: string;
  category: string;
  amountFen: number;
  proposedOn: string;
  paidOn: string;
  invoiceRef: string;
}

const SPENDS: Spend[] = [
  {
    purpose: '购买扫帚、簸箕等保洁用品',
    payee: '漪汾日杂商店',
    category: 'SUPPLIES',
    amountFen: 12_800,
    proposedOn: '2026-01-08',
    paidOn: '2026-01-15',
    invoiceRef: 'FP2026-0115-01',
  },
  {
    purpose: '更换2号楼单元门禁',
    payee: '太原安居门业',
    category: 'REPAIR',
    amountFen: 386_000,
    proposedOn: '2026-02-20',
    paidOn: '2026-03-18',
    invoiceRef: 'FP2026-0318-07',
  },
  {
    purpose: '春季补种绿篱',
    payee: '小店区园林服务社',
    category: 'GREENING',
    amountFen: 152_000,
    proposedOn: '2026-04-02',
    paidOn: '2026-04-25',
    invoiceRef: 'FP2026-0425-02',
  },
  {
    purpose: '疏通雨水管网',
    payee: '晋阳市政疏通队',
    category: 'REPAIR',
    amountFen: 820_000,
    proposedOn: '2026-06-03',
    paidOn: '2026-07-02',
    invoiceRef: 'FP2026-0702-11',
  },
];

export async function seedDemoFinance(client: pg.ClientBase): Promise<void> {
  for (const account of ACCOUNTS) await seedAccount(client, account.compound, account.households, account.feeFen);
}

async function seedAccount(client: pg.ClientBase, compoundName: string, householdCount: number, feeFen: number): Promise<void> {
  const q = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => (await client.query(sql, params)).rows as T[];
  const [compound] = await q<{ id: number; secretary: number | null }>(
    `select cp.id, b.secretary_id as secretary from compound cp join compound_branch b on b.id = cp.branch_id where cp.name = $1`,
    [compoundName],
  );
  if (!compound?.secretary) return;
  // The committee seat: a member of the sitting committee (not its chair); the owners' representative:
  // a resident off the committee. Both hold the mandate to resolve, and as custodians to pay.
  const [member] = await q<{ id: number }>(
    `select m.person_id as id from committee_member m join property_committee k on k.id = m.committee_id
      where k.compound_id = $1 and k.status = 'SITTING' and m.role <> 'CHAIR' and m.person_id <> $2 order by m.id limit 1`,
    [compound.id, compound.secretary],
  );
  const residents = await q<{ id: number }>(
    `select p.id from person p join household h on h.id = p.household_id where h.compound_id = $1 and p.id <> $2
        and not exists (select 1 from committee_member m join property_committee k on k.id = m.committee_id where k.status = 'SITTING' and m.person_id = p.id)
      order by p.id limit 2 offset 10`,
    [compound.id, compound.secretary],
  );
  const [account] = await q<{ id: number }>(
    `insert into co_managed_account (compound_id, community_id, name, opened_on)
     select id, community_id, $2, '2026-01-01' from compound where id = $1 returning id`,
    [compound.id, `${compoundName}三方共管账户`],
  );
  const seats: Array<[string, number]> = [
    ['BRANCH_SECRETARY', compound.secretary],
    ['COMMITTEE_MEMBER', member?.id ?? residents[0].id],
    ['OWNER_REPRESENTATIVE', residents[1].id],
  ];
  for (const [seat, person] of seats) {
    await q(
      `insert into custodian (account_id, community_id, person_id, seat, since) select $1, community_id, $2, $3, '2026-01-01' from co_managed_account where id = $1`,
      [account.id, person, seat],
    );
  }
  const entry = (
    kind: string,
    category: string,
    amount: number,
    delta: number,
    on: string,
    counterparty: string | null,
    description: string,
    invoice: string | null,
    extra = '',
    extraValue: number | null = null,
  ) =>
    q<{ id: number }>(
      `insert into ledger_entry (account_id, community_id, compound_id, kind, category, amount_fen, delta_fen, occurred_on, counterparty, description, invoice_ref, recorded_by${extra ? `, ${extra}` : ''})
       select $1, community_id, compound_id, $2, $3, $4, $5, $6, $7, $8, $9, 'seed'${extra ? ', $10' : ''} from co_managed_account where id = $1 returning id`,
      extra
        ? [account.id, kind, category, amount, delta, on, counterparty, description, invoice, extraValue]
        : [account.id, kind, category, amount, delta, on, counterparty, description, invoice],
    );

  // Fees every month from 96 % to 99 % of the households.
  for (let m = 1; m <= 10; m++) {
    const month = String(m).padStart(2, '0');
    const households = Math.round(householdCount * 0.96) + ((m * 7) % Math.max(1, Math.round(householdCount * 0.03)));
    await entry(
      'INCOME',
      'FEES',
      households * feeFen,
      households * feeFen,
      `2026-${month}-06`,
      null,
      `${m}月物业管理费（${households}户）`,
      `SJ2026-${month}`,
    );
  }
  await entry('INCOME', 'SUBSIDY', 2_000_000, 2_000_000, '2026-05-12', '小店街道办事处', '老旧小区提质补贴', 'BZ2026-031');
  // A mistake and its correction: a fee receipt entered twice in August.
  const [twice] = await entry('INCOME', 'FEES', feeFen, feeFen, '2026-08-09', '3号楼2单元501', '补缴物业费（重复录入）', 'SJ2026-08-B');
  await entry(
    'REVERSAL',
    'CORRECTION',
    feeFen,
    -feeFen,
    '2026-08-10',
    '3号楼2单元501',
    '冲正：重复录入',
    'SJ2026-08-B',
    'reverses_id',
    twice.id,
  );

  for (const spend of SPENDS) {
    const simplified = spend.amountFen < 50_000;
    const [proposal] = await q<{ id: number }>(
      `insert into expenditure_proposal (account_id, community_id, compound_id, purpose, amount_fen, payee, category, status, spending_path, quorum_required, simplified_below_fen, version, created_at)
       select $1, community_id, compound_id, $2, $3, $4, $5, 'PAID', $6, $7, 50000, $8, $9::date + time '09:00' from co_managed_account where id = $1 returning id`,
      [
        account.id,
        spend.purpose,
        spend.amountFen,
        spend.payee,
        spend.category,
        simplified ? 'SIMPLIFIED' : 'FULL',
        spend.amountFen > 500_000,
        simplified ? 3 : 5,
        spend.proposedOn,
      ],
    );
    const steps: Array<[string, string | null, string, string, string | null, number | null, number | null, number | null]> = simplified
      ? [
          ['PROPOSE', null, 'PROPOSED', 'BRANCH_SECRETARY', null, null, null, null],
          ['RESOLVE', 'PROPOSED', 'RESOLVED', 'OWNER_REPRESENTATIVE', '楼院长会议', 12, 10, 9],
        ]
      : [
          ['PROPOSE', null, 'PROPOSED', 'BRANCH_SECRETARY', null, null, null, null],
          ['DISCUSS', 'PROPOSED', 'DISCUSSED', 'COMMITTEE_MEMBER', '支部与业委会商议会', null, null, null],
          ['REVIEW', 'DISCUSSED', 'REVIEWED', 'BRANCH_SECRETARY', '党员大会', 46, 38, 35],
          ['RESOLVE', 'REVIEWED', 'RESOLVED', 'OWNER_REPRESENTATIVE', '楼院长会议', 12, 11, 10],
        ];
    for (const [i, [step, from, to, role, meeting, eligible, attendance, votesFor]] of [
      ...steps,
      ['PAY', 'RESOLVED', 'PAID', 'COMMITTEE_MEMBER', null, null, null, null] as const,
    ].entries()) {
      await q(
        `insert into proposal_transition (proposal_id, community_id, step, from_status, to_status, actor_label, actor_role, meeting, meeting_on, eligible, attendance, votes_for, votes_against, abstentions, created_at)
         select $1, community_id, $2, $3, $4, 'seed', $5, $6, $7::date, $8, $9, $10, case when $9::int is null then null else $9::int - $10::int end, null, $7::date + time '10:00'
           from expenditure_proposal where id = $1`,
        [
          proposal.id,
          step,
          from,
          to,
          role,
          meeting,
          i === steps.length ? spend.paidOn : addDays(spend.proposedOn, i * 5),
          eligible,
          attendance,
          votesFor,
        ],
      );
    }
    await entry(
      'EXPENSE',
      spend.category,
      spend.amountFen,
      -spend.amountFen,
      spend.paidOn,
      spend.payee,
      spend.purpose,
      spend.invoiceRef,
      'proposal_id',
      proposal.id,
    );
  }

  // January to September published on the 5th of the following month; October still a draft.
  for (let m = 1; m <= 10; m++) {
    const month = `2026-${String(m).padStart(2, '0')}-01`;
    const [statement] = await q<{ id: number }>(
      `insert into monthly_statement (account_id, community_id, compound_id, month, prepared_by) select $1, community_id, compound_id, $2, 'seed' from co_managed_account where id = $1 returning id`,
      [account.id, month],
    );
    if (m === 10) continue;
    const content = await computeStatement(q, account.id, month);
    await q(
      `update monthly_statement set content = $2, content_hash = $3, closing_fen = $4, published_by = 'seed', published_at = ($5::date + time '09:00') at time zone 'UTC' where id = $1`,
      [statement.id, JSON.stringify(content), contentHash(content), content.closingBalanceFen, `2026-${String(m + 1).padStart(2, '0')}-05`],
    );
  }
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
