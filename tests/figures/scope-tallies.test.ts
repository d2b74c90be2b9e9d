import DataLoader from 'dataloader';
import type { RequestContext } from '../../src/context';
import { addDays, emptyTally, scopeTalliesOf, tally, TERM_ENDING_DAYS, type Tally } from '../../src/modules/figures/figures.compute';
import {
  communityRules,
  compoundPeriodFacts,
  scopeTallies,
  type CommunityRules,
  type CompoundPeriodFacts,
  type Scope,
} from '../../src/modules/figures/figures.loaders';
import { addMonths, parsePeriod } from '../../src/modules/figures/figures.period';
import { sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A district's and a street's figures are counted and summed per community in PostgreSQL
 * (`scopeTallies`), a community's per compound in JavaScript (`tally`). Over roll-up rows made
 * deliberately varied (branches with and without an id, every property mode, arrears on the bands'
 * edges, terms ending around today, evaluations and objections, archived compounds), both give the
 * same tallies for every community, street and the whole, for months and quarters.
 */

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The loaders' batches run straight against the test database (as its owner: both paths read the same rows). */
function contextOn(database: string): RequestContext {
  const db = { query: (text: string, params: unknown[]) => sql(database, text, params) };
  return {
    loaders: {
      custom: (_key: string, batch: (d: unknown, keys: readonly unknown[]) => Promise<unknown[]>) =>
        new DataLoader((keys) => batch(db, keys)),
    },
  } as unknown as RequestContext;
}

/** What `scopeTallies` should give: the compounds' rows tallied in JavaScript per community, per street and whole. */
function expected(compounds: CompoundPeriodFacts[], rules: CommunityRules[], today: string) {
  const rulesOf = new Map(rules.map((r) => [r.communityId, r]));
  const streetOf = new Map(rules.map((r) => [r.communityId, r.streetId]));
  const communities = new Map<number, Tally>();
  const streets = new Map<number, Tally>();
  const group = (keyOf: (c: CompoundPeriodFacts) => number) => {
    const m = new Map<number, CompoundPeriodFacts[]>();
    for (const c of compounds) m.set(keyOf(c), [...(m.get(keyOf(c)) ?? []), c]);
    return m;
  };
  for (const [id, cs] of group((c) => c.communityId)) communities.set(id, tally(cs, today, rulesOf));
  for (const [id, cs] of group((c) => streetOf.get(c.communityId)!)) streets.set(id, tally(cs, today, rulesOf));
  return { total: compounds.length ? tally(compounds, today, rulesOf) : emptyTally(), communities, streets };
}

describe('tallies of a district and a street, in PostgreSQL and in JavaScript', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
    const random = generator(20261202);
    const int = (n: number) => Math.floor(random() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
    const compounds = await sql<{ compound_id: number }>(app.database, 'select compound_id from lianxin_figures_compound order by 1');
    for (const { compound_id } of compounds) {
      const kind = pick(['STANDALONE', 'JOINT', 'NONE'] as const);
      await sql(
        app.database,
        `update lianxin_figures_compound set property_mode = $2, branch_kind = $3, branch_id = $4, graduated = $5,
                committee_sitting = $6, committee_compliant = $7, committee_term_end = $8, election_open = $9,
                archived = $10, plates = $11, grouped_households = $12, member_households = $13
          where compound_id = $1`,
        [
          compound_id,
          pick(['NONE', 'COMPANY', 'SELF_MANAGED', 'RED_PROPERTY', 'OTHER']),
          kind,
          kind === 'NONE' || random() < 0.2 ? null : 1 + int(4),
          random() < 0.3,
          random() < 0.6,
          random() < 0.4,
          random() < 0.2 ? null : addDays('2026-11-20', int(200) - 60),
          random() < 0.2,
          random() < 0.1,
          int(30),
          int(40),
          int(20),
        ],
      );
      for (const month of ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01']) {
        if (random() < 0.25) continue;
        const charged = pick([0, 1, 5, 10, 49, 50, 80]);
        const arrears = Math.min(charged, pick([0, 1, 9, 10, 49, 50, 60]));
        const evaluations = random() < 0.5 ? 0 : 1 + int(20);
        const objections = int(4);
        await sql(
          app.database,
          `insert into lianxin_figures_month (compound_id, month, community_id, charged_fen, waived_fen, collected_fen,
                  charged_households, settled_households, arrears_households, evaluations, evaluated_households, score_sum,
                  objections, objections_answered)
           select $1, $2, community_id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 from compound where id = $1
           on conflict (compound_id, month) do update set charged_fen = excluded.charged_fen, waived_fen = excluded.waived_fen,
                  collected_fen = excluded.collected_fen, charged_households = excluded.charged_households,
                  settled_households = excluded.settled_households, arrears_households = excluded.arrears_households,
                  evaluations = excluded.evaluations, evaluated_households = excluded.evaluated_households,
                  score_sum = excluded.score_sum, objections = excluded.objections, objections_answered = excluded.objections_answered`,
          [
            compound_id,
            month,
            charged * 3000,
            int(3) * 1000,
            int(charged * 3000 + 1),
            charged,
            charged - arrears,
            arrears,
            evaluations,
            Math.min(evaluations, int(10)),
            evaluations * (1 + int(5)),
            objections,
            int(objections + 1),
          ],
        );
      }
    }
  });
  afterAll(() => app.close());

  it('agree for every community, street and the whole, for months and quarters and days around the terms', async () => {
    const districts = await sql<{ id: number }>(app.database, 'select id from district order by id');
    const streets = await sql<{ id: number }>(app.database, 'select id from street order by id');
    const scopes: Scope[] = [
      ...districts.map((d) => ({ kind: 'DISTRICT' as const, pk: d.id })),
      ...streets.map((s) => ({ kind: 'STREET' as const, pk: s.id })),
    ];
    let compared = 0;
    const seen = { rated: 0, red: 0, yellow: 0, ending: 0, branches: 0, bands: [0, 0, 0, 0] as number[] };
    for (const scope of scopes)
      for (const [text, today] of [
        ['2026-10', '2026-11-20'],
        ['2026-Q4', '2026-10-01'],
        ['2026-09', '2027-01-15'],
      ]) {
        const period = parsePeriod(text)!;
        const last = period.months[period.months.length - 1];
        const quarterEnd = addMonths(period.quarter, 2);
        const ctx = contextOn(app.database);
        const [compounds, rows, rules] = await Promise.all([
          compoundPeriodFacts(ctx, scope, period.months[0], last, period.quarter, quarterEnd),
          scopeTallies(ctx, scope, period.months[0], last, period.quarter, quarterEnd, today, addDays(today, TERM_ENDING_DAYS)),
          communityRules(ctx, scope),
        ]);
        const got = scopeTalliesOf(rows, rules);
        const want = expected(compounds, rules, today);
        expect({ scope, text, today, total: got.total }).toEqual({ scope, text, today, total: want.total });
        expect(new Map([...got.communities].sort(([a], [b]) => a - b))).toEqual(new Map([...want.communities].sort(([a], [b]) => a - b)));
        expect(new Map([...got.streets].sort(([a], [b]) => a - b))).toEqual(new Map([...want.streets].sort(([a], [b]) => a - b)));
        compared += 1 + got.communities.size + got.streets.size;
        seen.rated += got.total.rated;
        seen.red += got.total.red;
        seen.yellow += got.total.yellow;
        seen.ending += got.total.ending;
        seen.branches += got.total.standaloneBranches + got.total.jointBranches;
        got.total.bands.forEach((n: number, i: number) => (seen.bands[i] += n));
      }
    // Something was compared, and what the rows vary in did vary.
    expect(compared).toBeGreaterThan(scopes.length * 3);
    for (const n of [seen.rated, seen.red, seen.yellow, seen.ending, seen.branches, ...seen.bands]) expect(n).toBeGreaterThan(0);
  });
});
