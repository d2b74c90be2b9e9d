import { defineModule } from '../../core/module';
import { WebhookAttempt } from './webhook-attempt.entity';
import { WebhookDelivery } from './webhook-delivery.entity';
import { WebhookSecret } from './webhook-secret.entity';
import { WebhookSubscription } from './webhook-subscription.entity';
import { WebhookError } from './webhooks.errors';
import { CommunityWebhooksResolver, WebhookDeliveryResolver, WebhookSubscriptionResolver } from './webhooks.resolver';
import { webhooksRules } from './webhooks.rules';
import { deliverJob, dispatchJob } from './webhooks.service';

/** Webhooks: a community's changes POSTed, signed, to the URLs its admin subscribes, by the platform's job queue. */
export const webhooksModule = defineModule({
  name: 'webhooks',
  entities: [WebhookSubscription, WebhookSecret, WebhookDelivery, WebhookAttempt],
  resolvers: [CommunityWebhooksResolver, WebhookSubscriptionResolver, WebhookDeliveryResolver],
  permissions: webhooksRules,
  userErrors: WebhookError,
  jobs: [dispatchJob, deliverJob],
});
