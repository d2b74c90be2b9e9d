import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver';
import { NODE_FIGURES, type Figures } from './queries';

/*
 * The figures' cache and this instance's jobs: a job run by the instance's queue that committed
 * (an issue escalated when its deadline passed) clears the cache as a mutation does, so the next
 * read computes the tallies again and its asOf says when; a run with nothing due keeps the cache,
 * and so do webhook jobs (their kind writes nothing the figures read), delivering to a real receiver.
 */
const START = '2026-11-16T04:00:00.000Z'; // noon in China: a deadline a whole number of days on is not near midnight
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;
const MINUTE = 60_000;
const HOOK = `mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { subscription { id } userErrors { code } } }`;
const PERSON = `mutation($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { code } } }`;

describe('figures cached across the jobs of this instance', () => {
  const clock = fixedClock(START);
  let app: TestApp;
  let xiaodian: string;
  let receiver: WebhookReceiver;

  const read = async () => {
    const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
      NODE_FIGURES,
      { id: xiaodian, period: '2026-10', from: '2025-11', to: '2026-10' },
      { as: 'district.xiaodian' },
    );
    return { asOf: ok(res).node.figures.asOf as string, statements: res.extensions!.sqlStatements as number };
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ clock, env: { FIGURES_MAX_STALENESS_MS: '3600000', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    xiaodian = gid('District', (await sql<{ id: number }>(app.database, "select id from district where name = '小店区'"))[0].id);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  /** Runs every job due at the clock's time, until none is. */
  const drain = async () => {
    let ran = 0;
    for (let n = await app.jobs.runDue(); n > 0; n = await app.jobs.runDue()) ran += n;
    return ran;
  };

  it('computes the tallies again after a job committed, and not after a run with nothing due', async () => {
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    const issue = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Record<string, unknown>>(
        REPORT,
        {
          input: { householdId: gid('Household', row.id), subject: 'BUILDING', category: 'repairs', text: '楼道灯坏了', nameVisible: true },
        },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue.id;
    const [due] = await sql<{ dueAt: Date }>(app.database, 'select due_at as "dueAt" from resident_issue where id = $1', [pkOf(issue)]);
    const dueAt = new Date(due.dueAt).getTime();

    // Ten minutes before the deadline: computed, then served from the cache.
    const before = new Date(dueAt - 10 * MINUTE).toISOString();
    clock.set(before);
    await app.jobs.runDue(); // whatever the demo left due runs now, not in the middle of the test
    const first = await read();
    expect(first.asOf).toBe(before);
    clock.set(new Date(dueAt + MINUTE).toISOString());
    const cached = await read();
    expect(cached.asOf).toBe(before);
    expect(cached.statements).toBeLessThan(first.statements);

    // The deadline passed: the instance's queue escalates the issue, and the figures forget.
    expect(await app.jobs.runDue()).toBeGreaterThanOrEqual(1);
    const [escalated] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from escalation where issue_id = $1', [
      pkOf(issue),
    ]);
    expect(escalated.n).toBe(1);
    const after = await read();
    expect(after.asOf).toBe(new Date(dueAt + MINUTE).toISOString());
    expect(after.statements).toBe(first.statements);

    // Nothing due: nothing committed, the cache stands.
    expect(await app.jobs.runDue()).toBe(0);
    expect(await read()).toEqual({ asOf: after.asOf, statements: cached.statements });
  });

  it('keeps the tallies across webhook jobs, which write nothing the figures read', async () => {
    // The database schedules the dispatcher by its own time: the clock stands after it.
    clock.set(new Date(Date.now() + MINUTE).toISOString());
    await drain();
    const admin = { as: 'admin.yongkangbeilu' };
    const [community] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    const [household] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id limit 1', [
      community.id,
    ]);
    const hook = await app.request<Record<string, { userErrors: unknown[] }>, Record<string, unknown>>(
      HOOK,
      { input: { communityId: gid('Community', community.id), url: receiver.url, eventTypes: ['person.*'] } },
      admin,
    );
    expect(ok(hook).createWebhookSubscription.userErrors).toEqual([]);
    const person = await app.request<Record<string, { userErrors: unknown[] }>, Record<string, unknown>>(
      PERSON,
      { input: { householdId: gid('Household', household.id), name: '钩子测试', idNumber: '140105199001019876' } },
      admin,
    );
    expect(ok(person).createPerson.userErrors).toEqual([]);

    // Computed after the mutations, then the webhook jobs run a minute later: the dispatcher and the delivery.
    const first = await read();
    expect(first.asOf).toBe(clock.now().toISOString());
    clock.set(new Date(clock.now().getTime() + MINUTE).toISOString());
    expect(await drain()).toBeGreaterThanOrEqual(2);
    expect(receiver.received.some(({ body }) => body.includes('person.'))).toBe(true);
    const [delivered] = await sql<{ n: number }>(
      app.database,
      "select count(*)::int as n from webhook_delivery where status = 'DELIVERED'",
    );
    expect(delivered.n).toBeGreaterThanOrEqual(1);

    // The cache stands: the tallies of before the jobs, read without their statements.
    const after = await read();
    expect(after.asOf).toBe(first.asOf);
    expect(after.statements).toBeLessThan(first.statements);
  });
});
