import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { NODE_FIGURES, type Figures } from './queries';

/*
 * Figures for the offices: a district officer gets the district's figures, per community, with a
 * series and rankings, in a constant number of statements; officers of another district or street
 * learn nothing (NOT_FOUND); community roles see exact figures of their own community.
 */
describe('figures for district, street and community offices', () => {
  let app: TestApp;
  let xiaodian: string;
  let gaoxin: string;
  let xiaodianStreet: string;
  let otherStreet: string;
  let yongkang: string;
  let zhenxing: string;

  const vars = (id: string, period = '2026-10') => ({ id, period, from: '2025-11', to: '2026-10' });
  const figuresOf = async (id: string, as: string, period = '2026-10') => {
    const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(NODE_FIGURES, vars(id, period), { as });
    return { res, figures: ok(res).node.figures };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const one = async (text: string) => (await sql<{ id: number }>(app.database, text))[0].id;
    xiaodian = gid('District', await one("select id from district where name = '小店区'"));
    gaoxin = gid('District', await one("select id from district where name = '高新区'"));
    xiaodianStreet = gid('Street', await one("select id from street where name = '小店街道'"));
    otherStreet = gid(
      'Street',
      await one("select s.id from street s join district d on d.id = s.district_id where d.name = '高新区' limit 1"),
    );
    yongkang = gid('Community', await one(`select id from community where name = '${DEMO.yongkang}'`));
    zhenxing = gid('Community', await one(`select id from community where name = '${DEMO.zhenxing}'`));
  });
  afterAll(() => app.close());

  it("gives a district officer the district's figures per community, a series and rankings, in a constant number of statements", async () => {
    const { res, figures } = await figuresOf(xiaodian, 'district.xiaodian');
    expect(figures.suppressionApplied).toBe(true);
    expect(figures.minCell).toBe(3);
    expect(figures.period).toBe('2026-10');
    const names = figures.breakdown.map((r: Figures) => r.name);
    expect(names).toContain(DEMO.yongkang);
    expect(figures.breakdown.every((r: Figures) => r.kind === 'COMMUNITY')).toBe(true);
    expect(figures.coverage.compounds).toBe(figures.breakdown.reduce((a: number, r: Figures) => a + r.coverage.compounds, 0));
    expect(figures.series).toHaveLength(12);
    expect(figures.rankings.collectionRate[0].rank).toBe(1);
    expect(res.extensions!.sqlStatements).toBeLessThanOrEqual(12);
  });

  it("refuses another district's figures and another street's as NOT_FOUND", async () => {
    expect(codes(await app.request(NODE_FIGURES, vars(gaoxin), { as: 'district.xiaodian' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(NODE_FIGURES, vars(xiaodian), { as: 'district.gaoxin' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(NODE_FIGURES, vars(otherStreet), { as: 'street.xiaodian' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(NODE_FIGURES, vars(xiaodian), { as: 'street.xiaodian' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(NODE_FIGURES, vars(xiaodian), { as: null }))).toEqual(['UNAUTHENTICATED']);
    // A community of another district is not even there for the officer.
    const res = await app.request<{ node: unknown }, Record<string, unknown>>(NODE_FIGURES, vars(yongkang), { as: 'district.gaoxin' });
    expect(res.data?.node ?? null).toBeNull();
  });

  it("gives a street officer the street's figures and a district officer the street's too", async () => {
    const { figures } = await figuresOf(xiaodianStreet, 'street.xiaodian');
    expect(figures.suppressionApplied).toBe(true);
    expect(figures.breakdown.length).toBeGreaterThan(0);
    const viaDistrict = await figuresOf(xiaodianStreet, 'district.xiaodian');
    expect(viaDistrict.figures.coverage).toEqual(figures.coverage);
  });

  it('shows community roles their exact figures per compound, and refuses roles without READ_AGGREGATES', async () => {
    const { figures } = await figuresOf(yongkang, 'admin.yongkangbeilu');
    expect(figures.suppressionApplied).toBe(false);
    expect(figures.breakdown).toHaveLength(63);
    expect(figures.breakdown.every((r: Figures) => r.kind === 'COMPOUND')).toBe(true);
    const cells = JSON.stringify(figures);
    expect(cells).not.toContain('"suppressed":true');
    expect(codes(await app.request(NODE_FIGURES, vars(yongkang), { as: 'secretary.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(codes(await app.request(NODE_FIGURES, vars(zhenxing), { as: 'admin.yongkangbeilu' }))).toEqual([]);
  });

  it('withholds small cells from the district, with a second cell wherever a total would give one away', async () => {
    const { figures } = await figuresOf(yongkang, 'district.xiaodian');
    expect(figures.suppressionApplied).toBe(true);
    const column = (f: (r: Figures) => { value: number | null; suppressed: boolean }) => figures.breakdown.map(f);
    for (const pick of [
      (r: Figures) => r.coverage.memberHouseholds,
      (r: Figures) => r.coverage.plates,
      (r: Figures) => r.people.partyMembers,
      (r: Figures) => r.people.externalPartyMembers,
    ]) {
      const cells = column(pick);
      for (const c of cells) if (!c.suppressed) expect(c.value === 0 || c.value! >= 3).toBe(true);
      const hidden = cells.filter((c: { suppressed: boolean }) => c.suppressed).length;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    // The small joint-branch compounds each have one member household: withheld, not zero.
    const small = figures.breakdown.find((r: Figures) => r.name === '昌盛西一巷1号院');
    expect(small.coverage.memberHouseholds).toEqual({ value: null, suppressed: true });
  });

  it("no longer shows a district officer a building's fee collection (it told who owes in a small building)", async () => {
    const [building] = await sql<{ id: number }>(
      app.database,
      `select b.id from building b join compound cp on cp.id = b.compound_id where cp.name = '${DEMO.xinyuan}' order by b.id limit 1`,
    );
    const query = `query B($id: ID!) { node(id: $id) { ... on Building { name feeCollection(period: "2026-10-01") { rate } } } }`;
    const refused = await app.request(query, { id: gid('Building', building.id) }, { as: 'district.xiaodian' });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const own = await app.request<{ node: { feeCollection: { rate: number } } }, Record<string, unknown>>(
      query,
      { id: gid('Building', building.id) },
      { as: 'committee.xinyuan' },
    );
    expect(ok(own).node.feeCollection.rate).toBe(1);
  });

  it("shows a compound's fee collection to its community's people and not to a district officer", async () => {
    const [compound] = await sql<{ id: number }>(app.database, `select id from compound where name = '${DEMO.xinyuan}'`);
    const query = `query C($id: ID!) { node(id: $id) { ... on Compound { name
      feeCollection(period: "2026-10-01") { rate } feeCollectionSeries(from: "2026-09-01", to: "2026-10-01") { rate } } } }`;
    const refused = await app.request(query, { id: gid('Compound', compound.id) }, { as: 'district.xiaodian' });
    expect(codes(refused).sort()).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    for (const as of ['member.xinyuan', 'committee.xinyuan', 'grid.xinyuan']) {
      const own = await app.request<{ node: { feeCollection: { rate: number }; feeCollectionSeries: unknown[] } }, Record<string, unknown>>(
        query,
        { id: gid('Compound', compound.id) },
        { as },
      );
      expect(ok(own).node.feeCollection.rate).toBe(1);
      expect(ok(own).node.feeCollectionSeries).toHaveLength(2);
    }
  });

  it('refuses a malformed period and an over-long series', async () => {
    expect(codes(await app.request(NODE_FIGURES, { ...vars(xiaodian), period: '2026-13' }, { as: 'district.xiaodian' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(codes(await app.request(NODE_FIGURES, { ...vars(xiaodian), from: '2020-01' }, { as: 'district.xiaodian' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
  });
});
