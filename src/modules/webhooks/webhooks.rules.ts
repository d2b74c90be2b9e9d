import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { can, type Placed } from '../../core/auth/principal';
import { registerNodeReadCheck } from '../../core/graphql/node';
import { fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  below,
  described,
  mutation,
  refusal,
  type PermissionPart,
  type ShieldRule,
  type TargetsOf,
} from '../../core/permissions/rules';
import { field } from '../../core/permissions/targets';
import { rule } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { CommunitySpec } from '../geography/community.loaders';
import { WebhookDeliverySpec, WebhookSubscriptionSpec } from './webhooks.loaders';

const { MANAGE_ACCESS, READ_PERSONS } = Capability;

/*
 * Webhooks send every change of a community's places and people to a URL the caller chooses: they
 * are the community admin's (MANAGE_ACCESS, as for the service accounts that read the same feed,
 * and READ_PERSONS over the whole community, as the feed itself needs). A street or district
 * officer (MANAGE_ACCESS without persons) and the integration role (persons without MANAGE_ACCESS)
 * are refused; another community's webhook is NOT_FOUND.
 */

/** MANAGE_ACCESS (with its NOT_FOUND for what the caller does not reach), then READ_PERSONS over the same target. */
function managesWebhooks(name: string, targets: TargetsOf): ShieldRule {
  const persons = rule(`mutation:${name}:persons`, { cache: 'no_cache' })(async (
    _parent,
    args: Record<string, unknown>,
    ctx: RequestContext,
  ) => {
    const found = (await targets(args, ctx)) as Array<Placed | null>;
    return found.every((t) => t && can(ctx.principal, READ_PERSONS, t)) ? true : refusal(ctx, READ_PERSONS);
  });
  return described(chain(mutation(name, MANAGE_ACCESS, targets), persons), `MANAGE_ACCESS and READ_PERSONS over ${targets.label}`);
}

const readsWebhooks = (principal: Parameters<typeof can>[0], row: Placed) =>
  can(principal, MANAGE_ACCESS, row) && can(principal, READ_PERSONS, row);
registerNodeReadCheck(WebhookSubscriptionSpec, readsWebhooks);
registerNodeReadCheck(WebhookDeliverySpec, readsWebhooks);

const subscription = field(WebhookSubscriptionSpec, 'subscriptionId');

export const webhooksRules: PermissionPart = {
  Community: { webhookSubscriptions: chain(below(MANAGE_ACCESS), below(READ_PERSONS)) },
  WebhookSubscription: {
    ...NODE_FIELDS,
    ...fields(allow, 'url', 'eventTypes', 'description', 'active', 'createdBy', 'secrets', 'deliveries'),
  },
  WebhookSecret: fields(allow, 'createdAt', 'endedAt'),
  WebhookDelivery: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'eventType',
      'body',
      'status',
      'attempts',
      'maxAttempts',
      'nextAttemptAt',
      'deliveredAt',
      'lastStatusCode',
      'attemptLog',
    ),
  },
  WebhookAttempt: fields(allow, 'attemptedAt', 'statusCode', 'error', 'durationMs'),
  CreateWebhookSubscriptionPayload: fields(allow, 'subscription', 'secret', 'userErrors'),
  RotateWebhookSecretPayload: fields(allow, 'subscription', 'secret', 'userErrors'),
  ...payload('FinishWebhookSecretRotationPayload', 'subscription'),
  ...payload('UpdateWebhookSubscriptionPayload', 'subscription'),
  ...payload('RedeliverWebhookDeliveryPayload', 'delivery'),
  Mutation: {
    createWebhookSubscription: managesWebhooks('createWebhookSubscription', field(CommunitySpec, 'communityId')),
    updateWebhookSubscription: managesWebhooks('updateWebhookSubscription', subscription),
    rotateWebhookSecret: managesWebhooks('rotateWebhookSecret', subscription),
    finishWebhookSecretRotation: managesWebhooks('finishWebhookSecretRotation', subscription),
    redeliverWebhookDelivery: managesWebhooks('redeliverWebhookDelivery', field(WebhookDeliverySpec, 'deliveryId')),
  },
};
