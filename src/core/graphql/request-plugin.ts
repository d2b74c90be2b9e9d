import type { ApolloServerPlugin } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import type { RequestOutcome } from '../observability/access-log';
import type { RequestContext } from '../../context';
import type { Logger } from '../logger';
import { isPublicErrorCode } from '../errors/format-error';
import { isDatabaseUnavailable } from '../errors/unavailable';
import { isStatementTimeout } from '../limits/limit-errors';

/** The codes an answer carries (errors, and userErrors of top-level payloads) and its cost, for the access log. */
function noteAnswer(outcome: RequestOutcome, result: FormattedExecutionResult): void {
  for (const error of result.errors ?? []) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN';
    outcome.errorCodes.push(code);
    if (code === 'THROTTLED') outcome.throttledBy = typeof error.extensions?.limit === 'string' ? error.extensions.limit : 'unknown';
  }
  for (const payload of Object.values(result.data ?? {})) {
    const userErrors = (payload as { userErrors?: Array<{ code?: unknown }> } | null)?.userErrors;
    if (!Array.isArray(userErrors)) continue;
    for (const e of userErrors) if (typeof e?.code === 'string') outcome.userErrorCodes.push(e.code);
  }
  const cost = (result.extensions?.cost as { actualQueryCost?: number } | undefined)?.actualQueryCost;
  if (typeof cost === 'number') outcome.cost = cost;
}

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
            if (isDatabaseUnavailable(error)) {
              logger.warn('database unavailable', { requestId: contextValue.requestId, path: error.path, message: original.message });
              continue;
            }
            logger.error('internal error', {
              requestId: contextValue.requestId,
              path: error.path,
              message: original.message,
              stack: original.stack,
            });
          }
        },
        async willSendResponse({ response, contextValue, operationName, operation }) {
          const outcome = contextValue.outcome;
          if (outcome) {
            outcome.operationName = operationName ?? undefined;
            outcome.operationType = operation?.operation;
            outcome.principal = contextValue.principal;
            outcome.timedOut = contextValue.session?.timedOut ?? false;
          }
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (outcome) noteAnswer(outcome, result);
          for (const error of result.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') {
              (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
            }
          }
          result.extensions = {
            ...result.extensions,
            requestId: contextValue.requestId,
            ...(contextValue.clientRequestId ? { clientRequestId: contextValue.clientRequestId } : {}),
            ...(exposeStatementCount ? { sqlStatements: contextValue.tally.count, sqlRoundTrips: contextValue.tally.roundTrips ?? 0 } : {}),
            // Diagnostics, beside the count: which server the reads went to (with read replicas only).
            ...(exposeStatementCount && contextValue.session?.replicasEnabled ? { readFrom: contextValue.session.readFrom } : {}),
          };
        },
      };
    },
  };
}
