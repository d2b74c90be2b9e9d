import {
  CompoundMoneyDocument,
  CompoundStatementsDocument,
  PayExpenditureDocument,
  PrepareMonthlyStatementDocument,
  ProposeExpenditureDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  ReverseLedgerEntryDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fixedClock } from '../../src/core/clock';
import { ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/** A small deterministic generator (mulberry32): the same seed replays the same sequence. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDay = (day: string) => Date.parse(`${day}T00:00:00Z`);
const nextMonthOf = (month: string) => toDay(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1)).slice(0, 7);

const OPENED = '2026-01-01';
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
const LAST_DAY = '2026-10-31';
/** The requests' day, after the last month (publishing a month needs it over); a spend paid on an earlier day is proposed that day. */
const TODAY = '2026-11-15T02:00:00Z';

interface Frozen {
  month: string;
  id: string;
  hash: string;
  content: string;
}

/*
 * Random sequences of incomes, payments, reversals and publications through the API, with
 * back-dating attempts among them (before the account opened, into a published month, a reversal
 * before its entry, a month published out of order). After every step: the balance the API shows
 * is the sum of the ledger; every published statement is byte for byte what it was when published,
 * verifies on every check, and equals a recomputation of its month straight from the ledger table;
 * the published months chain (each opening is the previous closing, the first opens at zero). Every
 * back-dated attempt is refused and changes nothing.
 */
describe('ledger properties under random sequences', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  const clock = fixedClock(TODAY);

  beforeAll(async () => {
    app = await startTestApp({ clock });
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, OPENED);
  });
  afterAll(() => app.close());

  /** The account's rows in the money tables, hashed, and the audit log's extent: a refused write must leave them as they were. */
  async function moneyFingerprint(): Promise<string[]> {
    const pk = pkOf(account);
    const of = (table: string, where: string) =>
      `select '${table}:' || count(*) || ':' || coalesce(md5(string_agg(x::text, '|' order by x.id)), '') as f from ${table} x where ${where}`;
    const rows = await sql<{ f: string }>(
      app.database,
      [
        of('ledger_entry', `x.account_id = ${pk}`),
        of('expenditure_proposal', `x.account_id = ${pk}`),
        of('proposal_transition', `x.proposal_id in (select id from expenditure_proposal where account_id = ${pk})`),
        of('monthly_statement', `x.account_id = ${pk}`),
        `select 'audit_entry:' || count(*) || ':' || coalesce(max(id), 0) as f from audit_entry`,
      ].join(' union all '),
    );
    return rows.map((r) => r.f);
  }

  it('never lets a published statement drift from the ledger, and refuses every back-dated write without a trace', async () => {
    const random = rng(20261202);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    /** A day from `from` to `to` inclusive. */
    const between = (from: string, to: string) =>
      toDay(fromDay(from) + Math.floor(random() * ((fromDay(to) - fromDay(from)) / DAY_MS + 1)) * DAY_MS);

    const published: Frozen[] = [];
    const entries: Array<{ id: string; day: string; reversible: boolean }> = [];
    const tally = { backdated: 0, outOfOrder: 0, writes: 0, payments: 0, reversals: 0, reversalsIntoPublished: 0 };

    /** The first day a write may carry now. */
    const firstOpenDay = () => (published.length ? `${nextMonthOf(published.at(-1)!.month)}-01` : OPENED);
    /** A day a write may not carry: before the account opened, or in a published month. */
    const closedDay = () =>
      published.length && random() < 0.7
        ? between(`${pick(published).month}-01`, toDay(fromDay(firstOpenDay()) - DAY_MS))
        : between('2025-11-01', '2025-12-31');
    const expectedRefusal = (day: string) => (day < OPENED ? 'DATE_ORDER' : 'MONTH_PUBLISHED');

    /** Runs a write that must be refused: the codes are as expected and the money tables are untouched. */
    async function refusedWithoutTrace(
      write: () => Promise<Array<{ field: string[]; code: string }>>,
      field: string,
      code: string,
    ): Promise<void> {
      const before = await moneyFingerprint();
      expect(await write()).toEqual([expect.objectContaining({ field: [field], code })]);
      expect(await moneyFingerprint()).toEqual(before);
      tally.backdated++;
    }

    const income = (day: string, amountFen: number, step: number) =>
      app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen, occurredOn: day, description: `收入 ${step}` } },
        { as: 'secretary.xinyuan' },
      );

    for (let step = 0; step < 100; step++) {
      const roll = random();
      const openLeft = firstOpenDay() <= LAST_DAY;
      if (roll < 0.4) {
        if (!openLeft || random() < 0.3) {
          const day = closedDay();
          await refusedWithoutTrace(
            async () => ok(await income(day, 1 + Math.floor(random() * 50_000), step)).recordIncome.userErrors,
            'occurredOn',
            expectedRefusal(day),
          );
        } else {
          const day = between(firstOpenDay(), LAST_DAY);
          const res = ok(await income(day, 1 + Math.floor(random() * 500_000), step)).recordIncome;
          expect(res.userErrors).toEqual([]);
          entries.push({ id: res.entry!.id, day, reversible: true });
          tally.writes++;
        }
      } else if (roll < 0.65) {
        // A small spend: proposed by the branch, resolved by the owners' representative, paid by a custodian.
        // Paid on an open day, it is proposed and resolved that day (no step is dated before its proposal).
        const open = openLeft && random() >= 0.35;
        const day = open ? between(firstOpenDay(), LAST_DAY) : closedDay();
        if (open) clock.set(`${day}T02:00:00Z`);
        const p = ok(
          await app.request(
            ProposeExpenditureDocument,
            {
              input: {
                accountId: account,
                purpose: `支出 ${step}`,
                amountFen: 1 + Math.floor(random() * 40_000),
                payee: '馨园日杂店',
                category: 'SUPPLIES',
              },
            },
            { as: 'secretary.xinyuan' },
          ),
        ).proposeExpenditure.proposal!;
        expect(
          ok(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' })).resolveExpenditure
            .userErrors,
        ).toEqual([]);
        const pay = (day: string) =>
          app.request(PayExpenditureDocument, { input: { proposalId: p.id, paidOn: day } }, { as: 'committee.xinyuan' });
        if (!open) {
          await refusedWithoutTrace(async () => ok(await pay(day)).payExpenditure.userErrors, 'paidOn', expectedRefusal(day));
        } else {
          const res = ok(await pay(day)).payExpenditure;
          clock.set(TODAY);
          if (res.userErrors.length) expect(res.userErrors.map((e) => e.code)).toEqual(['INSUFFICIENT_FUNDS']);
          else {
            entries.push({ id: res.proposal!.payment!.id, day, reversible: false }); // a payment is not reversed (PROPOSAL_PAYMENT)
            tally.payments++;
          }
        }
      } else if (roll < 0.85 && entries.some((e) => e.reversible)) {
        const original = pick(entries.filter((e) => e.reversible));
        const reverse = (day: string) =>
          app.request(
            ReverseLedgerEntryDocument,
            { input: { entryId: original.id, occurredOn: day, reason: `冲正 ${step}` } },
            { as: 'secretary.xinyuan' },
          );
        const earliest = original.day > firstOpenDay() ? original.day : firstOpenDay();
        if (earliest > LAST_DAY || random() < 0.35) {
          // Before the entry it reverses (DATE_ORDER), or on or after it but inside a published month
          // (MONTH_PUBLISHED, possible when the entry's own month is published): both refused.
          const inPublished = original.day < firstOpenDay() && random() < 0.6;
          const beforeOriginal = !inPublished && original.day > OPENED;
          const day = inPublished
            ? between(original.day, toDay(fromDay(firstOpenDay()) - DAY_MS))
            : beforeOriginal
              ? between(OPENED, toDay(fromDay(original.day) - DAY_MS))
              : between('2025-11-01', '2025-12-31');
          await refusedWithoutTrace(
            async () => ok(await reverse(day)).reverseLedgerEntry.userErrors,
            'occurredOn',
            inPublished ? 'MONTH_PUBLISHED' : 'DATE_ORDER',
          );
          if (inPublished) tally.reversalsIntoPublished++;
        } else {
          const day = between(earliest, LAST_DAY);
          const res = ok(await reverse(day)).reverseLedgerEntry;
          // Reversing income can be refused when the money is no longer there; nothing else is expected.
          if (res.userErrors.length) expect(res.userErrors.map((e) => e.code)).toEqual(['INSUFFICIENT_FUNDS']);
          else {
            original.reversible = false;
            entries.push({ id: res.entry!.id, day, reversible: false });
            tally.reversals++;
          }
        }
      } else if (openLeft && random() < 0.6) {
        const next = firstOpenDay().slice(0, 7);
        const later = MONTHS.filter((m) => m > next);
        const prepare = async (month: string) =>
          ok(
            await app.request(
              PrepareMonthlyStatementDocument,
              { input: { accountId: account, month: `${month}-01` } },
              { as: 'finance.xinyuan' },
            ),
          ).prepareMonthlyStatement.statement!.id;
        const publish = async (id: string) =>
          ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: id } }, { as: 'finance.xinyuan' }))
            .publishMonthlyStatement;
        if (later.length && random() < 0.3) {
          // A later month before this one: refused, and nothing changes but the draft prepared for it.
          const id = await prepare(pick(later));
          const before = await moneyFingerprint();
          expect((await publish(id)).userErrors).toEqual([
            expect.objectContaining({ field: ['statementId'], code: 'PREVIOUS_MONTH_UNPUBLISHED', message: expect.stringContaining(next) }),
          ]);
          expect(await moneyFingerprint()).toEqual(before);
          tally.outOfOrder++;
        } else {
          const res = await publish(await prepare(next));
          expect(res.userErrors).toEqual([]);
          const [row] = await sql<{ content_hash: string; content: string }>(
            app.database,
            'select content_hash, content::text as content from monthly_statement where id = $1',
            [pkOf(res.statement!.id)],
          );
          published.push({ month: next, id: res.statement!.id, hash: row.content_hash, content: row.content });
        }
      }

      // The properties, after every step.
      const money = ok(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
      if (!('account' in money) || !money.account) throw new Error('no account');
      const [{ sum }] = await sql<{ sum: string }>(
        app.database,
        'select coalesce(sum(delta_fen), 0)::text as sum from ledger_entry where account_id = $1',
        [pkOf(account)],
      );
      expect(money.account.balanceFen).toBe(Number(sum));
      expect(money.account.balanceFen).toBeGreaterThanOrEqual(0);
      if (!published.length) continue;

      const stored = await sql<{ id: number; content_hash: string; content: string }>(
        app.database,
        'select id, content_hash, content::text as content from monthly_statement where id = any($1::int[])',
        [published.map((p) => pkOf(p.id))],
      );
      const storedById = new Map(stored.map((r) => [r.id, r]));
      for (const frozen of published) {
        const row = storedById.get(pkOf(frozen.id))!;
        expect({ month: frozen.month, hash: row.content_hash, content: row.content }).toEqual({
          month: frozen.month,
          hash: frozen.hash,
          content: frozen.content,
        });
      }

      // Each published month, recomputed straight from the ledger table (not through the API's code).
      const direct = await sql<{ month: string; opening: string; income: string; expense: string; closing: string; ids: number[] | null }>(
        app.database,
        `select to_char(m.month, 'YYYY-MM') as month,
                coalesce(sum(e.delta_fen) filter (where e.occurred_on < m.month), 0)::text as opening,
                coalesce(sum(e.delta_fen) filter (where e.occurred_on >= m.month and e.delta_fen > 0), 0)::text as income,
                coalesce(-sum(e.delta_fen) filter (where e.occurred_on >= m.month and e.delta_fen < 0), 0)::text as expense,
                coalesce(sum(e.delta_fen), 0)::text as closing,
                array_agg(e.id order by e.occurred_on, e.id) filter (where e.occurred_on >= m.month) as ids
           from unnest($2::date[]) as m(month)
           left join ledger_entry e on e.account_id = $1 and e.occurred_on < (m.month + interval '1 month')::date
          group by m.month order by m.month`,
        [pkOf(account), published.map((p) => `${p.month}-01`)],
      );
      const statements = ok(await app.request(CompoundStatementsDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
      if (!('monthlyStatements' in statements)) throw new Error('expected a compound');
      const byMonth = new Map(statements.monthlyStatements.nodes.map((s) => [s.month.slice(0, 7), s]));
      let previousClosing = 0;
      for (const [i, frozen] of published.entries()) {
        const s = byMonth.get(frozen.month)!;
        const content = JSON.parse(frozen.content) as {
          openingBalanceFen: number;
          incomeFen: number;
          expenseFen: number;
          closingBalanceFen: number;
          lines: Array<{ entryId: string }>;
        };
        expect({ month: frozen.month, status: s.status, verified: s.verified, verification: s.verification }).toEqual({
          month: frozen.month,
          status: 'PUBLISHED',
          verified: true,
          verification: { verified: true, contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: true },
        });
        const d = direct[i];
        expect({
          month: frozen.month,
          opening: content.openingBalanceFen,
          income: content.incomeFen,
          expense: content.expenseFen,
          closing: content.closingBalanceFen,
          ids: content.lines.map((l) => pkOf(l.entryId)),
        }).toEqual({
          month: d.month,
          opening: Number(d.opening),
          income: Number(d.income),
          expense: Number(d.expense),
          closing: Number(d.closing),
          ids: d.ids ?? [],
        });
        expect(content.openingBalanceFen).toBe(previousClosing);
        previousClosing = content.closingBalanceFen;
      }
    }

    // Every kind of step happened, the refused ones included.
    expect(published.length).toBeGreaterThanOrEqual(4);
    expect(tally.backdated).toBeGreaterThanOrEqual(10);
    for (const kind of ['outOfOrder', 'writes', 'payments', 'reversals', 'reversalsIntoPublished'] as const)
      expect(tally[kind]).toBeGreaterThan(0);
  });
});
