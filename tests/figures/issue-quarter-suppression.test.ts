import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { issueStepper } from '../support/issue-steps';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Issue ratings are withheld once per scope and quarter: a month's answer, its quarter's answer and
 * the issue series take their withheld ratings from one suppression over the three months and the
 * quarter, so no withheld month is the quarter less its other months. Before, a district officer
 * read May's 2 ratings (withheld) as the quarter's 8 less April's 3 and June's 3, and their average
 * as (8 × 3.75 − 3 × 4 − 3 × 4) ÷ 2 = 3. Care and volunteer figures show months only, each month
 * withheld as in its own answer: a quarter's answer repeats its months' cells.
 */
const C = '{ value suppressed }';
const ISSUES = `issues { reported ratings ${C} averageRating ${C} }`;
const QUERY = `query Q($id: ID!, $period: FiguresPeriod!, $from: FiguresPeriod!, $to: FiguresPeriod!) {
  node(id: $id) {
    ... on District { figures(period: $period) { ...F } }
    ... on Street { figures(period: $period) { ...F } }
    ... on Community { figures(period: $period) { ...F } }
  }
}
fragment F on Figures {
  suppressionApplied
  ${ISSUES}
  breakdown { id ${ISSUES} }
  issueSeries(from: $from, to: $to) { month reported ratings ${C} averageRating ${C} }
}`;
const CARE = `query Q($id: ID!, $period: FiguresPeriod!) { node(id: $id) { ... on District { figures(period: $period) {
  care { months { month visits ${C} solved ${C} passedOn ${C} } }
  volunteers { months { month minutes ${C} activeVolunteers ${C} teams { name minutes ${C} } } }
  breakdown { id care { months { month visits ${C} solved ${C} passedOn ${C} } }
    volunteers { months { month minutes ${C} activeVolunteers ${C} teams { name minutes ${C} } } } } } } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;

type Cell = { value: number | null; suppressed: boolean };
type Issues = { reported: number; ratings: Cell; averageRating: Cell };
type Answer = {
  suppressionApplied: boolean;
  issues: Issues;
  breakdown: Array<{ id: string; issues: Issues }>;
  issueSeries: Array<Issues & { month: string }>;
};

const PERIODS = ['2027-04', '2027-05', '2027-06', '2027-Q2'];

/** The units (the whole, each row) whose ratings one could work out as the quarter less its other months. */
function recoverable(answers: Answer[]): string[] {
  const unitsOf = (a: Answer) =>
    new Map<string, Issues>([['total', a.issues], ...a.breakdown.map((r) => [`row:${r.id}`, r.issues] as const)]);
  const [m1, m2, m3, q] = answers.map(unitsOf);
  const found: string[] = [];
  for (const [unit, quarter] of q) {
    const cells = [quarter, m1.get(unit), m2.get(unit), m3.get(unit)].map((i) => i?.ratings ?? { value: 0, suppressed: false });
    if (cells.filter((c) => c.suppressed).length === 1) found.push(unit);
  }
  return found;
}

describe('issue ratings withheld jointly over a quarter and its months', () => {
  const clock = fixedClock('2027-04-01T00:00:00.000Z');
  let app: TestApp;
  let district: string;
  let street: string;
  let community: string;

  const figuresOf = async (id: string, period: string, as = 'district.xiaodian', from = '2027-04', to = '2027-06') =>
    ok(await app.request<{ node: { figures: Answer } }, Record<string, unknown>>(QUERY, { id, period, from, to }, { as })).node.figures;

  beforeAll(async () => {
    app = await startTestApp({ clock });
    const [row] = await sql<{ household: number; community: number; street: number; district: number }>(
      app.database,
      `select h.id as household, h.community_id as community, c.street_id as street, c.district_id as district
         from household h join community c on c.id = h.community_id
        where h.id = (select household_id from person where id = (select person_id from user_account where login = 'resident.xinyuan'))`,
    );
    community = gid('Community', row.community);
    street = gid('Street', row.street);
    district = gid('District', row.district);
    const step = issueStepper(app);
    // Rated issues: April 3 (5, 4, 3), May 2 (4, 2), June 3 (4, 4, 4) — the quarter 8, averaging 3.75.
    const ratings: Array<[string, number[]]> = [
      ['2027-04-05', [5, 4, 3]],
      ['2027-05-06', [4, 2]],
      ['2027-06-07', [4, 4, 4]],
    ];
    for (const [day, list] of ratings)
      for (const rating of list) {
        clock.set(`${day}T01:00:00.000Z`);
        const id = ok(
          await app.request<{ reportIssue: { issue: { id: string } } }, Record<string, unknown>>(
            REPORT,
            {
              input: {
                householdId: gid('Household', row.household),
                subject: 'BUILDING',
                category: 'repairs',
                text: '楼道灯坏了',
                nameVisible: true,
              },
            },
            { as: 'resident.xinyuan' },
          ),
        ).reportIssue.issue.id;
        await step('acceptIssue', id, 'grid.xinyuan');
        clock.set(`${day}T05:00:00.000Z`);
        await step('resolveIssue', id, 'grid.xinyuan', { note: '已修好' });
        await step('closeIssue', id, 'resident.xinyuan', { rating });
      }
    clock.set('2027-07-02T00:00:00.000Z');
  });
  afterAll(() => app.close());

  it("leaves no withheld month's ratings to be had as the quarter less the other months", async () => {
    const answers = await Promise.all(PERIODS.map((p) => figuresOf(district, p)));
    expect(answers[0].suppressionApplied).toBe(true);
    expect(answers.map((a) => a.issues.reported)).toEqual([3, 2, 3, 8]);
    // May's two ratings are withheld, and still cannot be worked out.
    expect(answers[1].issues.ratings).toEqual({ value: null, suppressed: true });
    expect(answers[1].issues.averageRating).toEqual({ value: null, suppressed: true });
    expect(recoverable(answers)).toEqual([]);
    // The series shows what the month answers show, whatever its span.
    for (const a of answers)
      for (let i = 0; i < 3; i++) {
        const { month: _month, ...point } = a.issueSeries[i];
        expect(point).toEqual(answers[i].issues);
      }
    for (let i = 0; i < 3; i++) {
      const [one] = (await figuresOf(district, PERIODS[i], 'district.xiaodian', PERIODS[i], PERIODS[i])).issueSeries;
      const { month: _month, ...point } = one;
      expect(point).toEqual(answers[i].issues);
    }
  });

  it("does the same for a street's and a community's figures", async () => {
    for (const id of [street, community]) {
      const answers = await Promise.all(PERIODS.map((p) => figuresOf(id, p)));
      expect(answers[1].issues.ratings.suppressed).toBe(true);
      expect(recoverable(answers)).toEqual([]);
    }
  });

  it('shows the community exact ratings, as before', async () => {
    const answers = await Promise.all(PERIODS.map((p) => figuresOf(community, p, 'admin.yongkangbeilu')));
    expect(answers.map((a) => a.issues.ratings)).toEqual([3, 2, 3, 8].map((value) => ({ value, suppressed: false })));
    expect(answers.map((a) => a.issues.averageRating.value)).toEqual([4, 3, 4, 3.75]);
    expect(answers[3].issueSeries.map((p) => p.ratings.value)).toEqual([3, 2, 3]);
  });

  it("repeats each month's care and volunteer cells in the quarter's answer, as the month's answer withholds them", async () => {
    type Care = {
      care: { months: unknown[] };
      volunteers: { months: unknown[] };
      breakdown: Array<{ id: string; care: { months: unknown[] }; volunteers: { months: unknown[] } }>;
    };
    const read = async (period: string) =>
      ok(
        await app.request<{ node: { figures: Care } }, Record<string, unknown>>(
          CARE,
          { id: district, period },
          { as: 'district.xiaodian' },
        ),
      ).node.figures;
    let withheld = 0;
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      const first = Number(q.slice(-1)) * 3 - 2;
      const months = [0, 1, 2].map((i) => `${q.slice(0, 4)}-${String(first + i).padStart(2, '0')}`);
      const [quarter, ...answers] = await Promise.all([q, ...months].map(read));
      withheld += JSON.stringify(quarter).split('"suppressed":true').length - 1;
      answers.forEach((a, i) => {
        expect(quarter.care.months[i]).toEqual(a.care.months[0]);
        expect(quarter.volunteers.months[i]).toEqual(a.volunteers.months[0]);
        for (const r of quarter.breakdown) {
          const m = a.breakdown.find((x) => x.id === r.id)!;
          expect(r.care.months[i]).toEqual(m.care.months[0]);
          expect(r.volunteers.months[i]).toEqual(m.volunteers.months[0]);
        }
      });
    }
    // The demo's first quarter has small visit and volunteer cells: the comparison is not empty.
    expect(withheld).toBeGreaterThan(0);
  });
});
