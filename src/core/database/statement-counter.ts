import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { RequestTrace } from '../observability/tracing';

/*
 * Counts the SQL statements each request sends, for tests (no N+1) and diagnostics. Every request
 * runs in one transaction on one pooled connection, and knex tags every query event with its
 * connection's id; counting by that id needs no AsyncLocalStorage, whose promise hooks would tax
 * every promise of every request on Node 20.
 */

export interface StatementTally {
  count: number;
  /**
   * Round trips those statements took (the statements of one turn go in one, core/data/pipeline.ts;
   * the ORM's, one each). A BEGIN or COMMIT riding with a statement adds none.
   */
  roundTrips?: number;
  /** The request's trace, when tracing is on: each statement gets a span under it. */
  trace?: RequestTrace;
  /** Rows the read path has received in this request, and the most it may (QUERY_MAX_ROWS; none outside requests). */
  rows?: number;
  maxRows?: number;
  /** The request went past maxRows: nothing more is sent, and its answer is the limit's refusal. */
  rowsExceeded?: boolean;
}

interface KnexQueryEvent {
  __knexUid?: string;
  __knexQueryUid?: string;
  sql?: string;
}

interface KnexLike {
  on(event: 'query', listener: (query: KnexQueryEvent) => void): unknown;
  on(event: 'query-response', listener: (response: unknown, query: KnexQueryEvent) => void): unknown;
  on(event: 'query-error', listener: (error: unknown, query: KnexQueryEvent) => void): unknown;
}

interface TransactionLike {
  client: { acquireConnection(): Promise<{ __knexUid?: string }> };
}

export class StatementCounter {
  private readonly tallies = new Map<string, StatementTally>();
  /** Statements of traced requests still running, by knex's query id. */
  private readonly open = new Map<string, { tally: StatementTally; end: (error?: unknown) => void }>();

  constructor(orm: MikroORM) {
    const knex = orm.em.getConnection().getKnex() as unknown as KnexLike;
    knex.on('query', (query) => {
      const tally = query.__knexUid ? this.tallies.get(query.__knexUid) : undefined;
      if (!tally) return;
      tally.count++;
      tally.roundTrips = (tally.roundTrips ?? 0) + 1;
      // A transaction's COMMIT carries no query id (and gets no response event): keyed by its place.
      if (tally.trace)
        this.open.set(query.__knexQueryUid ?? `${query.__knexUid}#${tally.count}`, { tally, end: tally.trace.statement(query.sql ?? '') });
    });
    const close = (query: KnexQueryEvent, error?: unknown) => {
      const open = query.__knexQueryUid ? this.open.get(query.__knexQueryUid) : undefined;
      if (!open) return;
      this.open.delete(query.__knexQueryUid!);
      open.end(error);
    };
    knex.on('query-response', (_response, query) => close(query));
    knex.on('query-error', (error, query) => close(query, error));
  }

  /** Counts the statements of `em`'s open transaction into `tally` until the returned function is called. */
  async track(em: EntityManager, tally: StatementTally): Promise<() => void> {
    const trx = em.getTransactionContext<TransactionLike>();
    const connection = trx ? await trx.client.acquireConnection() : undefined;
    const uid = connection?.__knexUid;
    if (!uid) return () => undefined;
    this.tallies.set(uid, tally);
    return () => {
      this.tallies.delete(uid);
      // Statements knex announces no response to (COMMIT) end with the transaction.
      if (tally.trace)
        for (const [queryUid, open] of this.open)
          if (open.tally === tally) {
            this.open.delete(queryUid);
            open.end();
          }
    };
  }
}
