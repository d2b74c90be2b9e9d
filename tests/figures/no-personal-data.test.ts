import ExcelJS from 'exceljs';
import { openOrNull } from '../../src/core/crypto/sealed';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { NODE_FIGURES } from './queries';

/*
 * No personal value reaches the offices above communities: every answer district and street
 * officers get from the figures (each district, street and community they reach, for a month and a
 * quarter, with series and rankings) is searched for persons' names, phones and door numbers.
 */

async function xlsxText(body: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(body as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => out.push(JSON.stringify(row.values))));
  return out.join('\n');
}

/** Names of three characters or more found inside any of the strings (every substring looked up once). */
function namesWithin(values: string[], names: Set<string>): string[] {
  const found: string[] = [];
  for (const value of new Set(values))
    for (let i = 0; i < value.length; i++)
      for (let n = 3; n <= 6 && i + n <= value.length; n++) if (names.has(value.slice(i, i + n))) found.push(value.slice(i, i + n));
  return found;
}

function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  return out;
}

describe('figures carry no personal data to district and street officers', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('answers district.xiaodian, district.gaoxin and street.xiaodian without a name, phone or door number', async () => {
    // Phones and identity card numbers are sealed at rest: the values to look for are the opened ones.
    const persons = (
      await sql<{ name: string; phone_sealed: string | null; id_number_sealed: string | null }>(
        app.database,
        'select name, phone_sealed, id_number_sealed from person',
      )
    ).map((p) => ({ name: p.name, phone: openOrNull(p.phone_sealed), id_number: openOrNull(p.id_number_sealed) }));
    const doors = await sql<{ door_no: string }>(app.database, 'select distinct door_no from household');
    const names = new Set(persons.map((p) => p.name));
    const secrets = [...persons.flatMap((p) => [p.phone, p.id_number]).filter((v): v is string => !!v)];
    const doorNumbers = new Set(doors.map((d) => d.door_no));
    expect(names.size).toBeGreaterThan(100);
    expect(secrets.length).toBeGreaterThan(0);

    const scopes = await sql<{ type: string; id: number; login: string }>(
      app.database,
      `select 'District' as type, d.id, 'district.xiaodian' as login from district d where d.name = '小店区'
       union all select 'District', d.id, 'district.gaoxin' from district d where d.name = '高新区'
       union all select 'Street', s.id, 'district.xiaodian' from street s join district d on d.id = s.district_id where d.name = '小店区'
       union all select 'Street', s.id, 'street.xiaodian' from street s where s.name = '小店街道'
       union all select 'Community', c.id, 'district.xiaodian' from community c join district d on d.id = c.district_id where d.name = '小店区'
       union all select 'Community', c.id, 'district.gaoxin' from community c join district d on d.id = c.district_id where d.name = '高新区'
       union all select 'Community', c.id, 'street.xiaodian' from community c join street s on s.id = c.street_id where s.name = '小店街道'`,
    );
    expect(scopes.length).toBeGreaterThan(6);
    let answers = 0;
    for (const scope of scopes) {
      for (const period of ['2026-10', '2026-Q3']) {
        const res = await app.request(
          NODE_FIGURES,
          { id: gid(scope.type, scope.id), period, from: '2025-01', to: '2026-10' },
          { as: scope.login },
        );
        expect(codes(res)).toEqual([]);
        const data = ok(res);
        const text = JSON.stringify(data);
        for (const s of strings(data)) {
          expect(names.has(s)).toBe(false);
          expect(doorNumbers.has(s)).toBe(false);
        }
        for (const secret of secrets) expect(text.includes(secret)).toBe(false);
        expect(namesWithin(strings(data), names)).toEqual([]);
        answers++;
      }
    }
    expect(answers).toBe(scopes.length * 2);

    // The spreadsheets, both formats, for each district officer's district.
    for (const scope of scopes.filter((s) => s.type === 'District')) {
      for (const format of ['csv', 'xlsx']) {
        const res = await fetch(app.url.replace('/graphql', `/reports/district/${gid('District', scope.id)}.${format}?period=2026-10`), {
          headers: { authorization: `Bearer ${await app.tokenFor(scope.login)}` },
        });
        expect(res.status).toBe(200);
        const body = Buffer.from(await res.arrayBuffer());
        // An XLSX is a zip: search its shared strings and sheets as text after unzipping them.
        const text = format === 'csv' ? body.toString('utf8') : await xlsxText(body);
        for (const secret of secrets) expect(text.includes(secret)).toBe(false);
        expect(namesWithin(text.split(/[,\n"]/), names)).toEqual([]);
        for (const cell of text.split(/[,\n<>]/)) expect(doorNumbers.has(cell.trim()) && /[^0-9]/.test(cell.trim())).toBe(false);
      }
    }
  });
});
