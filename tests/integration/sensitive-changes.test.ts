import { MASK_SENSITIVE_AUDIT_VALUES } from '../../migrations/Migration20261215100000_sensitive_audit_values';
import { CLEAN_SENSITIVE_WEBHOOK_BODIES } from '../../migrations/Migration20261215200000_sensitive_webhook_bodies';
import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';
import { startReceiver, type WebhookReceiver } from '../support/webhook-receiver';

/*
 * A household's vulnerability tags are sensitive personal information: no one reads them without a
 * declared duty of care, so no one learns of them from the side either. The audit log records that
 * they changed, not their values; the change feed and webhooks do not name them, and an update of
 * nothing else is not carried at all ("vulnerabilityTags changed" on a household that had none says
 * it now belongs to a protected group).
 */

const UPDATE = `mutation Tags($input: UpdateHouseholdInput!) { updateHousehold(input: $input) { household { id } userErrors { field code message } } }`;
const CHANGES = `query Feed($communityId: ID!, $since: DateTime) {
  changes(communityId: $communityId, since: $since, first: 100) { changes { nodeId operation fields } } }`;
const AUDIT = `query Log($communityId: ID!) { auditEntries(communityId: $communityId, entity: "Household", last: 10) { nodes { entityId changes } } }`;
const HOOK = `mutation Hook($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { subscription { id } secret userErrors { field code message } } }`;

interface Change {
  nodeId: string;
  operation: string;
  fields: string[];
}

describe('sensitive personal values on the side channels', () => {
  const clock = fixedClock(new Date());
  let app: TestApp;
  let receiver: WebhookReceiver;
  let community: string;
  let household: string;
  let since: string;
  const admin = { as: 'admin.yongkangbeilu' };

  const update = async (input: Record<string, unknown>) =>
    expect(
      ok(
        await app.request<{ updateHousehold: { userErrors: unknown[] } }, Record<string, unknown>>(
          UPDATE,
          { input: { id: household, ...input } },
          admin,
        ),
      ).updateHousehold.userErrors,
    ).toEqual([]);
  const feed = async () =>
    ok(
      await app.request<{ changes: { changes: Change[] } }, Record<string, unknown>>(CHANGES, { communityId: community, since }, admin),
    ).changes.changes.filter((c) => c.nodeId === household);
  /** Runs the due jobs (the dispatcher, then the deliveries) until nothing is due. */
  const deliver = async () => {
    if (clock.now() < new Date()) clock.set(new Date());
    while ((await app.jobs.runDue()) > 0);
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    app = await startTestApp({ clock, env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } });
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    community = gid('Community', c.id);
    const [h] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id limit 1', [c.id]);
    household = gid('Household', h.id);
    since = new Date(Date.now() - 1000).toISOString();
    const hook = ok(
      await app.request<{ createWebhookSubscription: { userErrors: unknown[] } }, Record<string, unknown>>(
        HOOK,
        { input: { communityId: community, url: receiver.url, eventTypes: ['household.*'] } },
        admin,
      ),
    ).createWebhookSubscription;
    expect(hook.userErrors).toEqual([]);
  });
  afterAll(async () => {
    await app.close();
    await receiver.close();
  });

  it('an update of the tags alone reaches neither the feed nor a webhook; with other fields, only those are named', async () => {
    const updatedAt = async () =>
      ok(
        await app.request<{ node: { updatedAt: string } }, Record<string, unknown>>(
          `query When($id: ID!) { node(id: $id) { ... on Household { updatedAt } } }`,
          { id: household },
          admin,
        ),
      ).node.updatedAt;
    const before = await updatedAt();
    await update({ vulnerabilityTags: ['LOW_INCOME'] });
    // Nor does the household's own time say that something nobody else sees changed.
    expect(await updatedAt()).toBe(before);
    const [{ tags }] = await sql<{ tags: string[] }>(app.database, 'select vulnerability_tags as tags from household where id = $1', [
      pkOf(household),
    ]);
    expect(tags).toEqual(['LOW_INCOME']);
    await deliver();
    expect(await feed()).toEqual([]);
    expect(receiver.received).toEqual([]);

    await update({ vulnerabilityTags: ['LOW_INCOME', 'ELDERLY_ALONE'], areaSqm: 71.5 });
    await deliver();
    expect(await feed()).toEqual([{ nodeId: household, operation: 'UPDATED', fields: ['areaSqm'] }]);
    expect(receiver.received).toHaveLength(1);
    expect(JSON.parse(receiver.received[0].body).change).toEqual({
      nodeId: household,
      type: 'Household',
      kind: 'UPDATED',
      fields: ['areaSqm'],
    });
  });

  it('the audit log says the tags changed, never what they are', async () => {
    const entries = ok(
      await app.request<
        { auditEntries: { nodes: Array<{ entityId: string; changes: Record<string, unknown> }> } },
        Record<string, unknown>
      >(AUDIT, { communityId: community }, admin),
    ).auditEntries.nodes.filter((e) => e.entityId === household);
    expect(entries.filter((e) => 'vulnerabilityTags' in e.changes).map((e) => e.changes)).toEqual([
      { vulnerabilityTags: { before: '[sensitive]', after: '[sensitive]' } },
      { vulnerabilityTags: { before: '[sensitive]', after: '[sensitive]' } },
    ]);
    expect(entries.find((e) => 'areaSqm' in e.changes)?.changes.areaSqm).toMatchObject({ after: '71.50' });
    expect(JSON.stringify(entries)).not.toMatch(/LOW_INCOME|ELDERLY_ALONE/);
  });

  it('masks the tags in entries written before, keeps the rest, and is idempotent', async () => {
    const old = [
      { entity: 'Household', changes: { vulnerabilityTags: { before: null, after: '{DISABLED}' }, doorNo: { before: '1', after: '2' } } },
      { entity: 'CareLink', changes: { tag: { before: null, after: 'ELDERLY_ALONE' }, household: { before: null, after: 3 } } },
      { entity: 'Person', changes: { tag: { before: null, after: 'kept' } } },
    ];
    const ids: number[] = [];
    for (const { entity, changes } of old) {
      const [row] = await sql<{ id: number }>(
        app.database,
        `insert into audit_entry (request_id, actor_label, action, entity, entity_id, operation, changes)
         values ('old-request', 'someone', 'old', $1, 1, 'UPDATE', $2) returning id`,
        [entity, JSON.stringify(changes)],
      );
      ids.push(row.id);
    }
    const read = async () =>
      (await sql<{ changes: unknown }>(app.database, 'select changes from audit_entry where id = any($1) order by id', [ids])).map(
        (r) => r.changes,
      );
    const expected = [
      { vulnerabilityTags: { before: null, after: '[sensitive]' }, doorNo: { before: '1', after: '2' } },
      { tag: { before: null, after: '[sensitive]' }, household: { before: null, after: 3 } },
      { tag: { before: null, after: 'kept' } },
    ];
    await sql(app.database, MASK_SENSITIVE_AUDIT_VALUES);
    expect(await read()).toEqual(expected);
    await sql(app.database, MASK_SENSITIVE_AUDIT_VALUES);
    expect(await read()).toEqual(expected);
  });
  it('cleans webhook deliveries made before: a tags-only one goes with its attempts, the others lose the name', async () => {
    const [hook] = await sql<{ id: number; community: number }>(
      app.database,
      'select id, community_id as community from webhook_subscription order by id limit 1',
    );
    const body = (fields: string[]) =>
      JSON.stringify({
        id: 'x',
        type: 'household.updated',
        communityId: community,
        change: { nodeId: household, type: 'Household', kind: 'UPDATED', fields },
      });
    const ids: number[] = [];
    for (const [seq, fields] of [['vulnerabilityTags'], ['areaSqm', 'vulnerabilityTags'], ['doorNo']].entries()) {
      const [row] = await sql<{ id: number }>(
        app.database,
        `insert into webhook_delivery (community_id, subscription_id, feed_seq, event_type, body, status, attempts, max_attempts)
         values ($1, $2, $3, 'household.updated', $4, 'FAILED', 1, 8) returning id`,
        [hook.community, hook.id, 1_000_000 + seq, body(fields)],
      );
      await sql(
        app.database,
        `insert into webhook_attempt (community_id, delivery_id, attempted_at, status_code, duration_ms) values ($1, $2, now(), 500, 3)`,
        [hook.community, row.id],
      );
      ids.push(row.id);
    }
    const read = async () =>
      (
        await sql<{ id: number; body: string; attempts: number }>(
          app.database,
          `select d.id, d.body, (select count(*)::int from webhook_attempt a where a.delivery_id = d.id) as attempts
             from webhook_delivery d where d.id = any($1) order by d.id`,
          [ids],
        )
      ).map((r) => ({ id: r.id, fields: JSON.parse(r.body).change.fields, attempts: r.attempts }));
    const expected = [
      { id: ids[1], fields: ['areaSqm'], attempts: 1 },
      { id: ids[2], fields: ['doorNo'], attempts: 1 },
    ];
    await sql(app.database, CLEAN_SENSITIVE_WEBHOOK_BODIES);
    expect(await read()).toEqual(expected);
    await sql(app.database, CLEAN_SENSITIVE_WEBHOOK_BODIES);
    expect(await read()).toEqual(expected);
  });
});
