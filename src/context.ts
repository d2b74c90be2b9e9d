import type { EntityManager } from '@mikro-orm/postgresql';
import { Db } from './core/data/db';
import { Loaders } from './core/data/loaders';
import type { StatementTally } from './core/database/statement-counter';
import type { Logger } from './core/logger';

/** Who is calling. Anonymous until authentication arrives; services take it from the context. */
export type Principal = { kind: 'anonymous' };

/**
 * Everything a request needs, created per request and never shared: the caller, an EntityManager
 * fork bound to the request's transaction, the SQL runner on that transaction, and the loaders.
 * Every service method takes it first.
 */
export interface RequestContext {
  requestId: string;
  principal: Principal;
  em: EntityManager;
  db: Db;
  loaders: Loaders;
  logger: Logger;
  tally: StatementTally;
}

export function createRequestContext(input: {
  requestId: string;
  em: EntityManager;
  logger: Logger;
  tally: StatementTally;
  principal?: Principal;
}): RequestContext {
  const db = new Db(input.em, input.tally);
  return {
    requestId: input.requestId,
    principal: input.principal ?? { kind: 'anonymous' },
    em: input.em,
    db,
    loaders: new Loaders(db),
    logger: input.logger,
    tally: input.tally,
  };
}
