import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { NodeRow } from '../../core/data/node-spec';
import { payloadOf } from '../../core/graphql/payload';
import { BadUserInputError } from '../../core/errors/errors';
import { CommunityType } from '../geography/geography.types';
import {
  CreateWebhookSubscriptionInput,
  FinishWebhookSecretRotationInput,
  RedeliverWebhookDeliveryInput,
  RotateWebhookSecretInput,
  UpdateWebhookSubscriptionInput,
  RedeliverWebhookDeliveryPayload,
  CreateWebhookSubscriptionPayload,
  RotateWebhookSecretPayload,
  FinishWebhookSecretRotationPayload,
  UpdateWebhookSubscriptionPayload,
} from './webhooks.inputs';
import {
  attemptsOf,
  deliveriesOf,
  secretsOf,
  subscriptionsOf,
  WebhookDeliverySpec,
  WebhookSubscriptionSpec,
  type WebhookDeliveryRow,
  type WebhookSubscriptionRow,
} from './webhooks.loaders';
import { webhooksService } from './webhooks.service';
import {
  WebhookAttemptType,
  WebhookDeliveryStatus,
  WebhookDeliveryType,
  WebhookSecretType,
  WebhookSubscriptionType,
} from './webhooks.types';

export const MAX_DELIVERIES = 100;

@Resolver(() => CommunityType)
export class CommunityWebhooksResolver {
  @FieldResolver(() => [WebhookSubscriptionType], { description: "The community's webhooks (for its admin)." })
  webhookSubscriptions(@Root() community: NodeRow, @Ctx() ctx: RequestContext) {
    return subscriptionsOf(ctx).load(community.pk);
  }
}

@Resolver(() => WebhookSubscriptionType)
export class WebhookSubscriptionResolver {
  @FieldResolver(() => [WebhookSecretType], { description: 'Its signing secrets, newest first: when made and ended, never the secret.' })
  secrets(@Root() subscription: WebhookSubscriptionRow, @Ctx() ctx: RequestContext) {
    return secretsOf(ctx).load(subscription.pk);
  }

  @FieldResolver(() => [WebhookDeliveryType], { description: 'Its latest deliveries, newest first: the delivery log.' })
  deliveries(
    @Root() subscription: WebhookSubscriptionRow,
    @Arg('first', () => Int, { defaultValue: 20, description: `At most this many (1 to ${MAX_DELIVERIES}).` }) first: number,
    @Arg('status', () => WebhookDeliveryStatus, { nullable: true, description: 'Only those in this state.' })
    status: WebhookDeliveryStatus | null,
    @Ctx() ctx: RequestContext,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > MAX_DELIVERIES)
      throw new BadUserInputError(`first must be from 1 to ${MAX_DELIVERIES}`, { argument: 'first' });
    return deliveriesOf(ctx, first, status).load(subscription.pk);
  }

  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description: "Subscribes a URL to a community's changes; the signing secret is in the answer, once.",
  })
  async createWebhookSubscription(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateWebhookSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return secretPayload(ctx, await webhooksService.create(ctx, input));
  }

  @Mutation(() => UpdateWebhookSubscriptionPayload, {
    description: "Changes a webhook's URL, event types or description, or switches it off or on.",
  })
  async updateWebhookSubscription(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateWebhookSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'subscription', WebhookSubscriptionSpec, await webhooksService.update(ctx, input));
  }

  @Mutation(() => RotateWebhookSecretPayload, {
    description: 'Adds a second signing secret (rotation): deliveries carry a signature for each.',
  })
  async rotateWebhookSecret(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RotateWebhookSecretInput,
    @Ctx() ctx: RequestContext,
  ) {
    return secretPayload(ctx, await webhooksService.rotateSecret(ctx, input));
  }

  @Mutation(() => FinishWebhookSecretRotationPayload, { description: 'Ends every signing secret of a webhook but the newest.' })
  async finishWebhookSecretRotation(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: FinishWebhookSecretRotationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'subscription', WebhookSubscriptionSpec, await webhooksService.finishRotation(ctx, input));
  }

  @Mutation(() => RedeliverWebhookDeliveryPayload, { description: 'Sends a delivered or failed delivery again, now.' })
  async redeliverWebhookDelivery(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RedeliverWebhookDeliveryInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'delivery', WebhookDeliverySpec, await webhooksService.redeliver(ctx, input));
  }
}

@Resolver(() => WebhookDeliveryType)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookAttemptType], { description: 'Every try, oldest first, with the status code the receiver answered.' })
  attemptLog(@Root() delivery: WebhookDeliveryRow, @Ctx() ctx: RequestContext) {
    return attemptsOf(ctx).load(delivery.pk);
  }
}

async function secretPayload(ctx: RequestContext, outcome: { value: { id: number; secret: string } | null; userErrors: unknown[] }) {
  const subscription = outcome.value ? await ctx.loaders.node(WebhookSubscriptionSpec).load(outcome.value.id) : null;
  return { subscription, secret: outcome.value?.secret ?? null, userErrors: outcome.userErrors };
}
