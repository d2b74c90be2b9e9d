import type { EntityManager } from '@mikro-orm/postgresql';
import { systemClock, type Clock } from './core/clock';
import { ANONYMOUS, type Principal } from './core/auth/principal';
import type { TokenService } from './core/auth/tokens';
import { bindDb, Db } from './core/data/db';
import { Loaders } from './core/data/loaders';
import type { StatementTally } from './core/database/statement-counter';
import type { RequestSession } from './core/limits/request-session';
import type { LiveListener } from './core/live/listener';
import type { Locale } from './core/i18n/locale';
import type { Logger } from './core/logger';
import type { RequestOutcome } from './core/observability/access-log';
import type { IntegrationConfig } from './config';
import type { ComputedCache } from './core/data/computed-cache';

export type { Principal } from './core/auth/principal';

/**
 * Everything a request needs, created per request and never shared: the caller (authenticated at
 * the start of the request transaction, which opens once the query has passed its limits), an
 * EntityManager fork bound to that transaction, the SQL runner on it, and the loaders. Every
 * service method takes it first.
 */
export interface RequestContext {
  /** The server's id of this request (in the log, the audit log and `extensions.requestId`). */
  requestId: string;
  /** The id the client sent as `x-request-id`, kept beside ours. */
  clientRequestId?: string;
  principal: Principal;
  em: EntityManager;
  db: Db;
  loaders: Loaders;
  logger: Logger;
  tally: StatementTally;
  tokens: TokenService;
  /** The request's clock: services read the time from it, never from the system (tests set it). */
  clock: Clock;
  /** The mutation being run (for the audit log). */
  action?: string;
  /** The request's limits and its time on the database (absent outside HTTP requests). */
  session?: RequestSession;
  /** What the request did, for its access-log line and metrics (absent outside HTTP requests). */
  outcome?: RequestOutcome;
  /** The smallest count of households or persons shown to officers above communities (configuration). */
  minCell: number;
  /** This instance's cache of the figures' tallies (HTTP requests only; elsewhere they are computed). */
  figuresCache?: ComputedCache;
  /** The change feed's retention and where webhooks may deliver (configuration). */
  integration: IntegrationConfig;
  /** This instance's live events (set for subscriptions over WebSocket only). */
  live?: LiveListener;
  /** The language of messages (from Accept-Language; English unless the caller asks for Chinese). */
  locale: Locale;
}

const DEFAULT_INTEGRATION: IntegrationConfig = { feedRetentionDays: 30, webhookAllowPrivateUrls: false };

export function createRequestContext(input: {
  requestId: string;
  clientRequestId?: string;
  em: EntityManager;
  logger: Logger;
  tally: StatementTally;
  tokens: TokenService;
  principal?: Principal;
  clock?: Clock;
  minCell?: number;
  figuresCache?: ComputedCache;
  integration?: IntegrationConfig;
  locale?: Locale;
}): RequestContext {
  const db = bindDb(input.em, new Db(input.em, input.tally));
  return {
    requestId: input.requestId,
    clientRequestId: input.clientRequestId,
    principal: input.principal ?? ANONYMOUS,
    em: input.em,
    db,
    loaders: new Loaders(db),
    logger: input.logger,
    tally: input.tally,
    tokens: input.tokens,
    clock: input.clock ?? systemClock,
    minCell: input.minCell ?? 3,
    figuresCache: input.figuresCache,
    integration: input.integration ?? DEFAULT_INTEGRATION,
    locale: input.locale ?? 'en',
  };
}
