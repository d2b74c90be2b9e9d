import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { NODE_FIGURES, type Figures } from './queries';

/*
 * The printable report, opened in headless Chromium as an office would: its collection bars carry
 * the API's figures, it needs no script, and a screenshot is kept under tests/artifacts/ (ignored
 * by git) for a person to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('the district report page', () => {
  let app: TestApp;
  let browser: Browser;
  let district: string;

  beforeAll(async () => {
    app = await startTestApp();
    district = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '小店区'"))[0].id);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Playwright gives every launch a fresh profile directory of its own (the --user-data-dir of the machine notes).
      headless: true,
      args: FLAGS,
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
  });

  it('shows the collection bars the API answers, without client-side script, and keeps a screenshot', async () => {
    const api = ok(
      await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
        NODE_FIGURES,
        { id: district, period: '2026-10', from: '2026-10', to: '2026-10' },
        { as: 'district.xiaodian' },
      ),
    ).node.figures;
    const context = await browser.newContext({
      javaScriptEnabled: false,
      // A Chinese browser (the page follows Accept-Language; the headless browser says en-US otherwise).
      locale: 'zh-CN',
      extraHTTPHeaders: { authorization: `Bearer ${await app.tokenFor('district.xiaodian')}` },
      viewport: { width: 794, height: 1123 },
    });
    const page = await context.newPage();
    const response = await page.goto(app.url.replace('/graphql', `/reports/district/${district}?period=2026-10`));
    expect(response!.status()).toBe(200);
    expect(await page.title()).toContain('基层治理数据报告');
    const labels = await page.locator('#collection svg text').allTextContents();
    const expected = api.breakdown
      .map((r: Figures) => r.fees.collectionRate.value)
      .filter((v: number | null) => v !== null)
      .map((v: number) => `${Math.round(v * 100)}%`);
    expect(expected.length).toBeGreaterThan(0);
    for (const label of expected) expect(labels).toContain(label);
    expect(await page.locator('#coverage svg').count()).toBe(1);
    expect(await page.locator('#series svg').count()).toBe(1);
    expect(await page.locator('#flags tr').count()).toBe(api.breakdown.length + 1);
    expect(await page.locator('script').count()).toBe(0);
    const dir = path.resolve(__dirname, '../artifacts');
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, 'district-report.png'), fullPage: true });
    await context.close();
  });

  it('is not there for another district’s officer, nor without a sign-in', async () => {
    const url = app.url.replace('/graphql', `/reports/district/${district}?period=2026-10`);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await app.tokenFor('district.gaoxin')}` } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);
  });
});
