import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { fixedClock } from '../../src/core/clock';
import { createLogger } from '../../src/core/logger';
import { sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Subscriptions in what an operator sees: a line when one starts and one when it ends (operation,
 * principal id, duration, events sent; nothing personal), and at /metrics the subscriptions started
 * and open, the events delivered and the open WebSocket connections.
 */

const CHANGES = `subscription FollowIssues { issueChanged { kind issue { id status } } }`;
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;

interface Line {
  msg: string;
  subscriptionId?: string;
  operation?: string | null;
  principal?: string;
  reason?: string;
  durationMs?: number;
  events?: number;
}

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

async function until(what: string, test: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('subscriptions in the access log and the metrics', () => {
  let app: TestApp;
  let client: Client | undefined;
  const logged: string[] = [];
  const lines = () => logged.map((l) => JSON.parse(l) as Line).filter((l) => l.msg.startsWith('subscription '));
  const metrics = async () => (await fetch(app.url.replace(/\/graphql$/, '/metrics'))).text();

  beforeAll(async () => {
    app = await startTestApp({ clock: fixedClock('2026-11-02T08:00:00Z'), logger: createLogger('info', (line) => logged.push(line)) });
  });
  afterAll(async () => {
    await client?.dispose();
    await app.close();
  });

  it('logs a subscription’s start and end with its events, and counts them', async () => {
    const [row] = await sql<{ household_id: number }>(
      app.database,
      "select p.household_id from user_account u join person p on p.id = u.person_id where u.login = 'resident.xinyuan'",
    );
    const [leader] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'leader.xinyuan'");
    const before = await metrics();
    expect(sample(before, 'lianxin_subscriptions_open')).toBe(0);
    expect(sample(before, 'lianxin_websocket_connections')).toBe(0);

    client = createClient({
      url: app.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${await app.tokenFor('leader.xinyuan')}` },
    });
    const received: unknown[] = [];
    let completed = false;
    const stop = client.subscribe(
      { query: CHANGES },
      { next: (r) => void received.push(r), error: () => undefined, complete: () => (completed = true) },
    );
    // The listener counts the subscription inside its starting transaction; the start line follows
    // once that transaction has committed, so wait for both rather than racing the commit.
    await until('the subscription to start', () => app.live.listener.listening('issue') >= 1 && lines().length >= 1);
    expect(lines()).toEqual([
      expect.objectContaining({ msg: 'subscription started', operation: 'FollowIssues', principal: `user:${leader.id}` }),
    ]);
    const open = await metrics();
    expect(sample(open, 'lianxin_subscriptions_open')).toBe(1);
    expect(sample(open, 'lianxin_websocket_connections')).toBe(1);
    expect(sample(open, 'lianxin_subscriptions_started_total', '{operation="FollowIssues"}')).toBe(1);

    for (let i = 0; i < 2; i++) {
      const reported = ok(
        await app.request<{ reportIssue: { userErrors: unknown[] } }, Record<string, unknown>>(
          REPORT,
          {
            input: {
              householdId: gid('Household', row.household_id),
              subject: 'BUILDING',
              category: 'repairs',
              text: `楼道灯不亮 ${i}`,
              nameVisible: true,
            },
          },
          { as: 'resident.xinyuan' },
        ),
      ).reportIssue;
      expect(reported.userErrors).toEqual([]);
    }
    await until('two events', () => received.length >= 2);
    expect(sample(await metrics(), 'lianxin_subscription_events_total', '{operation="FollowIssues"}')).toBe(2);

    stop();
    await until('the end line', () => lines().length >= 2);
    const [started, ended] = lines();
    expect(ended).toEqual({
      ...ended,
      msg: 'subscription ended',
      subscriptionId: started.subscriptionId,
      operation: 'FollowIssues',
      principal: `user:${leader.id}`,
      reason: 'stopped',
      events: 2,
    });
    expect(ended.durationMs).toBeGreaterThanOrEqual(0);
    // Ids and counts only: nothing of what the events carried.
    expect(logged.filter((l) => l.includes('subscription')).join('\n')).not.toContain('楼道灯');
    expect(completed).toBe(true);
    const after = await metrics();
    expect(sample(after, 'lianxin_subscriptions_open')).toBe(0);
    expect(sample(after, 'lianxin_subscription_events_total', '{operation="FollowIssues"}')).toBe(2);
  });
});
