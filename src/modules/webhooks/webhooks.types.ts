import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateTimeScalar } from '../../core/graphql/scalars';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Not yet accepted by the receiver: its next try is scheduled (nextAttemptAt).' },
    DELIVERED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Every try failed (or the webhook was switched off); redeliverWebhookDelivery tries again.' },
  },
});

@ObjectType('WebhookSubscription', {
  implements: Node,
  simpleResolvers: true,
  description: 'A webhook of a community: the URL its changes are POSTed to, signed (docs/integration.md).',
})
export class WebhookSubscriptionType extends NodeFields {
  @Field({ description: 'Where deliveries are POSTed (http or https).' })
  url!: string;

  @Field(() => [String], { description: 'The kinds of change sent: `household.updated`, `person.*`, `*`.' })
  eventTypes!: string[];

  @Field(() => String, { nullable: true, description: 'What the webhook is for.' })
  description!: string | null;

  @Field({ description: 'Switched off, it gets nothing (switched on again, it carries on from then).' })
  active!: boolean;

  @Field({ description: 'Who made it.' })
  createdBy!: string;
}

@ObjectType('WebhookSecret', { simpleResolvers: true, description: 'A signing secret of a webhook (never shown after it was made).' })
export class WebhookSecretType {
  @Field(() => DateTimeScalar, { description: 'When it was made.' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When a finished rotation ended it; null while it signs.' })
  endedAt!: string | null;
}

@ObjectType('WebhookDelivery', { implements: Node, simpleResolvers: true, description: 'One change on its way to one webhook.' })
export class WebhookDeliveryType extends NodeFields {
  @Field({ description: 'e.g. household.updated.' })
  eventType!: string;

  @Field({ description: 'The JSON body sent (names of changed fields, never values).' })
  body!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Pending, delivered or failed.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Tries so far.' })
  attempts!: number;

  @Field(() => Int, { description: 'Tries allowed before it fails (8, and 8 more per manual redelivery).' })
  maxAttempts!: number;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it is tried next; null unless pending.' })
  nextAttemptAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: string | null;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status at the last try; null when it could not be reached." })
  lastStatusCode!: number | null;
}

@ObjectType('WebhookAttempt', { simpleResolvers: true, description: 'One try of a delivery.' })
export class WebhookAttemptType {
  @Field(() => DateTimeScalar, { description: 'When it was tried.' })
  attemptedAt!: string;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when it could not be reached." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why it failed (the status, a timeout, a refused address); null when delivered.' })
  error!: string | null;

  @Field(() => Int, { description: 'How long the receiver took, in milliseconds.' })
  durationMs!: number;
}
