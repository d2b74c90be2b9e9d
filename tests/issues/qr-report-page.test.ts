import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The QR report page as a resident's phone opens it: headless Chromium at 360 px, no script,
 * choosing a category, typing the problem and a phone, submitting, then following the tracking link
 * the answer gives. Screenshots of both pages are kept under tests/artifacts/ (ignored by git).
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
const CREATE = `mutation($input: CreateIssueQrPointInput!) { createIssueQrPoint(input: $input) { token userErrors { code } } }`;

describe('the QR report page in a phone’s browser', () => {
  let app: TestApp;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp();
    const [compound] = await sql<{ id: number }>(app.database, "select id from compound where name = '馨园'");
    token = ok(
      await app.request<{ createIssueQrPoint: { token: string } }, Record<string, unknown>>(
        CREATE,
        { input: { compoundId: gid('Compound', compound.id), spot: '红哨子雕像' } },
        { as: 'secretary.xinyuan' },
      ),
    ).createIssueQrPoint.token;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
  });

  it('reports an issue, shows the tracking link, and the link shows the issue’s state', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const base = app.url.replace('/graphql', '');
    const form = await page.goto(`${base}/r/${token}`);
    expect(form!.status()).toBe(200);
    expect(await page.title()).toBe('群众吹哨 · 反映问题');
    expect(await page.locator('header p').textContent()).toBe('馨园 · 红哨子雕像');
    // Nothing wider than the phone: the submit button fits inside 360 px.
    const button = (await page.locator('button[type=submit]').boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(360);
    const dir = path.resolve(__dirname, '../artifacts');
    mkdirSync(dir, { recursive: true });

    // A wrong phone first: the page says so in Chinese and keeps what was typed.
    await page.selectOption('#category', { label: '维修' });
    await page.fill('#text', '下水管道堵了，污水从楼上流下来');
    await page.fill('#location', '3号楼2单元');
    await page.fill('#phone', '123');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    if ((await page.locator('#err-phone').count()) === 0) throw new Error(await page.content());
    expect(await page.locator('#err-phone').textContent()).toContain('请填写正确的手机号码');
    expect(await page.inputValue('#text')).toBe('下水管道堵了，污水从楼上流下来');
    await page.fill('#phone', '139 1234 5678');
    await page.screenshot({ path: path.join(dir, 'qr-report-form.png'), fullPage: true });
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);

    expect(page.url()).toMatch(/\/r\/t\/[A-Za-z0-9_-]{43}\?new=1$/);
    expect(await page.locator('#saved').textContent()).toContain('提交成功');
    const link = (await page.locator('#tracking-link').textContent())!;
    expect(link).toMatch(new RegExp(`^${base.replace(/[.:/]/g, '\\$&')}/r/t/[A-Za-z0-9_-]{43}$`));

    const tracking = await page.goto(link);
    expect(tracking!.status()).toBe(200);
    expect(await page.locator('#status').textContent()).toBe('已登记，等待受理');
    expect(await page.locator('#level').textContent()).toBe('楼院党小组');
    expect(await page.locator('#steps li').count()).toBe(1);
    expect(await page.locator('script').count()).toBe(0);
    await page.screenshot({ path: path.join(dir, 'qr-report-tracking.png'), fullPage: true });

    const [issue] = await sql<{ status: string; text: string }>(
      app.database,
      "select status, text from resident_issue where qr_point_id is not null and text like '下水管道%'",
    );
    expect(issue).toEqual({ status: 'REPORTED', text: '下水管道堵了，污水从楼上流下来' });
    await context.close();
  });
});
