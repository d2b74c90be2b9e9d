import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

/*
 * Counts the SQL statements each request sends, for tests (no N+1) and diagnostics. Every request
 * runs in one transaction on one pooled connection, and knex tags every query event with its
 * connection's id; counting by that id needs no AsyncLocalStorage, whose promise hooks would tax
 * every promise of every request on Node 20.
 */

export interface StatementTally {
  count: number;
}

interface KnexQueryEvent {
  __knexUid?: string;
}

interface KnexLike {
  on(event: 'query', listener: (query: KnexQueryEvent) => void): unknown;
}

interface TransactionLike {
  client: { acquireConnection(): Promise<{ __knexUid?: string }> };
}

export class StatementCounter {
  private readonly tallies = new Map<string, StatementTally>();

  constructor(orm: MikroORM) {
    const knex = orm.em.getConnection().getKnex() as unknown as KnexLike;
    knex.on('query', (query) => {
      const tally = query.__knexUid ? this.tallies.get(query.__knexUid) : undefined;
      if (tally) tally.count++;
    });
  }

  /** Counts the statements of `em`'s open transaction into `tally` until the returned function is called. */
  async track(em: EntityManager, tally: StatementTally): Promise<() => void> {
    const trx = em.getTransactionContext<TransactionLike>();
    const connection = trx ? await trx.client.acquireConnection() : undefined;
    const uid = connection?.__knexUid;
    if (!uid) return () => undefined;
    this.tallies.set(uid, tally);
    return () => this.tallies.delete(uid);
  }
}
