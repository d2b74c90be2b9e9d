import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from '../../clients/typescript/client';
import { exportStatements, publishedStatements } from '../../examples/export-statements';
import {
  CreateApiKeyDocument,
  PrepareMonthlyStatementDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The export example, through its typed client, against a real server: a month's published
 * statement comes out with its figures and its printable page, for the community's admin (Xinyuan
 * is in 永康北路); a draft month gives nothing; a caller without READ_DISCLOSURES (a sync service
 * account) is refused.
 */
describe('examples/export-statements.ts', () => {
  let app: TestApp;
  let community: string;
  let dir: string;

  beforeAll(async () => {
    app = await startTestApp();
    const cast = await xinyuanCast(app);
    const account = await openXinyuanAccount(app, cast, '2026-02-01');
    const income = (amountFen: number, occurredOn: string, description: string) =>
      app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen, occurredOn, description } },
        { as: 'secretary.xinyuan' },
      );
    ok(await income(300_000, '2026-02-10', '2月物业费'));
    ok(await income(420_000, '2026-03-06', '3月物业费'));
    const prepare = async (month: string) =>
      ok(await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month } }, { as: 'finance.xinyuan' }))
        .prepareMonthlyStatement.statement!.id;
    const february = await prepare('2026-02-01');
    expect(
      ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: february } }, { as: 'finance.xinyuan' }))
        .publishMonthlyStatement.userErrors,
    ).toEqual([]);
    await prepare('2026-03-01'); // stays a draft
    const [c] = await sql<{ id: number }>(app.database, 'select community_id as id from compound where id = $1', [cast.compoundPk]);
    community = gid('Community', c.id);
    dir = mkdtempSync(path.join(tmpdir(), 'lianxin-export-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await app.close();
  });

  it("writes the month's published statement: its figures and its printable page", async () => {
    const apiKey = await app.tokenFor('admin.yongkangbeilu');
    const { statements, files } = await exportStatements({ url: app.url, apiKey }, community, '2026-02', dir);
    const xinyuan = statements.filter((s) => s.compounds.includes(DEMO.xinyuan));
    expect(xinyuan).toEqual([
      expect.objectContaining({
        month: '2026-02-01',
        placeName: DEMO.xinyuan,
        openingBalanceFen: 0,
        incomeFen: 300_000,
        expenseFen: 0,
        closingBalanceFen: 300_000,
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        verified: true,
      }),
    ]);
    expect(statements.every((s) => s.month === '2026-02-01')).toBe(true);
    expect(files.map((f) => path.basename(f))).toEqual(['2026-02.json', ...statements.map((_, n) => `2026-02-${n + 1}.html`)]);
    expect(JSON.parse(readFileSync(files[0], 'utf8'))).toEqual(statements);
    const page = readFileSync(files[1 + statements.indexOf(xinyuan[0])], 'utf8');
    expect(page).toContain('<html');
    expect(page).toContain('2月物业费');
    expect(page).toContain(xinyuan[0].contentHash);
  });

  it('exports nothing for a month whose statement is still a draft', async () => {
    const client = createClient({ url: app.url, apiKey: await app.tokenFor('admin.yongkangbeilu') });
    const march = await publishedStatements(client, community, '2026-03');
    expect(march.filter((s) => s.compounds.includes(DEMO.xinyuan))).toEqual([]);
    // The demo's other compounds published March: the export is community-wide.
    expect(march.length).toBeGreaterThan(0);
    expect(march.every((s) => s.month === '2026-03-01' && s.publishedAt !== null)).toBe(true);
  });

  it('is refused to a caller without READ_DISCLOSURES', async () => {
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    const apiKey = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey.secret!;
    await expect(publishedStatements(createClient({ url: app.url, apiKey }), community, '2026-02')).rejects.toThrow(
      /^(FORBIDDEN|NOT_FOUND):/,
    );
  });
});
