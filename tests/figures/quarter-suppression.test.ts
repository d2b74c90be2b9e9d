import { fixedClock } from '../../src/core/clock';
import { CreateFeeScheduleDocument, IssueFeeChargesDocument, RecordFeePaymentDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';
import type { CellValue, Figures } from './queries';

/*
 * Fee figures are withheld once per scope and quarter: a month's answer, its quarter's answer and
 * the series take their withheld cells from one suppression over the three months and the quarter,
 * so no withheld month is the quarter less its other months (a review had November's arrears as
 * 7 − 5 − 0 = 2).
 */
const C = '{ value suppressed }';
const FEES = `fees { chargedHouseholds ${C} settledHouseholds ${C} arrearsHouseholds ${C} dueFen ${C} collectedFen ${C}
  collectionRate ${C} byClass { mode chargedHouseholds ${C} collectionRate ${C} } }`;
const QUERY = `query Q($id: ID!, $period: FiguresPeriod!, $from: FiguresPeriod!, $to: FiguresPeriod!) {
  node(id: $id) {
    ... on District { figures(period: $period) { ...F streets { id ${FEES} } } }
    ... on Street { figures(period: $period) { ...F } }
    ... on Community { figures(period: $period) { ...F } }
  }
}
fragment F on Figures {
  suppressionApplied
  ${FEES}
  breakdown { id ${FEES} }
  series(from: $from, to: $to) { month chargedHouseholds ${C} settledHouseholds ${C} arrearsHouseholds ${C} dueFen ${C} collectedFen ${C} collectionRate ${C} }
}`;

const PERIODS = ['2026-10', '2026-11', '2026-12', '2026-Q4'];

/** The additive fee cells of a unit's answer, by name. */
function additive(fees: Figures): Record<string, CellValue> {
  const out: Record<string, CellValue> = {
    chargedHouseholds: fees.chargedHouseholds,
    settledHouseholds: fees.settledHouseholds,
    arrearsHouseholds: fees.arrearsHouseholds,
    dueFen: fees.dueFen,
    collectedFen: fees.collectedFen,
  };
  for (const c of fees.byClass) out[`class:${c.mode}`] = c.chargedHouseholds;
  return out;
}

/** Units (the whole, each row, each street) of one answer, by a key the four answers share. */
function units(figures: Figures): Map<string, Record<string, CellValue>> {
  const out = new Map<string, Record<string, CellValue>>([['total', additive(figures.fees)]]);
  for (const r of figures.breakdown) out.set(`row:${r.id}`, additive(r.fees));
  for (const s of figures.streets ?? []) out.set(`street:${s.id}`, additive(s.fees));
  return out;
}

/** The cells a caller could work out as the quarter less its other months (or the months' sum). */
function recoverable(answers: Figures[]): string[] {
  const [m1, m2, m3, q] = answers.map(units);
  const found: string[] = [];
  for (const [unit, quarter] of q)
    for (const [name, whole] of Object.entries(quarter)) {
      const cells = [whole, m1.get(unit)![name], m2.get(unit)![name], m3.get(unit)![name]];
      if (cells.filter((c) => c.suppressed).length === 1) found.push(`${unit} ${name}`);
    }
  return found;
}

describe('fee figures withheld jointly over a quarter and its months', () => {
  const clock = fixedClock('2026-12-20T02:00:00.000Z');
  let app: TestApp;
  let xiaodian: string;
  let street: string;
  let yongkang: string;

  const figuresOf = async (id: string, period: string): Promise<Figures> => {
    const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
      QUERY,
      { id, period, from: '2026-10', to: '2026-12' },
      { as: 'district.xiaodian' },
    );
    return ok(res).node.figures;
  };

  beforeAll(async () => {
    app = await startTestApp({ clock });
    const one = async (text: string) => (await sql<{ id: number }>(app.database, text))[0].id;
    xiaodian = gid('District', await one("select id from district where name = '小店区'"));
    const yongkangPk = await one(`select id from community where name = '${DEMO.yongkang}'`);
    yongkang = gid('Community', yongkangPk);
    street = gid('Street', await one(`select street_id as id from community where id = ${yongkangPk}`));
    // A compound of Yongkang with no fee yet: a monthly fee from November, charged, all but two paid.
    const compound = await one(
      `select cp.id from compound cp left join household h on h.compound_id = cp.id and h.archived_at is null
        where cp.community_id = ${yongkangPk} and not exists (select 1 from fee_schedule s where s.compound_id = cp.id)
        group by cp.id having count(h.id) between 20 and 40 order by cp.id limit 1`,
    );
    const schedule = ok(
      await app.request(
        CreateFeeScheduleDocument,
        {
          input: {
            compoundId: gid('Compound', compound),
            name: '卫生费',
            basis: 'PER_HOUSEHOLD',
            rateFen: 1_000,
            period: 'MONTHLY',
            agreedOn: '2026-10-20',
            effectiveFrom: '2026-11-01',
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createFeeSchedule.schedule!;
    ok(
      await app.request(
        IssueFeeChargesDocument,
        { input: { scheduleId: schedule.id, period: '2026-11-01' } },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    const charges = await sql<{ id: number; amount: string }>(
      app.database,
      `select c.id, c.amount_fen::text as amount from fee_charge c join fee_schedule s on s.id = c.schedule_id
        where s.compound_id = $1 and c.period = '2026-11-01' order by c.id`,
      [compound],
    );
    expect(charges.length).toBeGreaterThanOrEqual(20);
    for (const c of charges.slice(2)) {
      const paid = ok(
        await app.request(
          RecordFeePaymentDocument,
          { input: { chargeId: gid('FeeCharge', c.id), amountFen: Number(c.amount), paidOn: '2026-11-20' } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).recordFeePayment;
      expect(paid.userErrors).toEqual([]);
    }
  });
  afterAll(() => app.close());

  it("leaves no withheld month to be had as the quarter less the other months, for a district's total, communities and streets", async () => {
    const answers = await Promise.all(PERIODS.map((p) => figuresOf(xiaodian, p)));
    expect(answers[0].suppressionApplied).toBe(true);
    // November's arrears (two households) are withheld, and still cannot be worked out.
    expect(answers[1].fees.arrearsHouseholds).toEqual({ value: null, suppressed: true });
    expect(recoverable(answers)).toEqual([]);
    // The series shows what the month answers show.
    for (let i = 0; i < 3; i++) {
      const { month: _month, ...point } = answers[0].series[i];
      const { byClass: _byClass, ...fees } = answers[i].fees;
      expect(point).toEqual(fees);
    }
  });

  it("does the same for a street's and a community's figures", async () => {
    for (const id of [street, yongkang]) {
      const answers = await Promise.all(PERIODS.map((p) => figuresOf(id, p)));
      expect(recoverable(answers)).toEqual([]);
      for (let i = 0; i < 3; i++) {
        const { month: _month, ...point } = answers[3].series[i];
        const { byClass: _byClass, ...fees } = answers[i].fees;
        expect(point).toEqual(fees);
      }
    }
  });
});
