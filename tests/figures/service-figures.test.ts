import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Station figures (issue 13): stations meeting the "八有" standard and the staffed share of opening
 * hours reach Figures and each row of its breakdown, for the community and the district alike
 * (places, not persons: nothing withheld); they agree with Community.stationMonth; the rows add up
 * to the total; callers without READ_AGGREGATES are refused; the group costs constant statements.
 * Care and volunteer figures per community of a district's breakdown, withheld with the whole. And the
 * articles' volunteers in the demo (Yongkang's 14 teams, Xiamen's patrol and choir, the planting).
 */
const S = 'stations { stations meetingStandard openSeconds staffedSeconds staffedShare }';
const QUERY = `query StationFigures($id: ID!, $period: FiguresPeriod!) {
  node(id: $id) {
    ... on District { figures(period: $period) { suppressionApplied ${S} breakdown { name ${S} } } }
    ... on Community { figures(period: $period) { suppressionApplied ${S} breakdown { name ${S} } } }
  }
}`;
const MONTH = `query StationMonthTotals($id: ID!) {
  node(id: $id) { ... on Community { stationMonth(month: "2026-11-01") { stations meetingStandard staffed { station { name } hours { openSeconds staffedSeconds } } } } }
}`;

interface StationFigures {
  stations: number;
  meetingStandard: number;
  openSeconds: number;
  staffedSeconds: number;
  staffedShare: number | null;
}
interface Answer {
  suppressionApplied: boolean;
  stations: StationFigures;
  breakdown: Array<{ name: string; stations: StationFigures }>;
}
interface MonthAnswer {
  stations: number;
  meetingStandard: number;
  staffed: Array<{ station: { name: string }; hours: { openSeconds: number; staffedSeconds: number } }>;
}

describe('service-side figures', () => {
  let app: TestApp;
  let yongkang: string;
  let xiaodian: string;
  let gaoxin: string;

  async function figures(id: string, as: string, period = '2026-11') {
    const res = await app.request<{ node: { figures: Answer } | null }, Record<string, unknown>>(QUERY, { id, period }, { as });
    return { figures: ok(res).node!.figures, statements: res.extensions!.sqlStatements as number };
  }

  beforeAll(async () => {
    // A Monday, 08:00 in China: the demo's check-ins of 2–13 November lie before it.
    // The tallies' cache off: the statement counts below are those of a computation (figures-cache.test.ts has the cache's).
    app = await startTestApp({ clock: fixedClock('2026-11-16T00:00:00Z'), env: { FIGURES_MAX_STALENESS_MS: '0' } });
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    xiaodian = await idByName(app.database, 'district', '小店区', 'District');
    gaoxin = await idByName(app.database, 'district', '高新区', 'District');
  });
  afterAll(() => app.close());

  it('gives the community its stations, those meeting the standard and the staffed share, as stationMonth does', async () => {
    const { figures: f } = await figures(yongkang, 'admin.yongkangbeilu');
    const res = await app.request<{ node: { stationMonth: MonthAnswer } }, Record<string, unknown>>(
      MONTH,
      { id: yongkang },
      { as: 'admin.yongkangbeilu' },
    );
    const month = ok(res).node.stationMonth;
    expect(f.suppressionApplied).toBe(false);
    expect(f.stations.stations).toBe(12);
    expect(f.stations.stations).toBe(month.stations);
    expect(f.stations.meetingStandard).toBe(month.meetingStandard);
    expect(f.stations.meetingStandard).toBe(3); // the three stations upgraded to 八有
    expect(f.stations.openSeconds).toBe(month.staffed.reduce((s, x) => s + x.hours.openSeconds, 0));
    expect(f.stations.staffedSeconds).toBe(month.staffed.reduce((s, x) => s + x.hours.staffedSeconds, 0));
    expect(f.stations.staffedShare).toBeCloseTo(f.stations.staffedSeconds / f.stations.openSeconds, 4);
    // 馨园's row: its station, 76 h open up to the clock, 70 h staffed.
    const xin = f.breakdown.find((r) => r.name === '馨园')!.stations;
    expect(xin).toMatchObject({ stations: 1, meetingStandard: 1, openSeconds: 76 * 3600, staffedSeconds: 70 * 3600 });
    expect(xin.staffedShare).toBeCloseTo(70 / 76, 4);
    // A compound without a station reads zeros and no share.
    expect(f.breakdown.find((r) => r.stations.stations === 0)!.stations).toEqual({
      stations: 0,
      meetingStandard: 0,
      openSeconds: 0,
      staffedSeconds: 0,
      staffedShare: null,
    });
  });

  it('gives the district the same figures per community, unsuppressed, rows adding up to the total', async () => {
    const { figures: community } = await figures(yongkang, 'admin.yongkangbeilu');
    for (const as of ['district.xiaodian', 'street.xiaodian']) {
      const res = await app.request<{ node: { figures: Answer } | null }, Record<string, unknown>>(
        QUERY,
        { id: as === 'district.xiaodian' ? xiaodian : yongkang, period: '2026-11' },
        { as },
      );
      const f = ok(res).node!.figures;
      expect(f.suppressionApplied).toBe(true);
      const row = as === 'district.xiaodian' ? f.breakdown.find((r) => r.name === DEMO.yongkang)!.stations : f.stations;
      expect(row).toEqual(community.stations);
      if (as === 'district.xiaodian') {
        const sum = (k: 'stations' | 'meetingStandard' | 'openSeconds' | 'staffedSeconds') =>
          f.breakdown.reduce((s, r) => s + r.stations[k], 0);
        expect(f.stations.stations).toBe(sum('stations'));
        expect(f.stations.meetingStandard).toBe(sum('meetingStandard'));
        expect(f.stations.openSeconds).toBe(sum('openSeconds'));
        expect(f.stations.staffedSeconds).toBe(sum('staffedSeconds'));
      }
    }
  });

  it('refuses callers without aggregates, and another district’s officer finds nothing', async () => {
    expect(codes(await app.request(QUERY, { id: yongkang, period: '2026-11' }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(QUERY, { id: yongkang, period: '2026-11' }, { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(QUERY, { id: xiaodian, period: '2026-11' }, { as: 'district.gaoxin' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(QUERY, { id: gaoxin, period: '2026-11' }, { as: 'district.gaoxin' }))).toEqual([]);
  });

  it('costs the same statements for a month and a quarter, whatever the rows', async () => {
    const month = await figures(xiaodian, 'district.xiaodian', '2026-11');
    const quarter = await figures(xiaodian, 'district.xiaodian', '2026-Q4');
    const bare = await app.request<unknown, Record<string, unknown>>(
      `query($id: ID!) { node(id: $id) { ... on District { figures(period: "2026-11") { suppressionApplied breakdown { name } } } } }`,
      { id: xiaodian },
      { as: 'district.xiaodian' },
    );
    expect(quarter.statements).toBe(month.statements);
    // The stations of the scope, then their staffed hours.
    expect(month.statements - (bare.extensions!.sqlStatements as number)).toBeLessThanOrEqual(2);
  });
  it('has the articles’ volunteers in the demo: Yongkang’s 14 teams, Xiamen’s patrol and choir, Changchun’s spring planting', async () => {
    const teams = await sql<{ n: number }>(
      app.database,
      `select count(*)::int as n from volunteer_team t join community c on c.id = t.community_id where c.name = $1`,
      [DEMO.yongkang],
    );
    expect(teams[0].n).toBe(14);
    const activities = await sql<{ community: string; title: string; recurrence: string; minutes: number }>(
      app.database,
      `select c.name as community, a.title, a.recurrence, coalesce((select sum(h.minutes) from volunteer_hours h where h.activity_id = a.id), 0)::int as minutes
         from volunteer_activity a join community c on c.id = a.community_id where a.title in ('夜间巡逻', '周四合唱', '春季种花') order by a.id`,
    );
    expect(activities.map((a) => ({ community: a.community, title: a.title, recurrence: a.recurrence }))).toEqual([
      { community: '永康北路社区', title: '夜间巡逻', recurrence: 'FREQ=DAILY' },
      { community: '示例社区（殿前街道）', title: '夜间巡逻', recurrence: 'FREQ=DAILY' },
      { community: '示例社区（殿前街道）', title: '周四合唱', recurrence: 'FREQ=WEEKLY;BYDAY=TH' },
      { community: '英俊社区', title: '春季种花', recurrence: 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18' },
    ]);
    for (const a of activities) expect(a.minutes).toBeGreaterThan(0);
    // The planting shows in April's volunteer figures of its community, as its office reads them.
    const yingjun = await idByName(app.database, 'community', '英俊社区', 'Community');
    const res = await app.request<
      { node: { figures: { volunteers: { months: Array<{ minutes: { value: number | null }; teams: Array<{ name: string }> }> } } } },
      Record<string, unknown>
    >(
      `query($id: ID!) { node(id: $id) { ... on Community { figures(period: "2026-04") { volunteers { months { minutes { value } teams { name } } } } } } }`,
      { id: yingjun },
      { as: 'platform.admin' },
    );
    const [april] = ok(res).node.figures.volunteers.months;
    expect(april.teams.map((t) => t.name)).toEqual(['党员种花护绿队']);
    expect(april.minutes.value).toBeGreaterThan(0);
  });
  it('gives care and volunteer figures per community of a district, withheld with the whole; none on a compound row', async () => {
    const C = '{ value suppressed }';
    const CARE = `care { specialHouseholds ${C} linkedHouseholds ${C} coverage ${C} activeLinks ${C} months { month visits ${C} solved ${C} passedOn ${C} } }
      volunteers { months { month minutes ${C} activeVolunteers ${C} teams { name minutes ${C} } } }`;
    const q = (rows: boolean) => `query($id: ID!, $period: FiguresPeriod!) { node(id: $id) {
      ... on District { figures(period: $period) { ${CARE} breakdown { name ${rows ? CARE : ''} } } }
      ... on Community { figures(period: $period) { ${CARE} breakdown { name ${rows ? CARE : ''} } } } } }`;
    type Cell = { value: number | null; suppressed: boolean };
    type Group = {
      care: { specialHouseholds: Cell; linkedHouseholds: Cell; activeLinks: Cell; months: Array<{ visits: Cell; solved: Cell }> } | null;
      volunteers: { months: Array<{ minutes: Cell; activeVolunteers: Cell; teams: Array<{ name: string; minutes: Cell }> }> } | null;
    };
    type Answer = { node: { figures: Group & { breakdown: Array<Group & { name: string }> } } };
    const zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');

    // 高新区: Zhenxing is its only demo community, so its row is the whole, withheld alike.
    const gaoxinRes = await app.request<Answer, Record<string, unknown>>(
      q(true),
      { id: gaoxin, period: '2026-Q1' },
      { as: 'district.gaoxin' },
    );
    const g = ok(gaoxinRes).node.figures;
    const row = g.breakdown.find((r) => r.name === DEMO.zhenxing)!;
    expect(row.care).toEqual(g.care);
    expect(row.volunteers).toEqual(g.volunteers);
    expect(row.care!.months.some((m) => m.visits.value! > 0)).toBe(true);

    // 小店区: communities' volunteer minutes add up to the whole; a withheld cell is never alone in its column.
    const xiaodianRes = await app.request<Answer, Record<string, unknown>>(
      q(true),
      { id: xiaodian, period: '2026-11' },
      { as: 'district.xiaodian' },
    );
    const x = ok(xiaodianRes).node.figures;
    const minutes = x.breakdown.map((r) => r.volunteers!.months[0].minutes);
    if (!x.volunteers!.months[0].minutes.suppressed) expect(minutes.filter((m) => m.suppressed && m.value === null).length).not.toBe(1);
    if (minutes.every((m) => !m.suppressed)) expect(minutes.reduce((s, m) => s + m.value!, 0)).toBe(x.volunteers!.months[0].minutes.value);
    const yk = x.breakdown.find((r) => r.name === DEMO.yongkang)!.volunteers!.months[0];
    expect(yk.minutes.value).toBeGreaterThan(0);
    // Each team shows the same in its community's row and in the whole.
    for (const t of yk.teams) expect(x.volunteers!.months[0].teams.find((w) => w.name === t.name)!.minutes).toEqual(t.minutes);

    // The rows cost nothing more than the whole: the same four statements, grouped by community.
    const without = await app.request<Answer, Record<string, unknown>>(
      q(false),
      { id: xiaodian, period: '2026-11' },
      { as: 'district.xiaodian' },
    );
    expect(xiaodianRes.extensions!.sqlStatements).toBe(without.extensions!.sqlStatements);

    // A community's own rows are compounds: no care rows there.
    const own = ok(
      await app.request<Answer, Record<string, unknown>>(q(true), { id: zhenxing, period: '2026-Q1' }, { as: 'admin.zhenxing' }),
    ).node.figures;
    expect(own.breakdown.every((r) => r.care === null && r.volunteers === null)).toBe(true);
    expect(own.care!.specialHouseholds.value).toBe(g.care!.specialHouseholds.value);

    // Not to residents, nor to another district's officer.
    expect(codes(await app.request(q(true), { id: gaoxin, period: '2026-Q1' }, { as: 'resident.zhenxing' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(q(true), { id: zhenxing, period: '2026-Q1' }, { as: 'resident.zhenxing' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(q(true), { id: gaoxin, period: '2026-Q1' }, { as: 'district.xiaodian' }))).toEqual(['NOT_FOUND']);
  });
});
