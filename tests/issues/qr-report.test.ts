import { randomBytes } from 'node:crypto';
import { fixedClock } from '../../src/core/clock';
import { DEMO_QR_TOKENS, DEMO_TRACKING_CODE } from '../../src/seed/demo-qr';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Reporting by QR code without an account, over real HTTP: the handlers make a point and get its
 * token once; anyone with the token gets the Chinese form, posts a report (same-origin, with the
 * page's anti-forgery value) and is sent to a tracking page that only the tracking code opens.
 * The issue waits at the building group like a resident's; its phone is sealed at rest.
 */

const START = '2026-11-02T08:00:00.000Z';
const CREATE = `mutation($input: CreateIssueQrPointInput!) {
  createIssueQrPoint(input: $input) { qrPoint { id place spot } token userErrors { field code message } } }`;
const ROTATE = `mutation($input: RotateIssueQrTokenInput!) {
  rotateIssueQrToken(input: $input) { qrPoint { id } token userErrors { field code message } } }`;
const ISSUE = `query($id: ID!) { node(id: $id) { ... on ResidentIssue { id status level subject reporterName callbackPhone steps { actor role toStatus } } } }`;
const ACCEPT = `mutation($input: AcceptIssueInput!) { acceptIssue(input: $input) { issue { status } userErrors { code } } }`;

type PointPayload = { qrPoint: { id: string; place: string; spot: string | null } | null; token: string | null; userErrors: unknown[] };

describe('reporting by QR code without an account', () => {
  const clock = fixedClock(START);
  let app: TestApp;
  let base: string;
  let compound: string;
  let compoundPk: number;

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { QR_REPORTS_PER_SOURCE: '1000', QR_REPORTS_PER_TOKEN: '1000' } });
    base = app.url.replace('/graphql', '');
    compoundPk = (await sql<{ id: number }>(app.database, "select id from compound where name = '馨园'"))[0].id;
    compound = gid('Compound', compoundPk);
  });
  afterAll(() => app.close());

  async function createPoint(as: string, input: Record<string, unknown> = {}) {
    return app.request<{ createIssueQrPoint: PointPayload }, Record<string, unknown>>(
      CREATE,
      { input: { compoundId: compound, ...input } },
      { as },
    );
  }

  async function openForm(token: string) {
    const res = await fetch(`${base}/r/${token}`);
    const html = await res.text();
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return { res, html, cookie, csrf };
  }

  async function post(token: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    return fetch(`${base}/r/${token}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
  }

  const FORM = { category: 'repairs', text: '雕像旁的路灯不亮了', location: '红哨子雕像旁', phone: '13912345678', name: '王大姐' };

  async function report(token: string, form: Record<string, string> = FORM): Promise<string> {
    const { cookie, csrf } = await openForm(token);
    const res = await post(token, { ...form, csrf }, { cookie });
    expect(res.status).toBe(303);
    return res.headers.get('location')!;
  }

  const randomCode = () => randomBytes(32).toString('base64url');

  it('lets the compound’s handlers make a point, shows its token once and keeps only its digest; others are refused', async () => {
    const made = ok(await createPoint('secretary.xinyuan', { spot: '红哨子雕像' })).createIssueQrPoint;
    expect(made.userErrors).toEqual([]);
    expect(made.qrPoint).toMatchObject({ place: '馨园 · 红哨子雕像', spot: '红哨子雕像' });
    expect(made.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await sql<{ token_hash: string }>(app.database, 'select token_hash from issue_qr_point');
    expect(rows.map((r) => r.token_hash)).not.toContain(made.token);
    const dump = JSON.stringify(await sql(app.database, 'select * from issue_qr_point'));
    expect(dump).not.toContain(made.token);
    // The community admin may too; a committee member may not; another community's admin does not find the compound.
    expect(ok(await createPoint('admin.yongkangbeilu')).createIssueQrPoint.userErrors).toEqual([]);
    expect(codes(await createPoint('committee.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await createPoint('admin.zhenxing'))).toEqual(['NOT_FOUND']);
    expect(codes(await createPoint(null as unknown as string))).toEqual(['UNAUTHENTICATED']);
  });

  it('serves the form in Chinese for a valid token, and the same 404 for an unknown or malformed one', async () => {
    const { token } = ok(await createPoint('secretary.xinyuan')).createIssueQrPoint;
    const { res, html, cookie, csrf } = await openForm(token!);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('lang="zh-CN"');
    expect(html).toContain('馨园');
    for (const label of ['维修', '环境卫生', '邻里纠纷', '联系电话']) expect(html).toContain(label);
    expect(html).not.toMatch(/<script|https?:\/\/(?!127)/);
    expect(cookie).toMatch(/^lx_qr_form=/);
    expect(res.headers.get('set-cookie')).toContain('SameSite=Strict');
    expect(csrf).toHaveLength(43);
    const unknown = await fetch(`${base}/r/${randomCode()}`);
    const malformed = await fetch(`${base}/r/nope`);
    const badEscape = await fetch(`${base}/r/%E0%A4%A`);
    expect([unknown.status, malformed.status, badEscape.status]).toEqual([404, 404, 404]);
    expect(await unknown.text()).toBe(await malformed.text());
  });

  it('takes a report into REPORTED at the building group, the phone sealed, and answers with a tracking page', async () => {
    clock.set(START);
    const { token } = ok(await createPoint('secretary.xinyuan', { spot: '红哨子雕像' })).createIssueQrPoint;
    const location = await report(token!);
    expect(location).toMatch(/^\/r\/t\/[A-Za-z0-9_-]{43}\?new=1$/);
    const [issue] = await sql<{
      id: number;
      status: string;
      level: string;
      household_id: number | null;
      compound_id: number;
      subject: string;
      due_at: Date;
    }>(
      app.database,
      'select id, status, level, household_id, compound_id, subject, due_at from resident_issue where qr_point_id is not null order by id desc limit 1',
    );
    expect(issue).toMatchObject({
      status: 'REPORTED',
      level: 'BUILDING_GROUP',
      household_id: null,
      compound_id: compoundPk,
      subject: 'SPOT',
    });
    expect(issue.due_at.toISOString()).toBe('2026-11-04T08:00:00.000Z');
    const [stored] = await sql<{ phone_sealed: string; tracking_hash: string }>(
      app.database,
      'select phone_sealed, tracking_hash from anonymous_report where issue_id = $1',
      [issue.id],
    );
    expect(stored.phone_sealed).toMatch(/^v1:/);
    expect(stored.phone_sealed).not.toContain('13912345678');
    const code = /\/r\/t\/([^?]+)/.exec(location)![1];
    expect(stored.tracking_hash).not.toBe(code);
    // The timer was scheduled like a resident's report's.
    expect(
      (await sql(app.database, 'select 1 from graphile_worker._private_jobs where key = $1', [`issues.escalation:${issue.id}`])).length,
    ).toBe(1);

    const page = await fetch(`${base}${location}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('提交成功');
    expect(html).toContain('已登记，等待受理');
    expect(html).toContain(`/r/t/${code}`);

    // The compound's grid worker handles it and, with a duty of care, sees the phone for the call-back.
    const id = gid('ResidentIssue', issue.id);
    const seen = ok(await app.request<{ node: Record<string, unknown> }, { id: string }>(ISSUE, { id }, { as: 'grid.xinyuan' })).node;
    expect(seen).toMatchObject({ status: 'REPORTED', subject: 'SPOT', reporterName: '王大姐', callbackPhone: '13912345678' });
    expect(
      ok(
        await app.request<{ acceptIssue: { issue: { status: string } } }, Record<string, unknown>>(
          ACCEPT,
          { input: { issueId: id } },
          { as: 'grid.xinyuan' },
        ),
      ).acceptIssue.issue,
    ).toEqual({ status: 'ACCEPTED' });

    // The tracking page follows the state, and names no handler.
    const after = await (await fetch(`${base}/r/t/${code}`)).text();
    expect(after).toContain('已受理');
    expect(after).not.toContain('grid.xinyuan');
    expect(after).not.toContain('13912345678');
    expect(after).not.toContain('提交成功');
  });

  it('refuses a post without the page’s value, from another site, or with a wrong phone, in Chinese, writing nothing', async () => {
    const { token } = ok(await createPoint('secretary.xinyuan')).createIssueQrPoint;
    const count = async () => (await sql<{ n: number }>(app.database, 'select count(*)::int as n from resident_issue'))[0].n;
    const before = await count();
    const { cookie, csrf } = await openForm(token!);
    const noCookie = await post(token!, { ...FORM, csrf });
    expect(noCookie.status).toBe(403);
    expect(await noCookie.text()).toContain('页面已过期');
    expect((await post(token!, { ...FORM, csrf: randomCode() }, { cookie })).status).toBe(403);
    expect((await post(token!, { ...FORM, csrf }, { cookie, origin: 'https://evil.example' })).status).toBe(403);
    const bad = await post(token!, { ...FORM, phone: '12345', csrf }, { cookie });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('请填写正确的手机号码');
    expect(html).toContain('雕像旁的路灯不亮了'); // what was typed is kept
    const blank = await post(token!, { ...FORM, text: '   ', category: 'ufo', csrf }, { cookie });
    expect(blank.status).toBe(400);
    expect(await blank.text()).toContain('请选择问题类别');
    expect(await count()).toBe(before);
  });

  it('opens a report only with its own tracking code; nothing else is reachable without an account', async () => {
    const { token } = ok(await createPoint('secretary.xinyuan')).createIssueQrPoint;
    const first = await report(token!, { ...FORM, text: '第一件事' });
    const second = await report(token!, { ...FORM, text: '第二件事', category: 'sanitation' });
    const codeOf = (l: string) => /\/r\/t\/([^?]+)/.exec(l)![1];
    const one = await (await fetch(`${base}/r/t/${codeOf(first)}`)).text();
    const two = await (await fetch(`${base}/r/t/${codeOf(second)}`)).text();
    expect(one).toContain('维修');
    expect(two).toContain('环境卫生');
    expect(one).not.toContain('环境卫生');
    const unknown = await fetch(`${base}/r/t/${randomCode()}`);
    const truncated = await fetch(`${base}/r/t/${codeOf(first).slice(0, 42)}`);
    expect([unknown.status, truncated.status]).toEqual([404, 404]);
    expect(await unknown.text()).toBe(await truncated.text());
    // The tracking code is not a token, nor the token a tracking code.
    expect((await fetch(`${base}/r/${codeOf(first)}`)).status).toBe(404);
    expect((await fetch(`${base}/r/t/${token}`)).status).toBe(404);
    // Without an account, GraphQL shows no issue.
    const [row] = await sql<{ id: number }>(app.database, "select id from resident_issue where text = '第一件事'");
    const anonymous = await app.request<{ node: unknown }, { id: string }>(ISSUE, { id: gid('ResidentIssue', row.id) }, { as: null });
    expect(anonymous.data?.node ?? null).toBeNull();
  });

  it('lists a compound’s codes to its handlers, in a constant number of statements, and to no one else', async () => {
    const LIST = `query($id: ID!) { node(id: $id) { ... on Community { compounds(first: 100) { nodes { name issueQrPoints { id place tokenSetAt } } } } } }`;
    const [home] = await sql<{ id: number }>(app.database, 'select community_id as id from compound where id = $1', [compoundPk]);
    const count = async () => {
      const res = await app.request<{ node: { compounds: { nodes: Array<{ name: string; issueQrPoints: unknown[] }> } } }, { id: string }>(
        LIST,
        { id: gid('Community', home.id) },
        { as: 'admin.yongkangbeilu' },
      );
      const nodes = ok(res).node.compounds.nodes;
      return { n: nodes.reduce((a, c) => a + c.issueQrPoints.length, 0), statements: res.extensions!.sqlStatements! };
    };
    const before = await count();
    ok(await createPoint('secretary.xinyuan', { spot: '东门' }));
    ok(await createPoint('secretary.xinyuan', { spot: '西门' }));
    const after = await count();
    expect(after.n).toBe(before.n + 2);
    expect(after.statements).toBe(before.statements);
    const NODE = `query($id: ID!) { node(id: $id) { ... on Compound { issueQrPoints { place } } } }`;
    const asSecretary = ok(
      await app.request<{ node: { issueQrPoints: Array<{ place: string }> } }, { id: string }>(
        NODE,
        { id: compound },
        { as: 'secretary.xinyuan' },
      ),
    );
    expect(asSecretary.node.issueQrPoints.map((p) => p.place)).toContain('馨园 · 东门');
    expect(codes(await app.request(NODE, { id: compound }, { as: 'committee.xinyuan' }))).toEqual(['FORBIDDEN']);
  });

  it('has the demo’s statue code and its passer-by’s report', async () => {
    const form = await (await fetch(`${base}/r/${DEMO_QR_TOKENS.zilinStatue}`)).text();
    expect(form).toContain('梓林小区 · 红哨子雕像');
    const tracking = await (await fetch(`${base}/r/t/${DEMO_TRACKING_CODE}`)).text();
    expect(tracking).toContain('已解决');
    expect(tracking).not.toContain('网格员');
  });

  it('stops the old printed code when the token is rotated; tracking links keep working', async () => {
    const made = ok(await createPoint('secretary.xinyuan')).createIssueQrPoint;
    const location = await report(made.token!);
    const rotateAs = (as: string) =>
      app.request<{ rotateIssueQrToken: PointPayload }, Record<string, unknown>>(
        ROTATE,
        { input: { qrPointId: made.qrPoint!.id } },
        { as },
      );
    expect(codes(await rotateAs('committee.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await rotateAs('admin.zhenxing'))).toEqual(['NOT_FOUND']);
    const rotated = ok(await rotateAs('secretary.xinyuan')).rotateIssueQrToken;
    expect(rotated.token).not.toBe(made.token);
    expect((await fetch(`${base}/r/${made.token}`)).status).toBe(404);
    expect((await fetch(`${base}/r/${rotated.token}`)).status).toBe(200);
    expect((await fetch(`${base}${location.replace('?new=1', '')}`)).status).toBe(200);
  });
});

describe('limits on reports by QR code', () => {
  let app: TestApp;
  let base: string;

  beforeAll(async () => {
    app = await startTestApp({ env: { QR_REPORTS_PER_SOURCE: '2', QR_REPORTS_PER_TOKEN: '3', TRUSTED_PROXIES: '127.0.0.1' } });
    base = app.url.replace('/graphql', '');
  });
  afterAll(() => app.close());

  it('refuses past the limit per source and per printed code, with 429 and a Chinese page', async () => {
    const compound = gid('Compound', (await sql<{ id: number }>(app.database, "select id from compound where name = '馨园'"))[0].id);
    const make = async () =>
      ok(
        await app.request<{ createIssueQrPoint: PointPayload }, Record<string, unknown>>(
          CREATE,
          { input: { compoundId: compound } },
          { as: 'secretary.xinyuan' },
        ),
      ).createIssueQrPoint.token!;
    const token = await make();
    const send = async (t: string, source: string) => {
      const page = await fetch(`${base}/r/${t}`);
      const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1];
      const cookie = page.headers.get('set-cookie')!.split(';')[0];
      return fetch(`${base}/r/${t}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': source },
        body: new URLSearchParams({ category: 'other', text: '测试', location: '', phone: '13800000000', name: '', csrf }).toString(),
      });
    };
    expect((await send(token, '203.0.113.1')).status).toBe(303);
    expect((await send(token, '203.0.113.1')).status).toBe(303);
    const bySource = await send(token, '203.0.113.1');
    expect(bySource.status).toBe(429);
    expect(bySource.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await bySource.text()).toContain('提交过于频繁');
    // A fresh source, but the printed code has taken its three.
    expect((await send(token, '203.0.113.2')).status).toBe(429);
    // Another code from another source is unaffected.
    expect((await send(await make(), '203.0.113.3')).status).toBe(303);
    expect(
      (
        await sql<{ n: number }>(
          app.database,
          "select count(*)::int as n from anonymous_report a join issue_qr_point p on p.id = a.qr_point_id where p.created_by = 'secretary.xinyuan'",
        )
      )[0].n,
    ).toBe(3);
  });
});
