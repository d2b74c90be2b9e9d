import { defineUserErrors } from '../../core/validation/user-error';

/** The integration module's own reasons for refusing an upsert's item. */
export const IntegrationError = defineUserErrors({
  UNKNOWN_EXTERNAL_ID: 'An external ID names no object of that kind in the community and source system (upsert the parent first).',
});
