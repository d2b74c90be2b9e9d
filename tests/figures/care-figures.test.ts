import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * Care and volunteer figures (issue 13): the community's own roles see Zhenxing's coverage, visits and
 * problems solved, and Yongkang North Road's volunteer hours per team; the district sees the same
 * figures with small counts withheld, and no name of a person; the parts add constant statements.
 */
const C = '{ value suppressed }';
const CARE = `care { specialHouseholds ${C} linkedHouseholds ${C} coverage ${C} activeLinks ${C} months { month visits ${C} solved ${C} passedOn ${C} } }
  volunteers { months { month minutes ${C} activeVolunteers ${C} teams { name minutes ${C} } } }`;
const QUERY = (fields: string) => `query Figures($id: ID!, $period: FiguresPeriod!) {
  node(id: $id) {
    ... on District { figures(period: $period) { suppressionApplied ${fields} } }
    ... on Community { figures(period: $period) { suppressionApplied ${fields} } }
  }
}`;

interface CellValue {
  value: number | null;
  suppressed: boolean;
}
interface CareAnswer {
  suppressionApplied: boolean;
  care: {
    specialHouseholds: CellValue;
    linkedHouseholds: CellValue;
    coverage: CellValue;
    activeLinks: CellValue;
    months: Array<{ month: string; visits: CellValue; solved: CellValue; passedOn: CellValue }>;
  };
  volunteers: {
    months: Array<{ month: string; minutes: CellValue; activeVolunteers: CellValue; teams: Array<{ name: string; minutes: CellValue }> }>;
  };
}

describe('care and volunteer figures', () => {
  let app: TestApp;
  let zhenxing: string;
  let yongkang: string;
  let gaoxin: string;

  async function figures(id: string, period: string, as: string) {
    const res = await app.request<{ node: { figures: CareAnswer } | null }, Record<string, unknown>>(QUERY(CARE), { id, period }, { as });
    return { figures: ok(res).node!.figures, statements: res.extensions!.sqlStatements as number };
  }

  beforeAll(async () => {
    app = await startTestApp();
    zhenxing = await idByName(app.database, 'community', DEMO.zhenxing, 'Community');
    yongkang = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    gaoxin = await idByName(app.database, 'district', '高新区', 'District');
  });
  afterAll(() => app.close());

  it('gives the community its coverage and the year’s 170+ visits and 90+ problems solved', async () => {
    let visits = 0;
    let solved = 0;
    for (const q of ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']) {
      const { figures: f } = await figures(zhenxing, q, 'admin.zhenxing');
      expect(f.suppressionApplied).toBe(false);
      expect(f.care.months).toHaveLength(3);
      visits += f.care.months.reduce((s, m) => s + m.visits.value!, 0);
      solved += f.care.months.reduce((s, m) => s + m.solved.value!, 0);
      expect(f.care.coverage.value).toBe(1);
      expect(f.care.specialHouseholds.value).toBe(f.care.linkedHouseholds.value);
    }
    expect(visits).toBeGreaterThanOrEqual(170);
    expect(solved).toBeGreaterThanOrEqual(90);
  });

  it('gives volunteer minutes per team and month and the active volunteers', async () => {
    const { figures: f } = await figures(yongkang, '2026-11', 'admin.yongkangbeilu');
    const [month] = f.volunteers.months;
    expect(month.minutes.value).toBeGreaterThan(0);
    expect(month.activeVolunteers.value).toBeGreaterThan(0);
    expect(month.teams.length).toBeGreaterThan(0);
    expect(month.teams.reduce((s, t) => s + t.minutes.value!, 0)).toBe(month.minutes.value);
  });

  it('gives the district the same figures with small counts withheld, and no names', async () => {
    const own = (await figures(zhenxing, '2026-Q1', 'admin.zhenxing')).figures;
    const { figures: district } = await figures(gaoxin, '2026-Q1', 'district.gaoxin');
    expect(district.suppressionApplied).toBe(true);
    // Zhenxing is the district's only demo community: what is shown equals the community's own figure.
    for (const [i, m] of district.care.months.entries())
      for (const key of ['visits', 'solved', 'passedOn'] as const) {
        const c = m[key];
        if (c.suppressed) expect(c.value).toBeNull();
        else expect(c.value).toBe(own.care.months[i][key].value);
      }
    expect(district.care.specialHouseholds.value).toBe(own.care.specialHouseholds.value);
    const text = JSON.stringify(district);
    const names = await sql<{ name: string }>(app.database, 'select distinct name from person where community_id = $1', [pkOf(zhenxing)]);
    expect(names.filter((n) => text.includes(`"${n.name}"`))).toEqual([]);
    // Not to residents: figures need READ_AGGREGATES.
    expect(codes(await app.request(QUERY(CARE), { id: zhenxing, period: '2026-Q1' }, { as: 'resident.zhenxing' }))).toEqual(['FORBIDDEN']);
  });

  it('adds constant statements to a district’s figures', async () => {
    const without = await app.request(QUERY(''), { id: gaoxin, period: '2026-Q1' }, { as: 'district.gaoxin' });
    const { statements } = await figures(gaoxin, '2026-Q1', 'district.gaoxin');
    ok(without);
    expect(statements - (without.extensions!.sqlStatements as number)).toBeLessThanOrEqual(4);
  });
});
