import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

const COMMUNITY_PATH = '(select c.path::text from community c where c.id = t.community_id)';
export interface WebhookSubscriptionRow extends TenantRow {
  url: string;
  eventTypes: string[];
  description: string | null;
  active: boolean;
  createdBy: string;
  path: string | null;
}

/** Webhooks are read by who manages them (MANAGE_ACCESS over the community; the rules add READ_PERSONS). */
export const WebhookSubscriptionSpec = registerNodeSpec(
  defineNode<WebhookSubscriptionRow>({
    type: 'WebhookSubscription',
    table: 'webhook_subscription',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      url: 't.url',
      eventTypes: 't.event_types',
      description: 't.description',
      active: 't.active',
      createdBy: 't.created_by',
      path: COMMUNITY_PATH,
    },
  }),
  Capability.MANAGE_ACCESS,
);

export interface WebhookDeliveryRow extends TenantRow {
  subscriptionId: number;
  feedSeq: string;
  eventType: string;
  body: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  lastStatusCode: number | null;
  path: string | null;
}

const DELIVERY_COLUMNS = {
  ...unarchivedColumns,
  communityId: 't.community_id',
  subscriptionId: 't.subscription_id',
  feedSeq: 't.feed_seq::text',
  eventType: 't.event_type',
  body: 't.body',
  status: 't.status',
  attempts: 't.attempts',
  maxAttempts: 't.max_attempts',
  nextAttemptAt: 't.next_attempt_at',
  deliveredAt: 't.delivered_at',
  lastStatusCode: 't.last_status_code',
  path: COMMUNITY_PATH,
};

export const WebhookDeliverySpec = registerNodeSpec(
  defineNode<WebhookDeliveryRow>({ type: 'WebhookDelivery', table: 'webhook_delivery', archivable: false, columns: DELIVERY_COLUMNS }),
  Capability.MANAGE_ACCESS,
);

const select = (columns: Record<string, string>) =>
  ['t.id as "pk"', ...Object.entries(columns).map(([prop, expr]) => `${expr} as "${prop}"`)].join(', ');

/** The webhooks of communities, oldest first: one statement for all the communities of a level. */
export function subscriptionsOf(ctx: RequestContext) {
  return ctx.loaders.custom<number, WebhookSubscriptionRow[]>('webhooks:subscriptions', async (db, communities) => {
    const rows = await db.query<WebhookSubscriptionRow>(
      `select ${WebhookSubscriptionSpec.select} from webhook_subscription t where t.community_id = any($1::int[]) order by t.id`,
      [communities],
    );
    WebhookSubscriptionSpec.hydrate(rows);
    return communities.map((c) => rows.filter((r) => r.communityId === c));
  });
}

export interface WebhookSecretRow {
  subscriptionId: number;
  createdAt: string;
  endedAt: string | null;
}

/** When each secret of the webhooks was made and ended (never the secret): one statement per level. */
export function secretsOf(ctx: RequestContext) {
  return ctx.loaders.custom<number, WebhookSecretRow[]>('webhooks:secrets', async (db, subscriptions) => {
    const rows = await db.query<WebhookSecretRow>(
      `select s.subscription_id as "subscriptionId", s.created_at as "createdAt", s.ended_at as "endedAt"
         from webhook_secret s where s.subscription_id = any($1::int[]) order by s.id desc`,
      [subscriptions],
    );
    return subscriptions.map((s) => rows.filter((r) => r.subscriptionId === s));
  });
}

/** The latest `first` deliveries of each webhook, newest first: one statement for all of them. */
export function deliveriesOf(ctx: RequestContext, first: number, status: string | null) {
  return ctx.loaders.custom<number, WebhookDeliveryRow[]>(`webhooks:deliveries:${first}:${status ?? ''}`, async (db, subscriptions) => {
    const rows = await db.query<WebhookDeliveryRow>(
      `select d.* from unnest($1::int[]) k(id)
         cross join lateral (select ${select(DELIVERY_COLUMNS)} from webhook_delivery t
                              where t.subscription_id = k.id and ($3::text is null or t.status = $3)
                              order by t.id desc limit $2) d`,
      [subscriptions, first, status],
    );
    WebhookDeliverySpec.hydrate(rows);
    return subscriptions.map((s) => rows.filter((r) => r.subscriptionId === s));
  });
}

export interface WebhookAttemptRow {
  deliveryId: number;
  attemptedAt: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Every try of the deliveries, in order: one statement per level. */
export function attemptsOf(ctx: RequestContext) {
  return ctx.loaders.custom<number, WebhookAttemptRow[]>('webhooks:attempts', async (db, deliveries) => {
    const rows = await db.query<WebhookAttemptRow>(
      `select a.delivery_id as "deliveryId", a.attempted_at as "attemptedAt", a.status_code as "statusCode", a.error,
              a.duration_ms as "durationMs"
         from webhook_attempt a where a.delivery_id = any($1::int[]) order by a.id`,
      [deliveries],
    );
    return deliveries.map((d) => rows.filter((r) => r.deliveryId === d));
  });
}
