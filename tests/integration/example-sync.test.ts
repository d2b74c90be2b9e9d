import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createClient } from '../../clients/typescript/client';
import { changesSince, parseRegister, syncPopulation } from '../../examples/sync-population';
import { BindServiceAccountSystemDocument, CreateApiKeyDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

const SYSTEM = 'taiyuan-population';

/*
 * The example sync script, through its typed client, against a real server: the first run records
 * the register's places and persons, the second changes nothing, and the feed and a webhook receiver
 * on loopback (the deployment allows private addresses here) both see exactly the first run.
 */
const HOOK = `mutation SyncHook($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id } userErrors { field code message } } }`;

describe('examples/sync-population.ts', () => {
  let app: TestApp;
  let apiKey: string;
  let community: string;
  let receiver: http.Server;
  const received: Array<{ type: string; change: { nodeId: string; type: string; kind: string } }> = [];

  beforeAll(async () => {
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as (typeof received)[number]);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    app = await startTestApp({ env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    const [account] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    const serviceAccountId = gid('ServiceAccount', account.id);
    apiKey = ok(await app.request(CreateApiKeyDocument, { input: { serviceAccountId } })).createApiKey.secret!;
    ok(await app.request(BindServiceAccountSystemDocument, { input: { serviceAccountId, system: SYSTEM } }));
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/lianxin`;
    const eventTypes = ['compound.*', 'building.*', 'unit.*', 'household.*', 'person.*'];
    const hook = ok(
      await app.request<{ createWebhookSubscription: { userErrors: unknown[] } }, Record<string, unknown>>(
        HOOK,
        { input: { communityId: community, url, eventTypes } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createWebhookSubscription;
    expect(hook.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  /** Runs the queue's due jobs (dispatch, then deliveries) until nothing is due. */
  async function deliverAll(): Promise<void> {
    for (;;) if ((await app.jobs.runDue()) === 0) return;
  }

  it('records the register once, changes nothing on a re-run, and the feed shows exactly the first run', async () => {
    const client = createClient({ url: app.url, apiKey });
    const rows = parseRegister(readFileSync(path.join(__dirname, '../../examples/population-sample.csv'), 'utf8'));
    const { cursor } = await changesSince(client, community, null);

    const created = (n: number) => ({ CREATED: n, UPDATED: 0, UNCHANGED: 0 });
    const unchanged = (n: number) => ({ CREATED: 0, UPDATED: 0, UNCHANGED: n });
    const first = await syncPopulation(client, SYSTEM, community, rows);
    expect(first).toEqual({
      places: { compounds: created(1), buildings: created(1), units: created(1), households: created(2) },
      created: ['P-000001', 'P-000002', 'P-000003'],
      updated: [],
      matched: [],
      unchanged: [],
      errors: [],
    });
    const second = await syncPopulation(client, SYSTEM, community, rows);
    expect(second).toEqual({
      places: { compounds: unchanged(1), buildings: unchanged(1), units: unchanged(1), households: unchanged(2) },
      created: [],
      updated: [],
      matched: [],
      unchanged: ['P-000001', 'P-000002', 'P-000003'],
      errors: [],
    });

    const { changes } = await changesSince(client, community, cursor);
    // The receiver got one event per change of the first run, and none for the second.
    await deliverAll();
    expect(received.map((e) => [e.change.type, e.change.kind, e.change.nodeId]).sort()).toEqual(
      changes.map((c) => [c.type, c.operation, c.nodeId]).sort(),
    );
    expect(changes.map((c) => [c.type, c.operation])).toEqual([
      ['Compound', 'CREATED'],
      ['Building', 'CREATED'],
      ['Unit', 'CREATED'],
      ['Household', 'CREATED'],
      ['Household', 'CREATED'],
      ['Person', 'CREATED'],
      ['Person', 'CREATED'],
      ['Person', 'CREATED'],
    ]);
    // Nothing in plain at rest, nothing read back by the script.
    expect(JSON.stringify(await sql(app.database, "select * from person where name = '张建国'"))).not.toContain('140105195803041219');
  });

  it('matches a person already on record by identity card number instead of creating them again', async () => {
    const client = createClient({ url: app.url, apiKey });
    const [sample] = parseRegister(readFileSync(path.join(__dirname, '../../examples/population-sample.csv'), 'utf8')).slice(2);
    const row = {
      ...sample,
      householdId: 'HH-XY-0102',
      personId: 'P-000099',
      name: '王志强',
      gender: 'MALE' as const,
      birthYear: 1985,
      idNumber: '140105198507150631',
    };
    const report = await syncPopulation(client, SYSTEM, community, [row]);
    expect(report).toMatchObject({ created: [], updated: [], matched: ['P-000099'], unchanged: [], errors: [] });
  });
});
