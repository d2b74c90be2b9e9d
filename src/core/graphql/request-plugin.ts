import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from '../../context';
import type { Logger } from '../logger';
import { isPublicErrorCode } from '../errors/format-error';
import { isStatementTimeout } from '../limits/limit-errors';

/**
 * Per request: logs internal errors in full with the request id, gives masked errors that id so a
 * user's report can be found in the log, and reports the request id (and, outside production, the
 * number of SQL statements) in `extensions`.
 */
export function requestPlugin(logger: Logger, exposeStatementCount: boolean): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            // A statement timeout is answered as TIMEOUT (the limits plugin), not an internal error.
            if (isPublicErrorCode(error.extensions?.code) || isStatementTimeout(error)) continue;
            const original = error.originalError ?? error;
            logger.error('internal error', {
              requestId: contextValue.requestId,
              path: error.path,
              message: original.message,
              stack: original.stack,
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          result.extensions = {
            ...result.extensions,
            requestId: contextValue.requestId,
            ...(contextValue.clientRequestId ? { clientRequestId: contextValue.clientRequestId } : {}),
            ...(exposeStatementCount ? { sqlStatements: contextValue.tally.count } : {}),
          };
        },
      };
    },
  };
}
