import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import { errorMessage } from './error-messages';

/**
 * GraphQL errors in the caller's language. formatError sees no request, so the messages are put
 * into Chinese here, once the answer is complete (after formatError, masking included); codes and
 * other extensions are left as they are.
 */
export function localePlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (contextValue.locale !== 'zh' || response.body.kind !== 'single') return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          response.body.singleResult.errors = errors.map((e) => ({
            ...e,
            message: errorMessage('zh', e.extensions?.code, e.message, e.extensions),
          }));
        },
      };
    },
  };
}
