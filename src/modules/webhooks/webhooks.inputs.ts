import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, Text, TextList } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';
import { WebhookDeliveryType, WebhookSubscriptionType } from './webhooks.types';

@InputType({ description: 'Subscribes a URL to kinds of change of a community; the answer shows the signing secret, once.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The community whose changes are sent.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'http(s) URL; loopback, link-local and private addresses only where the deployment allows them.' })
  @Text({ max: 2000 })
  url!: string;

  @Field(() => [String], {
    description: 'Kinds of change: `household.updated`, `person.*` (created, updated, archived, restored, deleted), `*`.',
  })
  @TextList(20, 40)
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What the webhook is for.' })
  @Text({ max: 200, nullable: true })
  description?: string | null;
}

@InputType({ description: 'Changes a webhook: what is left out stays.' })
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID, { description: 'The webhook.' })
  @GlobalId()
  subscriptionId!: string;

  @Field(() => String, { nullable: true, description: 'A new URL (checked as when created).' })
  @Text({ max: 2000, nullable: true })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'New kinds of change.' })
  @TextList(20, 40)
  eventTypes?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new description.' })
  @Text({ max: 200, nullable: true })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Switch it off (nothing is sent) or on again (from now on).' })
  active?: boolean | null;
}

@InputType({ description: 'Starts a secret rotation: a second secret; deliveries are signed with both until the rotation is finished.' })
export class RotateWebhookSecretInput {
  @Field(() => ID, { description: 'The webhook.' })
  @GlobalId()
  subscriptionId!: string;
}

@InputType({ description: 'Finishes a secret rotation: ends every secret but the newest.' })
export class FinishWebhookSecretRotationInput {
  @Field(() => ID, { description: 'The webhook.' })
  @GlobalId()
  subscriptionId!: string;
}

@InputType({ description: 'Sends a delivered or failed delivery again (8 more tries).' })
export class RedeliverWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery.' })
  @GlobalId()
  deliveryId!: string;
}

@ObjectType('WebhookSecretPayload', {
  simpleResolvers: true,
  description: 'A webhook with a new signing secret: the secret is shown here once and never again.',
})
export class WebhookSecretPayload {
  @Field(() => WebhookSubscriptionType, { nullable: true, description: 'The webhook after the mutation; null when refused.' })
  subscription!: unknown;

  @Field(() => String, { nullable: true, description: 'The new signing secret (whsec_…): keep it now, it is not shown again.' })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise nothing was changed.' })
  userErrors!: UserError[];
}

export const WebhookSubscriptionPayload = PayloadType('WebhookSubscriptionPayload', 'subscription', WebhookSubscriptionType);
export const WebhookDeliveryPayload = PayloadType('WebhookDeliveryPayload', 'delivery', WebhookDeliveryType);

@ObjectType('CreateWebhookSubscriptionPayload', {
  simpleResolvers: true,
})
export class CreateWebhookSubscriptionPayload extends WebhookSecretPayload {}

@ObjectType('RotateWebhookSecretPayload', {
  simpleResolvers: true,
})
export class RotateWebhookSecretPayload extends WebhookSecretPayload {}

@ObjectType('FinishWebhookSecretRotationPayload', {
  simpleResolvers: true,
})
export class FinishWebhookSecretRotationPayload extends WebhookSubscriptionPayload {}

@ObjectType('UpdateWebhookSubscriptionPayload', {
  simpleResolvers: true,
})
export class UpdateWebhookSubscriptionPayload extends WebhookSubscriptionPayload {}

@ObjectType('RedeliverWebhookDeliveryPayload', {
  simpleResolvers: true,
})
export class RedeliverWebhookDeliveryPayload extends WebhookDeliveryPayload {}
