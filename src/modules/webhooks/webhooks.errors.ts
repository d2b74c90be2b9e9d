import { defineUserErrors } from '../../core/validation/user-error';

/** Why the webhooks module refuses an input (beyond the core's codes). */
export const WebhookError = defineUserErrors({
  URL_NOT_ALLOWED:
    'The webhook URL is not http(s), or its host resolves to a loopback, link-local or private address (allowed only by WEBHOOK_ALLOW_PRIVATE_URLS).',
  TOO_MANY_SECRETS: 'Two secrets are already active: finish the rotation (finishWebhookSecretRotation) before starting another.',
});
