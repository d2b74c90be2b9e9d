import type pg from 'pg';
import { seal } from '../core/crypto/sealed';

/*
 * Webhooks in the demo: each of 永康北路社区 and 振兴社区 has its population-register sync,
 * switched off (the demo server must not call out to example.org), with one delivery in its log so
 * the admin's screen has something to show. The secret is published here: it protects nothing.
 */

const DEMO_SECRET = 'whsec_ZGVtby1vbmx5LW5vdC1hLXNlY3JldC15b25na2FuZy0wMQ';

export async function seedDemoWebhooks(client: pg.ClientBase): Promise<void> {
  await seedWebhook(client, '永康北路社区', 'yongkangbeilu');
  await seedWebhook(client, '振兴社区', 'zhenxing');
}

async function seedWebhook(client: pg.ClientBase, community: string, login: string): Promise<void> {
  const { rows } = await client.query<{ id: number }>(
    `insert into webhook_subscription (community_id, url, event_types, description, active, created_by)
     select id, $2, array['household.*', 'person.*'], '人口库同步（演示，已停用）', false, $3
       from community where name = $1 returning id`,
    [community, `https://sync.example.org/lianxin/${login}`, `admin.${login}`],
  );
  const subscription = rows[0]?.id;
  if (!subscription) return;
  await client.query('insert into webhook_secret (subscription_id, sealed) values ($1, $2)', [subscription, seal(DEMO_SECRET)]);
  const body = JSON.stringify({
    id: 'demo.1',
    type: 'household.updated',
    createdAt: '2026-11-20T02:00:00.000Z',
    communityId: 'demo',
    change: { nodeId: 'demo', type: 'Household', kind: 'UPDATED', fields: ['doorNo'] },
  });
  const delivered = await client.query<{ id: number }>(
    `insert into webhook_delivery (subscription_id, feed_seq, event_type, body, status, attempts, max_attempts, delivered_at, last_status_code)
     values ($1, 1, 'household.updated', $2, 'DELIVERED', 2, 8, '2026-11-20T02:02:10Z', 200) returning id`,
    [subscription, body],
  );
  await client.query(
    `insert into webhook_attempt (delivery_id, attempted_at, status_code, error, duration_ms)
     values ($1, '2026-11-20T02:00:01Z', 502, 'HTTP 502', 87), ($1, '2026-11-20T02:02:10Z', 200, null, 42)`,
    [delivered.rows[0].id],
  );
}
