import type { Principal } from '../auth/principal';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';

/*
 * One access-log line and one metrics observation per GraphQL request (and printable page). What a
 * request did is gathered into its outcome while it runs (the request plugin fills it in) and
 * written once the answer has gone. The line carries ids, names of operations and codes only: never
 * variables, answers, logins or anything personal.
 */

export interface RequestOutcome {
  requestId?: string;
  clientRequestId?: string;
  principal?: Principal;
  operationName?: string;
  operationType?: string;
  /** extensions.code of every error in the answer, in order. */
  errorCodes: string[];
  /** The codes of userErrors in a mutation's payloads. */
  userErrorCodes: string[];
  /** The actual query cost charged (extensions.cost.actualQueryCost). */
  cost?: number;
  throttledBy?: string;
  timedOut: boolean;
}

export function newOutcome(): RequestOutcome {
  return { errorCodes: [], userErrorCodes: [], timedOut: false };
}

/** A principal as the log names it: its kind and id, never its login or name. */
export function principalLabel(principal: Principal | undefined): string {
  switch (principal?.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'service':
      return `service:${principal.serviceAccountId}/key:${principal.apiKeyId}`;
    default:
      return 'anonymous';
  }
}

/** The communities a principal reaches: "all" (platform-wide), one id, or the first few. */
function communityLabel(principal: Principal | undefined): string | number | number[] | undefined {
  if (!principal) return undefined;
  if (principal.allCommunities) return 'all';
  const ids = [...principal.communityIds];
  if (ids.length === 0) return undefined;
  if (ids.length === 1) return ids[0];
  return ids.slice(0, 5);
}

export interface FinishedRequest {
  method: string;
  route: string;
  status: number;
  durationSeconds: number;
  statements: number;
}

export function recordRequest(logger: Logger, metrics: Metrics, outcome: RequestOutcome, finished: FinishedRequest): void {
  metrics.observe({
    operation: outcome.operationName,
    type: outcome.operationType,
    durationSeconds: finished.durationSeconds,
    errorCodes: [...outcome.errorCodes, ...outcome.userErrorCodes.map((c) => `user:${c}`)],
    throttledBy: outcome.throttledBy,
    timedOut: outcome.timedOut,
  });
  logger.info('request', {
    requestId: outcome.requestId,
    clientRequestId: outcome.clientRequestId,
    method: finished.method,
    route: finished.route,
    status: finished.status,
    principal: principalLabel(outcome.principal),
    community: communityLabel(outcome.principal),
    operation: outcome.operationName ?? null,
    type: outcome.operationType ?? null,
    durationMs: Math.round(finished.durationSeconds * 10_000) / 10,
    cost: outcome.cost ?? null,
    statements: finished.statements,
    errors: outcome.errorCodes,
    userErrors: outcome.userErrorCodes,
  });
}
