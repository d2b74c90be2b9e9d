import { createHmac, timingSafeEqual } from 'node:crypto';
import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/*
 * Webhooks end to end: a real receiver on loopback (the deployment allows private addresses here),
 * the dispatcher and deliveries run by the job queue of two API instances at once, signatures
 * checked with node:crypto (not the module's code), retries with a moved clock, the delivery log
 * and manual redelivery, refused URLs, and who may manage webhooks.
 */

const CREATE = `mutation CreateHook($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id url eventTypes active } secret userErrors { field code message } } }`;
const ROTATE = `mutation RotateHook($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) { subscription { id secrets { createdAt endedAt } } secret userErrors { field code message } } }`;
const FINISH = `mutation FinishHook($input: FinishWebhookSecretRotationInput!) {
  finishWebhookSecretRotation(input: $input) { subscription { id secrets { createdAt endedAt } } userErrors { field code message } } }`;
const UPDATE = `mutation UpdateHook($input: UpdateWebhookSubscriptionInput!) {
  updateWebhookSubscription(input: $input) { subscription { id active url } userErrors { field code message } } }`;
const REDELIVER = `mutation Redeliver($input: RedeliverWebhookDeliveryInput!) {
  redeliverWebhookDelivery(input: $input) { delivery { id status attempts maxAttempts } userErrors { field code message } } }`;
const HOOKS = `query Hooks($id: ID!) { node(id: $id) { ... on Community { webhookSubscriptions {
  id url secrets { createdAt endedAt }
  deliveries(first: 10) { id eventType body status attempts nextAttemptAt lastStatusCode attemptLog { attemptedAt statusCode error } } } } } }`;
const CREATE_PERSON = `mutation HookPerson($input: CreatePersonInput!) { createPerson(input: $input) { person { id } userErrors { field code message } } }`;

interface Delivery {
  id: string;
  eventType: string;
  body: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  attemptLog: Array<{ attemptedAt: string; statusCode: number | null; error: string | null }>;
}
interface Hooks {
  node: { webhookSubscriptions: Array<{ id: string; url: string; secrets: unknown[]; deliveries: Delivery[] }> };
}
/** An independent check of a Stripe-style signature header against one secret. */
function verifies(header: string, body: string, secret: string): boolean {
  const parts = header.split(',').map((p) => p.split('='));
  const t = parts.find(([k]) => k === 't')?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts
    .filter(([k]) => k === 'v1')
    .some(([, v]) => {
      const given = Buffer.from(v, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('webhooks', () => {
  const clock = fixedClock(new Date());
  let app: TestApp;
  let second: TestApp;
  let strict: TestApp;
  let receiver: WebhookReceiver;
  let url: string;
  let received: WebhookReceiver['received'];
  let community: string;
  let household: string;
  const admin = { as: 'admin.yongkangbeilu' };

  async function hooks(): Promise<Hooks['node']['webhookSubscriptions']> {
    return ok(await app.request<Hooks, Record<string, unknown>>(HOOKS, { id: community }, admin)).node.webhookSubscriptions;
  }

  async function createHook(eventTypes: string[], target = url) {
    return ok(
      await app.request<
        { createWebhookSubscription: { subscription: { id: string } | null; secret: string | null; userErrors: unknown[] } },
        Record<string, unknown>
      >(CREATE, { input: { communityId: community, url: target, eventTypes } }, admin),
    ).createWebhookSubscription;
  }

  let people = 0;
  async function newPerson(name: string): Promise<string> {
    people++;
    const made = ok(
      await app.request<{ createPerson: { person: { id: string } } }, Record<string, unknown>>(
        CREATE_PERSON,
        { input: { householdId: household, name, idNumber: `1401051990010${String(10000 + people).slice(-5)}` } },
        admin,
      ),
    ).createPerson;
    return made.person.id;
  }

  /** The database schedules the dispatcher by its own time: the test clock never stands behind it. */
  function catchUp(): void {
    if (clock.now() < new Date()) clock.set(new Date());
  }

  /** Runs the due jobs on both instances at once, until nothing is due. */
  async function runBoth(): Promise<void> {
    catchUp();
    for (;;) {
      const [a, b] = await Promise.all([app.jobs.runDue(), second.jobs.runDue()]);
      if (a + b === 0) return;
    }
  }

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ url, received } = receiver);
    const env = { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' };
    app = await startTestApp({ clock, env });
    second = await startTestApp({ clock, env, database: app.database });
    strict = await startTestApp({ clock, database: app.database });
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
    const [h] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id limit 1', [c.id]);
    household = gid('Household', h.id);
  });
  afterAll(async () => {
    await strict.close();
    await second.close();
    await app.close();
    await receiver.close();
  });

  it('delivers a change once, signed, though two instances run the queue', async () => {
    const made = await createHook(['person.created', 'household.*']);
    expect(made.userErrors).toEqual([]);
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = made.secret!;
    // Sealed at rest: the database does not hold the secret.
    const stored = await sql<{ sealed: string }>(app.database, 'select sealed from webhook_secret');
    expect(stored.map((s) => s.sealed).join()).not.toContain(secret.slice(6));

    const person = await newPerson('钩子测试');
    await runBoth();
    expect(received).toHaveLength(1);
    const [got] = received;
    expect(verifies(String(got.headers['lianxin-signature']), got.body, secret)).toBe(true);
    expect(verifies(String(got.headers['lianxin-signature']), got.body, 'whsec_wrong')).toBe(false);
    const t = Number(/t=(\d+)/.exec(String(got.headers['lianxin-signature']))![1]);
    expect(t).toBe(Math.floor(clock.now().getTime() / 1000));
    const event = JSON.parse(got.body);
    expect(event).toEqual({
      id: expect.any(String),
      type: 'person.created',
      createdAt: expect.any(String),
      communityId: community,
      change: { nodeId: person, type: 'Person', kind: 'CREATED', fields: expect.arrayContaining(['name', 'idNumberSealed']) },
    });
    // Names, never values.
    expect(got.body).not.toContain('钩子测试');
    expect(got.body).not.toContain('14010519900101');

    const hook = (await hooks()).find((h) => h.id === made.subscription!.id)!;
    expect(hook.deliveries).toEqual([
      expect.objectContaining({ eventType: 'person.created', status: 'DELIVERED', attempts: 1, lastStatusCode: 200, body: got.body }),
    ]);
    expect(got.headers['lianxin-delivery']).toBe(hook.deliveries[0].id);
    expect(hook.deliveries[0].attemptLog).toEqual([expect.objectContaining({ statusCode: 200, error: null })]);
    // Nothing more to do, and nothing sent twice.
    await runBoth();
    expect(received).toHaveLength(1);
  });

  it('retries a failing receiver with growing, jittered waits: 8 tries over about 4 hours, then redelivery by hand', async () => {
    await sql(app.database, 'update webhook_subscription set active = false');
    const made = await createHook(['person.*']);
    const start = clock.now().getTime();
    received.length = 0;
    receiver.status = 503;
    await newPerson('重试测试');
    await runBoth();
    expect(received).toHaveLength(1);
    const waits: number[] = [];
    for (let attempt = 1; ; attempt++) {
      const delivery = (await hooks()).find((h) => h.id === made.subscription!.id)!.deliveries[0];
      expect(delivery.attempts).toBe(attempt);
      expect(delivery.lastStatusCode).toBe(503);
      if (attempt === 8) {
        expect(delivery.status).toBe('FAILED');
        expect(delivery.nextAttemptAt).toBeNull();
        break;
      }
      expect(delivery.status).toBe('PENDING');
      const next = new Date(delivery.nextAttemptAt!).getTime();
      waits.push(next - clock.now().getTime());
      // Not before its time.
      clock.set(new Date(next - 1000));
      await runBoth();
      expect(received).toHaveLength(attempt);
      clock.set(new Date(next));
      await runBoth();
      expect(received).toHaveLength(attempt + 1);
    }
    waits.forEach((wait, i) => {
      const nominal = 2 * 60_000 * 2 ** i;
      expect(wait).toBeGreaterThanOrEqual(nominal * 0.8 - 1);
      expect(wait).toBeLessThanOrEqual(nominal * 1.2 + 1);
    });
    const span = clock.now().getTime() - start;
    expect(span).toBeGreaterThan(3.3 * 3600_000);
    expect(span).toBeLessThan(5.1 * 3600_000);
    const [delivery] = (await hooks()).find((h) => h.id === made.subscription!.id)!.deliveries;
    expect(delivery.attemptLog).toHaveLength(8);
    expect(delivery.attemptLog.every((a) => a.statusCode === 503 && a.error === 'HTTP 503')).toBe(true);

    receiver.status = 200;
    const again = ok(
      await app.request<{ redeliverWebhookDelivery: { delivery: { status: string; maxAttempts: number } } }, Record<string, unknown>>(
        REDELIVER,
        { input: { deliveryId: delivery.id } },
        admin,
      ),
    ).redeliverWebhookDelivery;
    expect(again.delivery).toEqual(expect.objectContaining({ status: 'PENDING', maxAttempts: 16 }));
    await runBoth();
    const after = (await hooks()).find((h) => h.id === made.subscription!.id)!.deliveries[0];
    expect(after).toEqual(expect.objectContaining({ status: 'DELIVERED', attempts: 9, lastStatusCode: 200 }));
    // A delivered one may be sent again; one on its way may not.
    const pending = await app.request<{ redeliverWebhookDelivery: { userErrors: Array<{ code: string }> } }, Record<string, unknown>>(
      REDELIVER,
      { input: { deliveryId: delivery.id } },
      admin,
    );
    expect(ok(pending).redeliverWebhookDelivery.userErrors).toEqual([]);
    const twice = ok(
      await app.request<{ redeliverWebhookDelivery: { userErrors: Array<{ code: string }> } }, Record<string, unknown>>(
        REDELIVER,
        { input: { deliveryId: delivery.id } },
        admin,
      ),
    ).redeliverWebhookDelivery;
    expect(twice.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);
    await runBoth();
    ok(await app.request(UPDATE, { input: { subscriptionId: made.subscription!.id, active: false } }, admin));
  });

  it('signs with both secrets during a rotation, and with the new one only once it is finished', async () => {
    await sql(app.database, 'update webhook_subscription set active = false');
    const made = await createHook(['person.created']);
    const first = made.secret!;
    const rotated = ok(
      await app.request<{ rotateWebhookSecret: { secret: string; subscription: { secrets: unknown[] } } }, Record<string, unknown>>(
        ROTATE,
        { input: { subscriptionId: made.subscription!.id } },
        admin,
      ),
    ).rotateWebhookSecret;
    expect(rotated.subscription.secrets).toHaveLength(2);
    const third = ok(
      await app.request<{ rotateWebhookSecret: { userErrors: Array<{ code: string }> } }, Record<string, unknown>>(
        ROTATE,
        { input: { subscriptionId: made.subscription!.id } },
        admin,
      ),
    ).rotateWebhookSecret;
    expect(third.userErrors.map((e) => e.code)).toEqual(['TOO_MANY_SECRETS']);
    received.length = 0;
    await newPerson('轮换测试');
    await runBoth();
    const header = String(received[0].headers['lianxin-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifies(header, received[0].body, first)).toBe(true);
    expect(verifies(header, received[0].body, rotated.secret)).toBe(true);

    ok(await app.request(FINISH, { input: { subscriptionId: made.subscription!.id } }, admin));
    await newPerson('轮换完成');
    await runBoth();
    const last = String(received[1].headers['lianxin-signature']);
    expect(last.match(/v1=/g)).toHaveLength(1);
    expect(verifies(last, received[1].body, rotated.secret)).toBe(true);
    expect(verifies(last, received[1].body, first)).toBe(false);
  });

  it('refuses URLs that are not http(s), and private addresses unless the deployment allows them', async () => {
    const create = (target: string, on: TestApp) =>
      on.request<
        { createWebhookSubscription: { userErrors: Array<{ field: string[]; code: string; message: string }> } },
        Record<string, unknown>
      >(CREATE, { input: { communityId: community, url: target, eventTypes: ['*'] } }, admin);
    const before = await sql<{ n: number }>(app.database, 'select count(*)::int as n from webhook_subscription');
    for (const target of [
      url,
      'http://localhost:9/x',
      'http://10.1.2.3/x',
      'http://169.254.169.254/latest',
      'http://[::1]:9/',
      'http://[::ffff:127.0.0.1]/',
      'http://192.168.1.1/',
    ]) {
      const refused = ok(await create(target, strict)).createWebhookSubscription.userErrors;
      expect(refused).toEqual([expect.objectContaining({ field: ['url'], code: 'URL_NOT_ALLOWED' })]);
      // The answer names the host it was given, never the address a name resolved to (that maps the network).
      if (target.includes('localhost')) expect(refused[0].message).not.toMatch(/127\.0\.0\.1|::1/);
    }
    for (const target of ['ftp://example.org/x', 'file:///etc/passwd', 'not a url', 'https://user:pw@example.org/']) {
      expect(ok(await create(target, app)).createWebhookSubscription.userErrors.map((e) => e.code)).toEqual(['URL_NOT_ALLOWED']);
    }
    const badType = ok(
      await app.request<{ createWebhookSubscription: { userErrors: Array<{ code: string }> } }, Record<string, unknown>>(
        CREATE,
        { input: { communityId: community, url, eventTypes: ['payment.created'] } },
        admin,
      ),
    ).createWebhookSubscription;
    expect(badType.userErrors.map((e) => e.code)).toEqual(['INVALID']);
    const after = await sql<{ n: number }>(app.database, 'select count(*)::int as n from webhook_subscription');
    expect(after[0].n).toBe(before[0].n);
    // A name that resolved to a public address when saved is checked again at delivery.
    await sql(app.database, 'update webhook_subscription set active = false');
    const hook = await createHook(['person.created']);
    received.length = 0;
    await newPerson('地址测试');
    catchUp();
    await strict.jobs.runDue();
    expect(received).toEqual([]);
    const [delivery] = (await hooks()).find((h) => h.id === hook.subscription!.id)!.deliveries;
    expect(delivery.attemptLog[0]).toEqual(
      expect.objectContaining({ statusCode: null, error: expect.stringMatching(/127\.0\.0\.1.*private/) }),
    );
    await runBoth();
    await sql(app.database, 'update webhook_subscription set active = false');
  });

  it('is the community admin’s: others are refused, another community’s webhook is NOT_FOUND', async () => {
    const [hook] = await hooks();
    const attempt = (as: string) => app.request(CREATE, { input: { communityId: community, url, eventTypes: ['*'] } }, { as });
    expect(codes(await attempt('street.xiaodian'))).toEqual(['FORBIDDEN']);
    expect(codes(await attempt('resident.xinyuan'))).toEqual(['FORBIDDEN']);
    expect(codes(await attempt('admin.zhenxing'))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(UPDATE, { input: { subscriptionId: hook.id, active: false } }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    expect(codes(await app.request(ROTATE, { input: { subscriptionId: hook.id } }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
    expect(codes(await app.request(REDELIVER, { input: { deliveryId: hook.deliveries[0].id } }, { as: 'admin.zhenxing' }))).toEqual([
      'NOT_FOUND',
    ]);
    const nodeRead = await app.request<{ node: unknown }, Record<string, unknown>>(
      'query N($id: ID!) { node(id: $id) { id } }',
      { id: hook.id },
      { as: 'admin.zhenxing' },
    );
    expect(nodeRead.data?.node ?? null).toBeNull();
    // The street officer sees the community but not its webhooks.
    expect(codes(await app.request(HOOKS, { id: community }, { as: 'street.xiaodian' }))).toEqual(['FORBIDDEN']);
    // The admin may.
    expect(ok(await app.request(UPDATE, { input: { subscriptionId: hook.id, active: true } }, admin))).toBeTruthy();
  });

  it('reads the delivery log of many webhooks in a constant number of statements', async () => {
    const count = async () => (await app.request(HOOKS, { id: community }, admin)).extensions!.sqlStatements!;
    const before = await count();
    await createHook(['*']);
    await createHook(['*']);
    expect(await count()).toBe(before);
  });
});
