import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { decodeJwt, SignJWT } from 'jose';
import WebSocket from 'ws';
import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { codes, gid, ok, startTestApp, testDataDir, type TestApp } from '../support/test-app';

/*
 * Live updates of issues (graphql-ws on the API's own HTTP server, events through PostgreSQL
 * LISTEN/NOTIFY): two API instances over one database, subscribers on one, writes through the
 * other. Each event reaches only those who may see the issue; the connection authenticates like
 * HTTP, the permission tree and the query limits apply to subscriptions too.
 */

const START = '2026-11-02T08:00:00.000Z';
const CHANGES = `subscription($issueId: ID, $compoundId: ID) {
  issueChanged(issueId: $issueId, compoundId: $compoundId) { kind issue { id status level } step { toStatus actor role } }
}`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;
const ACCEPT = `mutation($input: AcceptIssueInput!) { acceptIssue(input: $input) { issue { id status } userErrors { code } } }`;

/** What graphql-ws hands `closed` and `error` when the socket closes. */
type Closed = { code: number; reason: string };
type Change = {
  kind: string;
  issue: { id: string; status?: string; level: string; reporterName?: string | null };
  step: { toStatus: string; actor: string; role?: string };
};
type Received = {
  data?: { issueChanged: Change | null } | null;
  errors?: Array<{ message: string; extensions: { code: string; limit?: string } }>;
};

/** One subscription's outcome as a client sees it: results, an error message, completion, the socket's close. */
class Feed {
  results: Received[] = [];
  errors: Array<{ message: string; extensions: { code: string; limit?: string } }> = [];
  closeCode: number | null = null;
  closeReason = '';
  completed = false;

  get changes(): Change[] {
    return this.results.flatMap((r) => (r.data?.issueChanged ? [r.data.issueChanged] : []));
  }
}

async function until(what: string, test: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('live updates of issues over WebSocket, across two API instances', () => {
  const clock = fixedClock(START);
  let writer: TestApp;
  let reader: TestApp;
  const clients: Client[] = [];
  let xinyuanHome: string;
  let zhenxingHome: string;

  beforeAll(async () => {
    writer = await startTestApp({ clock });
    // The second instance: the same database, limits tight enough to test.
    reader = await startTestApp({ clock, database: writer.database, env: { QUERY_MAX_DEPTH: '4', SUBSCRIPTIONS_PER_CONNECTION: '3' } });
    const homes = await sql<{ login: string; id: number }>(
      writer.database,
      "select u.login, p.household_id as id from user_account u join person p on p.id = u.person_id where u.login in ('resident.xinyuan', 'resident.zhenxing')",
    );
    xinyuanHome = gid('Household', homes.find((h) => h.login === 'resident.xinyuan')!.id);
    zhenxingHome = gid('Household', homes.find((h) => h.login === 'resident.zhenxing')!.id);
  });

  afterAll(async () => {
    for (const c of clients) void c.dispose();
    await reader?.close();
    await writer?.close();
  });

  function connect(app: TestApp, authorization: string | null): { client: Client; closed: Promise<{ code: number; reason: string }> } {
    let onClosed: (v: { code: number; reason: string }) => void = () => undefined;
    const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
    const client = createClient({
      url: app.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      connectionParams: authorization ? { authorization } : {},
      on: { closed: (event) => onClosed({ code: (event as Closed).code, reason: (event as Closed).reason }) },
    });
    clients.push(client);
    return { client, closed };
  }

  async function connectAs(app: TestApp, login: string) {
    return connect(app, `Bearer ${await app.tokenFor(login)}`);
  }

  function follow(client: Client, query = CHANGES, variables: Record<string, unknown> = {}): Feed {
    const feed = new Feed();
    client.subscribe<Received['data']>(
      { query, variables },
      {
        next: (result) => void feed.results.push(result as Received),
        error: (err) => {
          if (Array.isArray(err)) feed.errors.push(...(err as Feed['errors']));
          else if (err && typeof err === 'object' && 'code' in err) {
            feed.closeCode = (err as Closed).code;
            feed.closeReason = (err as Closed).reason;
          }
        },
        complete: () => (feed.completed = true),
      },
    );
    return feed;
  }

  async function report(app: TestApp, as: string, householdId: string): Promise<string> {
    const res = ok(
      await app.request<{ reportIssue: { issue: { id: string } | null; userErrors: unknown[] } }, Record<string, unknown>>(
        REPORT,
        { input: { householdId, subject: 'BUILDING', category: 'repairs', text: '楼道灯不亮', nameVisible: true } },
        { as },
      ),
    ).reportIssue;
    expect(res.userErrors).toEqual([]);
    return res.issue!.id;
  }

  it('delivers on one instance what was committed through the other, to those who may see it and to nobody else', async () => {
    const leader = follow((await connectAs(reader, 'leader.xinyuan')).client);
    const reporter = follow((await connectAs(reader, 'resident.xinyuan')).client);
    const otherAdmin = follow((await connectAs(reader, 'admin.zhenxing')).client);
    const otherResident = follow((await connectAs(reader, 'resident.zhenxing')).client);
    await until('four subscribers on the reading instance', () => reader.live.listener.listening('issue') >= 4);

    const issueId = await report(writer, 'resident.xinyuan', xinyuanHome);
    ok(await writer.request(ACCEPT, { input: { issueId, note: '已联系住户' } }, { as: 'leader.xinyuan' }));
    await until('the leader and the reporter to see both steps', () => leader.changes.length >= 2 && reporter.changes.length >= 2);
    expect(leader.changes.map((c) => [c.issue.id, c.kind, c.step.toStatus, c.step.actor, c.step.role])).toEqual([
      [issueId, 'REPORTED', 'REPORTED', 'resident.xinyuan', 'RESIDENT'],
      [issueId, 'STATUS_CHANGED', 'ACCEPTED', 'leader.xinyuan', 'GROUP_LEADER'],
    ]);
    // The issue is read when the event is delivered: as it stands then.
    expect(leader.changes[1].issue).toEqual({ id: issueId, status: 'ACCEPTED', level: 'BUILDING_GROUP' });
    expect(reporter.changes.map((c) => [c.kind, c.step.toStatus])).toEqual([
      ['REPORTED', 'REPORTED'],
      ['STATUS_CHANGED', 'ACCEPTED'],
    ]);

    // Another community's handler and resident: their own community's report is the first thing they get.
    const theirs = await report(writer, 'resident.zhenxing', zhenxingHome);
    await until('the other community to see its own report', () => otherAdmin.changes.length >= 1 && otherResident.changes.length >= 1);
    expect(otherAdmin.changes.map((c) => c.issue.id)).toEqual([theirs]);
    expect(otherResident.changes.map((c) => c.issue.id)).toEqual([theirs]);
    expect([...otherAdmin.results, ...otherResident.results].every((r) => !r.errors)).toBe(true);
    // …and xinyuan's subscribers never saw it.
    await until('xinyuan feeds to settle', () => leader.results.length === 2);
    expect(leader.changes.map((c) => c.issue.id)).not.toContain(theirs);
    expect(reporter.changes.map((c) => c.issue.id)).not.toContain(theirs);
  });

  it('follows one issue or one compound when asked, and names a foreign or missing one NOT_FOUND', async () => {
    const first = await report(writer, 'resident.xinyuan', xinyuanHome);
    const second = await report(writer, 'resident.xinyuan', xinyuanHome);
    const { client } = await connectAs(reader, 'leader.xinyuan');
    const before = reader.live.listener.listening('issue');
    const one = follow(client, CHANGES, { issueId: second });
    await until('the subscription to listen', () => reader.live.listener.listening('issue') > before);
    ok(await writer.request(ACCEPT, { input: { issueId: first } }, { as: 'leader.xinyuan' }));
    ok(await writer.request(ACCEPT, { input: { issueId: second } }, { as: 'leader.xinyuan' }));
    await until('the followed issue’s step', () => one.changes.length >= 1);
    expect(one.changes.map((c) => c.issue.id)).toEqual([second]);

    // By compound: the caller's own is followed, another community's is NOT_FOUND.
    const compounds = await sql<{ login: string; id: number }>(
      writer.database,
      "select u.login, h.compound_id as id from user_account u join person p on p.id = u.person_id join household h on h.id = p.household_id where u.login in ('resident.xinyuan', 'resident.zhenxing')",
    );
    const compoundOf = (login: string) => gid('Compound', compounds.find((c) => c.login === login)!.id);
    const mark = reader.live.listener.listening('issue');
    const ours = follow(client, CHANGES, { compoundId: compoundOf('resident.xinyuan') });
    const elsewhere = follow(client, CHANGES, { compoundId: compoundOf('resident.zhenxing') });
    await until('the compound subscription to listen', () => reader.live.listener.listening('issue') > mark && elsewhere.completed);
    expect(elsewhere.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    const third = await report(writer, 'resident.xinyuan', xinyuanHome);
    await until('the compound’s report', () => ours.changes.length >= 1);
    expect(ours.changes.map((c) => [c.issue.id, c.kind])).toEqual([[third, 'REPORTED']]);

    const stranger = (await connectAs(reader, 'admin.zhenxing')).client;
    const foreign = follow(stranger, CHANGES, { issueId: second });
    const missing = follow(stranger, CHANGES, { issueId: gid('ResidentIssue', 999_999) });
    await until('both refusals', () => foreign.completed && missing.completed);
    expect(foreign.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    expect(missing.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
  });

  it('refuses connections without valid credentials, and subscriptions the permission tree forbids', async () => {
    const anonymous = connect(reader, null);
    expect((await anonymous.closed).code).toBe(4401);
    const forged = connect(reader, 'Bearer not-a-real-token-at-all');
    expect(await forged.closed).toMatchObject({ code: 4401, reason: 'The token is malformed' });
    const wrongKey = connect(reader, 'Bearer lxk_0000000000000000_00000000000000000000000000000000');
    expect((await wrongKey.closed).code).toBe(4401);

    // The finance supervisor holds no role that reports or handles issues: FORBIDDEN, as over HTTP.
    const member = follow((await connectAs(reader, 'finance.xinyuan')).client);
    await until('the refusal', () => member.completed);
    expect(member.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('applies the query limits and the per-connection limit to subscriptions, and runs nothing else over WebSocket', async () => {
    const { client } = await connectAs(reader, 'leader.xinyuan');
    const deep = follow(client, 'subscription { issueChanged { issue { steps { actor } assignments { person { name } } } } }');
    await until('the depth refusal', () => deep.errors.length > 0);
    expect(deep.errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth' });

    const query = follow(client, '{ __typename }');
    await until('the refusal of a query', () => query.errors.length > 0);
    expect(query.errors[0].extensions.code).toBe('BAD_USER_INPUT');

    const feeds = [follow(client), follow(client), follow(client), follow(client)];
    await until('the fourth subscription refused', () => feeds[3].errors.length > 0);
    expect(feeds[3].errors[0].extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'subscriptions' });
    expect(feeds.slice(0, 3).every((f) => f.errors.length === 0)).toBe(true);

    // Over HTTP a subscription is refused before it reaches the database.
    const overHttp = await reader.request(CHANGES, {}, { as: 'leader.xinyuan' });
    expect(overHttp.status).toBe(400);
    expect(codes(overHttp)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('ends the connection when its user is disabled, at the next event', async () => {
    const token = await writer.tokenFor('grid.xinyuan');
    const { client, closed } = connect(reader, `Bearer ${token}`);
    const before = reader.live.listener.listening('issue');
    follow(client);
    await until('the subscription to listen', () => reader.live.listener.listening('issue') > before);
    await sql(writer.database, "update user_account set disabled_at = now() where login = 'grid.xinyuan'");
    await report(writer, 'resident.xinyuan', xinyuanHome);
    expect((await closed).code).toBe(4401);
  });

  it('ends a subscription whose subscriber lost its role at the next change it had a stake in, and says nothing of the others', async () => {
    // The test before disabled the grid worker; this one needs them signed in, as a grid worker of Xinyuan.
    await sql(writer.database, "update user_account set disabled_at = null where login = 'grid.xinyuan'");
    const [dianye] = await sql<{ id: number }>(
      writer.database,
      "select h.id from household h join compound cp on cp.id = h.compound_id where cp.name = '电业宿舍' order by h.id limit 1",
    );
    const elsewhere = gid('Household', dianye.id);
    const SHORT = 'subscription { issueChanged { kind issue { id } } }';
    const before = reader.live.listener.listening('issue');
    // Two sessions of the grid worker (each instance mints its own token), one subscription each.
    const phone = await writer.tokenFor('grid.xinyuan');
    const first = follow(connect(reader, `Bearer ${phone}`).client, SHORT);
    const second = follow(connect(reader, `Bearer ${await reader.tokenFor('grid.xinyuan')}`).client, SHORT);
    // The community's admin sees both compounds: each event reaches it, to compare the grid worker's feeds with.
    const admin = follow((await connectAs(reader, 'admin.yongkangbeilu')).client, SHORT);
    await until('three subscriptions to listen', () => reader.live.listener.listening('issue') >= before + 3);

    // With the role: the other compound's report is not sent, their own compound's is. Each
    // subscription handles its events in order, so once the second arrives the first was decided.
    const theirs = await report(writer, 'admin.yongkangbeilu', elsewhere);
    const ours = await report(writer, 'resident.xinyuan', xinyuanHome);
    await until('the grid worker to see their compound’s report', () => first.results.length >= 1 && second.results.length >= 1);
    for (const feed of [first, second])
      expect(feed.results).toEqual([{ data: { issueChanged: { kind: 'REPORTED', issue: { id: ours } } } }]);
    await until('the admin to see both reports', () => admin.changes.length >= 2);
    expect(admin.changes.map((c) => c.issue.id)).toEqual([theirs, ours]);

    const [binding] = await sql<{ id: number }>(
      writer.database,
      "select b.id from role_binding b join user_account u on u.id = b.user_id where u.login = 'grid.xinyuan' and b.revoked_at is null",
    );
    const revoked = ok(
      await writer.request<{ revokeRole: { userErrors: unknown[] } }, Record<string, unknown>>(
        'mutation($input: RevokeRoleInput!) { revokeRole(input: $input) { userErrors { code } } }',
        { input: { roleBindingId: gid('RoleBinding', binding.id) } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).revokeRole;
    expect(revoked.userErrors).toEqual([]);

    // Without it, a change in a compound they never handled, then one in their former compound. The
    // phone signs out in between: its connection closes (4401) at its next event, after it decided
    // the first — which therefore sent nothing and ended nothing. The other session's subscription
    // ends at the change in their compound: one refusal, no issue, then complete.
    const theirsAgain = await report(writer, 'admin.yongkangbeilu', elsewhere);
    ok(
      await writer.request('mutation { logout(input: {}) { loggedOut } }', {}, { as: null, headers: { authorization: `Bearer ${phone}` } }),
    );
    const oursAgain = await report(writer, 'resident.xinyuan', xinyuanHome);
    await until(
      'the phone to be closed and the other subscription to end',
      () => (first.closeCode !== null || first.completed) && second.completed,
    );
    expect(first).toMatchObject({ closeCode: 4401, completed: false, errors: [] });
    expect(first.results).toHaveLength(1);
    expect(second.results).toHaveLength(2);
    expect(second.results[1]).not.toHaveProperty('data');
    expect(second.results[1].errors!.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(second.errors).toEqual([]);
    await until('the admin to see both later reports', () => admin.changes.length >= 4);
    expect(admin.changes.slice(2).map((c) => c.issue.id)).toEqual([theirsAgain, oursAgain]);
    // Both stopped listening, and a new subscription is refused as it starts.
    await until('the grid worker’s subscriptions to stop listening', () => reader.live.listener.listening('issue') === before + 1);
    const again = follow((await connectAs(reader, 'grid.xinyuan')).client, SHORT);
    await until('the refusal', () => again.completed);
    expect(again.results.flatMap((r) => r.errors ?? []).map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('closes the connection when its token expires', async () => {
    // The same session, in a token that expires in a few seconds (signed with the test run's key):
    // long enough for a loaded machine to connect and subscribe before it expires.
    const claims = decodeJwt(await reader.tokenFor('leader.xinyuan'));
    const key = createPrivateKey(readFileSync(path.join(testDataDir(), 'jwt-signing-key.pem')));
    const shortLived = await new SignJWT({ sid: claims.sid })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT' })
      .setIssuer(claims.iss!)
      .setAudience(claims.aud!)
      .setSubject(claims.sub!)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + 6)
      .sign(key);
    const before = reader.live.listener.listening('issue');
    const { client, closed } = connect(reader, `Bearer ${shortLived}`);
    const feed = follow(client);
    // Accepted and subscribed first (not refused at the door)...
    await until('the subscription to listen', () => reader.live.listener.listening('issue') > before);
    // ...then closed when the token runs out.
    expect(await closed).toMatchObject({ code: 4401, reason: 'The token has expired; connect again with a new one' });
    expect(feed.errors).toEqual([]);
  });

  it('listens again when the LISTEN connection is lost', async () => {
    const leader = follow((await connectAs(reader, 'leader.xinyuan')).client);
    await until('the subscription to listen', () => reader.live.listener.listening('issue') > 0 && reader.live.listener.connections >= 1);
    const opened = reader.live.listener.connections;
    await reader.live.listener.dropConnection();
    await until('a new listening connection', () => reader.live.listener.connections > opened);
    const issueId = await report(writer, 'resident.xinyuan', xinyuanHome);
    await until('the report after the reconnect', () => leader.changes.some((c) => c.issue.id === issueId));
  });

  it('shows a street officer an issue only once it reaches the street, with the reporter’s name masked', async () => {
    const DAY = 86_400_000;
    const street = follow(
      (await connectAs(reader, 'street.xiaodian')).client,
      'subscription { issueChanged { kind issue { id level reporterName } step { toStatus actor } } }',
    );
    await until('the street officer to listen', () => reader.live.listener.listening('issue') > 0);
    const issueId = await report(writer, 'resident.xinyuan', xinyuanHome);
    // The ladder's timer, through the writing instance's job queue: group → branch → community → street.
    for (const days of [2, 5, 10]) {
      clock.set(new Date(Date.parse(START) + days * DAY).toISOString());
      await writer.jobs.runDue();
    }
    await until('the escalation to the street', () => street.changes.some((c) => c.issue.id === issueId));
    // Events are delivered in order: had the report or the lower escalations reached the officer, they would come first.
    const mine = street.changes.filter((c) => c.issue.id === issueId);
    expect(mine).toEqual([
      { kind: 'ESCALATED', issue: { id: issueId, level: 'STREET', reporterName: null }, step: { toStatus: 'ESCALATED', actor: 'system' } },
    ]);
    expect(street.changes.every((c) => c.issue.level === 'STREET' && c.issue.reporterName === null)).toBe(true);
    clock.set(START);
  });

  it('closes WebSocket connections with 1001 (going away) when an instance shuts down', async () => {
    const third = await startTestApp({ clock, database: writer.database });
    const { client, closed } = await connectAs(third, 'leader.xinyuan');
    follow(client);
    await until('the subscription to listen', () => third.live.listener.listening('issue') > 0);
    await third.close();
    expect((await closed).code).toBe(1001);
    expect(third.live.server.connections).toBe(0);
  });
});
