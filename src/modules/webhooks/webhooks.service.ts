import { randomBytes } from 'node:crypto';
import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { open, seal } from '../../core/crypto/sealed';
import { dbOf } from '../../core/data/db';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { toGlobalId } from '../../core/ids/global-id';
import { defineJob, scheduleJob, type JobPayload } from '../../core/jobs/job';
import { refuse, UserErrorCode } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { FEED_TYPES, sensitiveChangeKeys, shownEntrySql, shownFieldsSql } from '../integration/change-feed';
import { urlProblem } from './address-policy';
import { MAX_ATTEMPTS, retryDelayMs } from './backoff';
import { AddressNotAllowed, checkedAddresses, send } from './sender';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signatureHeader } from './signature';
import { isEventPattern, KIND_SQL, matches, type WebhookEvent } from './webhook-events';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecret } from './webhook-secret.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhookError } from './webhooks.errors';
import type {
  CreateWebhookSubscriptionInput,
  FinishWebhookSecretRotationInput,
  RedeliverWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookSubscriptionInput,
} from './webhooks.inputs';

/*
 * Webhooks: a community admin subscribes a URL to kinds of change; the dispatcher turns the
 * community's change feed into one delivery per matching change and subscription, and each
 * delivery is a job of the platform's queue, claimed by one instance (SKIP LOCKED), so several API
 * instances send each event once. A failed try is recorded and the next one scheduled with a
 * growing, jittered wait (backoff.ts); after the last it stays FAILED until redelivered by hand.
 */

/** Changes turned into deliveries per subscription per run; a longer backlog schedules another run at once. */
const DISPATCH_BATCH = 200;

/** The dispatcher runs for one community: the payload names only it. */
export type DispatchPayload = JobPayload;
export interface DeliverPayload extends JobPayload {
  deliveryId: number;
}

// They write deliveries and their attempts, which no figure reads: their commits keep the figures cache.
export const dispatchJob = defineJob<DispatchPayload>('webhooks.dispatch', (ctx, payload) => webhooksService.dispatch(ctx, payload), {
  changesFigures: false,
});
export const deliverJob = defineJob<DeliverPayload>('webhooks.deliver', (ctx, payload) => webhooksService.deliver(ctx, payload), {
  changesFigures: false,
});

/** The dispatcher's job key: one waiting run per community (a database trigger on the audit log adds it too). */
export const dispatchKey = (communityId: number) => `webhooks.dispatch:${communityId}`;
const deliverKey = (deliveryId: number) => `webhooks.deliver:${deliveryId}`;

function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

async function checkUrl(ctx: RequestContext, url: string): Promise<void> {
  const problem = urlProblem(url);
  if (problem) refuse('url', WebhookError.URL_NOT_ALLOWED, `The URL cannot be a webhook's: ${problem}`);
  try {
    await checkedAddresses(new URL(url).hostname, ctx.integration.webhookAllowPrivateUrls);
  } catch (err) {
    // Which address a name resolves to is not said: the answer would map the server's own network.
    const reason =
      err instanceof AddressNotAllowed
        ? `${new URL(url).hostname} resolves to a loopback, link-local or private address, or to none`
        : `${new URL(url).hostname} cannot be resolved`;
    refuse('url', WebhookError.URL_NOT_ALLOWED, `The URL cannot be a webhook's: ${reason}`);
  }
}

function checkEventTypes(eventTypes: readonly string[]): void {
  if (eventTypes.length === 0) refuse('eventTypes', UserErrorCode.BLANK, 'Name at least one event type, e.g. household.* or *');
  eventTypes.forEach((t, i) => {
    if (!isEventPattern(t))
      refuse(['eventTypes', String(i)], UserErrorCode.INVALID, `${t} is not an event type (e.g. household.updated, person.*, *)`);
  });
}

function activeSecrets(em: EntityManager, subscription: WebhookSubscription): Promise<WebhookSecret[]> {
  return em.find(WebhookSecret, { subscription, endedAt: null }, { orderBy: { id: 'desc' } });
}

interface FeedEntry {
  seq: string;
  occurredAt: Date | string;
  entity: string;
  entityId: number;
  kind: string;
  fields: string[] | null;
}

export const webhooksService = {
  create(ctx: RequestContext, input: CreateWebhookSubscriptionInput): Promise<MutationOutcome<{ id: number; secret: string }>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      checkEventTypes(input.eventTypes);
      await checkUrl(ctx, input.url);
      // Future changes only. Positions are commit-ordered: any change not yet visible will come after this one.
      const at = await dbOf(em).one<{ seq: string }>(
        'select coalesce(max(feed_seq), 0)::text as seq from audit_entry where community_id = $1',
        [community.id],
      );
      const subscription = em.create(WebhookSubscription, {
        community: ref(community),
        url: input.url,
        eventTypes: [...new Set(input.eventTypes)],
        description: input.description ?? null,
        active: true,
        lastFeedSeq: at!.seq,
        createdBy: actorLabel(ctx.principal),
      });
      const secret = newSecret();
      em.create(WebhookSecret, { community: ref(community), subscription, sealed: seal(secret) });
      await em.flush();
      return { id: subscription.id, secret };
    });
  },

  update(ctx: RequestContext, input: UpdateWebhookSubscriptionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const subscription = await findByGlobalId(em, WebhookSubscription, 'WebhookSubscription', input.subscriptionId, 'subscriptionId');
      if (input.eventTypes) {
        checkEventTypes(input.eventTypes);
        subscription.eventTypes = [...new Set(input.eventTypes)];
      }
      if (input.url !== undefined && input.url !== null) {
        await checkUrl(ctx, input.url);
        subscription.url = input.url;
      }
      if (input.description !== undefined) subscription.description = input.description;
      if (input.active !== undefined && input.active !== null && input.active !== subscription.active) {
        subscription.active = input.active;
        // Switched back on: carry on from now, not with what happened while it was off.
        if (input.active) {
          const at = await dbOf(em).one<{ seq: string }>(
            'select coalesce(max(feed_seq), 0)::text as seq from audit_entry where community_id = $1',
            [subscription.community.id],
          );
          subscription.lastFeedSeq = at!.seq;
        }
      }
      await em.flush();
      return subscription.id;
    });
  },

  rotateSecret(ctx: RequestContext, input: RotateWebhookSecretInput): Promise<MutationOutcome<{ id: number; secret: string }>> {
    return mutate(ctx, input, async (em) => {
      const subscription = await findByGlobalId(em, WebhookSubscription, 'WebhookSubscription', input.subscriptionId, 'subscriptionId');
      await em.lock(subscription, LockMode.PESSIMISTIC_WRITE);
      if ((await activeSecrets(em, subscription)).length >= 2)
        refuse('subscriptionId', WebhookError.TOO_MANY_SECRETS, 'Two secrets are active: finish the rotation first');
      const secret = newSecret();
      em.create(WebhookSecret, { community: subscription.community, subscription, sealed: seal(secret) });
      await em.flush();
      return { id: subscription.id, secret };
    });
  },

  finishRotation(ctx: RequestContext, input: FinishWebhookSecretRotationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const subscription = await findByGlobalId(em, WebhookSubscription, 'WebhookSubscription', input.subscriptionId, 'subscriptionId');
      await em.lock(subscription, LockMode.PESSIMISTIC_WRITE);
      const [newest, ...older] = await activeSecrets(em, subscription);
      if (!newest || older.length === 0)
        refuse('subscriptionId', UserErrorCode.ALREADY_ENDED, 'Only one secret is active: nothing to finish');
      for (const s of older) s.endedAt = ctx.clock.now();
      await em.flush();
      return subscription.id;
    });
  },

  redeliver(ctx: RequestContext, input: RedeliverWebhookDeliveryInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const delivery = await findByGlobalId(em, WebhookDelivery, 'WebhookDelivery', input.deliveryId, 'deliveryId');
      await em.lock(delivery, LockMode.PESSIMISTIC_WRITE);
      if (delivery.status === 'PENDING')
        refuse(
          'deliveryId',
          UserErrorCode.INVALID_TRANSITION,
          'The delivery is still being tried; redeliver it once it has failed or arrived',
        );
      delivery.status = 'PENDING';
      delivery.maxAttempts = delivery.attempts + MAX_ATTEMPTS;
      delivery.nextAttemptAt = ctx.clock.now();
      await em.flush();
      await scheduleJob(
        em,
        deliverJob,
        { communityId: delivery.community.id, deliveryId: delivery.id },
        {
          runAt: ctx.clock.now(),
          key: deliverKey(delivery.id),
        },
      );
      return delivery.id;
    });
  },

  /** Turns the community's new changes into deliveries for each active subscription, and schedules them. */
  async dispatch(ctx: RequestContext, payload: DispatchPayload): Promise<void> {
    await mutate(ctx, {}, async (em) => {
      const subscriptions = await em.find(
        WebhookSubscription,
        { community: payload.communityId, active: true },
        { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      let backlog = false;
      const scheduled: WebhookDelivery[] = [];
      for (const subscription of subscriptions) {
        const entries = await dbOf(em).query<FeedEntry>(
          `select t.feed_seq::text as seq, t.occurred_at as "occurredAt", t.entity, t.entity_id as "entityId", ${KIND_SQL} as kind,
                  ${shownFieldsSql('$5')} as fields
             from audit_entry t
            where t.community_id = $1 and t.feed_seq > $2::bigint and t.entity = any($3::text[]) and t.entity_id is not null
              and ${shownEntrySql('$5')}
            order by t.feed_seq limit $4`,
          [payload.communityId, subscription.lastFeedSeq, FEED_TYPES, DISPATCH_BATCH, sensitiveChangeKeys()],
        );
        if (entries.length === 0) continue;
        if (entries.length === DISPATCH_BATCH) backlog = true;
        for (const entry of entries) {
          const eventType = `${entry.entity.toLowerCase()}.${entry.kind}`;
          if (!matches(subscription.eventTypes, eventType)) continue;
          const event: WebhookEvent = {
            id: `${toGlobalId('Community', payload.communityId)}.${entry.seq}`,
            type: eventType,
            createdAt: new Date(entry.occurredAt).toISOString(),
            communityId: toGlobalId('Community', payload.communityId),
            change: {
              nodeId: toGlobalId(entry.entity, entry.entityId),
              type: entry.entity,
              kind: entry.kind.toUpperCase(),
              fields: entry.fields ?? [],
            },
          };
          scheduled.push(
            em.create(WebhookDelivery, {
              community: subscription.community,
              subscription,
              feedSeq: entry.seq,
              eventType,
              body: JSON.stringify(event),
              status: 'PENDING',
              attempts: 0,
              maxAttempts: MAX_ATTEMPTS,
              nextAttemptAt: ctx.clock.now(),
            }),
          );
        }
        subscription.lastFeedSeq = entries[entries.length - 1].seq;
      }
      await em.flush();
      for (const delivery of scheduled) {
        await scheduleJob(
          em,
          deliverJob,
          { communityId: payload.communityId, deliveryId: delivery.id },
          {
            runAt: ctx.clock.now(),
            key: deliverKey(delivery.id),
          },
        );
      }
      if (backlog) await scheduleJob(em, dispatchJob, payload, { runAt: ctx.clock.now(), key: dispatchKey(payload.communityId) });
    });
  },

  /** One try of one delivery: signed with every active secret, recorded, and the next try scheduled if it failed. */
  async deliver(ctx: RequestContext, payload: DeliverPayload): Promise<void> {
    await mutate(ctx, {}, async (em) => {
      // The row lock makes a second job for the same delivery wait, then find it no longer pending.
      const delivery = await em.findOne(WebhookDelivery, { id: payload.deliveryId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!delivery || delivery.status !== 'PENDING') return;
      const subscription = await em.findOneOrFail(WebhookSubscription, { id: delivery.subscription.id });
      const now = ctx.clock.now();
      if (!subscription.active) {
        delivery.status = 'FAILED';
        delivery.nextAttemptAt = null;
        em.create(WebhookAttempt, {
          community: delivery.community,
          delivery,
          attemptedAt: now,
          statusCode: null,
          error: 'the webhook is switched off',
          durationMs: 0,
        });
        return;
      }
      const secrets = (await activeSecrets(em, subscription)).map((s) => open(s.sealed));
      const timestamp = Math.floor(now.getTime() / 1000);
      const result = await send(
        subscription.url,
        {
          [SIGNATURE_HEADER]: signatureHeader(secrets, timestamp, delivery.body),
          [DELIVERY_HEADER]: toGlobalId('WebhookDelivery', delivery.id),
          'user-agent': 'Lianxin-Webhooks/1',
        },
        delivery.body,
        ctx.integration.webhookAllowPrivateUrls,
      );
      em.create(WebhookAttempt, {
        community: delivery.community,
        delivery,
        attemptedAt: now,
        statusCode: result.statusCode,
        error:
          result.error ??
          (result.statusCode !== null && (result.statusCode < 200 || result.statusCode > 299) ? `HTTP ${result.statusCode}` : null),
        durationMs: result.durationMs,
      });
      delivery.attempts += 1;
      delivery.lastStatusCode = result.statusCode;
      if (result.statusCode !== null && result.statusCode >= 200 && result.statusCode <= 299) {
        delivery.status = 'DELIVERED';
        delivery.deliveredAt = now;
        delivery.nextAttemptAt = null;
      } else if (delivery.attempts >= delivery.maxAttempts) {
        delivery.status = 'FAILED';
        delivery.nextAttemptAt = null;
      } else {
        delivery.nextAttemptAt = new Date(now.getTime() + retryDelayMs(delivery.attempts));
        await em.flush();
        await scheduleJob(em, deliverJob, payload, { runAt: delivery.nextAttemptAt, key: deliverKey(delivery.id) });
      }
    });
  },
};
