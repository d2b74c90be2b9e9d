import { sql } from '../support/databases';
import { gid, startTestApp, type TestApp } from '../support/test-app';

/*
 * The printable report's route without a browser (report-page.test.ts needs Chromium): the figures
 * module declares it in its manifest, and the server answers it for the district's officer, and
 * refuses it as the API would for others.
 */
describe('the district report page over HTTP', () => {
  let app: TestApp;
  let url: string;

  beforeAll(async () => {
    app = await startTestApp();
    const district = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '小店区'"))[0].id);
    url = app.url.replace('/graphql', `/reports/district/${district}?period=2026-10`);
  });
  afterAll(() => app.close());

  it('answers the district’s officer with the page, uncached', async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${await app.tokenFor('district.xiaodian')}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(await res.text()).toContain('<svg');
  });

  it('is not there for another district’s officer, nor without a sign-in', async () => {
    const other = await fetch(url, { headers: { authorization: `Bearer ${await app.tokenFor('district.gaoxin')}` } });
    expect(other.status).toBe(404);
    expect((await other.json()) as { errors: Array<{ extensions: { code: string } }> }).toMatchObject({
      errors: [{ extensions: { code: 'NOT_FOUND' } }],
    });
    expect((await fetch(url)).status).toBe(401);
  });
});
