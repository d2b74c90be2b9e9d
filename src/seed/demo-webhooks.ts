import type pg from 'pg';
import { seal } from '../core/crypto/sealed';

/*
 * A webhook in the demo: 永康北路社区's population-register sync, switched off (the demo server
 * must not call out to example.org), with one delivery in its log so the admin's screen has
 * something to show. Its secret is published here: it protects nothing.
 */

const DEMO_SECRET = 'whsec_ZGVtby1vbmx5LW5vdC1hLXNlY3JldC15b25na2FuZy0wMQ';

export async function seedDemoWebhooks(client: pg.ClientBase): Promise<void> {
  const { rows } = await client.query<{ id: number }>(
    `insert into webhook_subscription (community_id, url, event_types, description, active, created_by)
     select id, 'https://sync.example.org/lianxin/yongkangbeilu', array['household.*', 'person.*'], '人口库同步（演示，已停用）', false, 'admin.yongkangbeilu'
       from community where name = '永康北路社区' returning id`,
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
