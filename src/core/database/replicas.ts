import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { ReplicaConfig } from '../../config';
import type { StaleReads } from '../graphql/stale-reads';
import type { Logger } from '../logger';

/*
 * The API's read replicas (docs/operations.md, "Read replicas"), through MikroORM's replica
 * support: `replicas` in the ORM options gives each replica a pool, `getConnection('read')` picks
 * one. This class decides whether a replica may be read now and opens the read-only transaction
 * on it; RequestSession decides whether the request may read one at all (a stale-tolerant query
 * whose principal has not written lately) and begins the transaction there as on the primary.
 *
 * Lag is measured, not assumed, at most once per REPLICA_LAG_CHECK_MS per instance and replica
 * (requests arriving meanwhile share the measurement): the primary's current WAL position first,
 * then on the replica whether it has replayed that far. Caught up is no lag, whatever the time
 * since the primary last wrote; behind, the lag is the time since the replica last replayed a
 * transaction (an overestimate when the primary had been idle, so it errs towards the primary).
 * A replica that does not answer, is not in recovery (promoted, or a primary named by mistake) or
 * logs in as a role that bypasses row-level security is not read.
 */

const PROBE_TIMEOUT_MS = 1_000;

type ReadConnection = ReturnType<EntityManager['getConnection']>;
type Transaction = Awaited<ReturnType<ReadConnection['begin']>>;

interface LagState {
  /** Milliseconds behind the primary; Infinity when the replica may not be read. */
  lagMs: number;
  measuredAt: number;
  measuring?: Promise<void>;
}

interface Probe {
  recovery: boolean;
  caught_up: boolean | null;
  since_replay_ms: number | null;
  privileged: boolean | null;
}

export interface ReplicaTransaction {
  em: EntityManager;
  close(): Promise<void>;
}

export class ReadReplicas {
  private readonly states = new Map<ReadConnection, LagState>();
  private readonly warned = new Map<ReadConnection, string>();

  constructor(
    private readonly orm: MikroORM,
    readonly config: ReplicaConfig,
    private readonly logger: Logger,
    /** Which operations may read a replica at all. */
    readonly staleReads: StaleReads,
  ) {}

  get enabled(): boolean {
    return this.config.urls.length > 0;
  }

  /** The lag last measured on each replica this instance has read (diagnostics, tests). */
  lags(): number[] {
    return [...this.states.values()].map((s) => s.lagMs);
  }

  /**
   * A read-only transaction on a replica close enough to the primary, or null (no replica, too far
   * behind, not answering): the caller reads the primary then.
   */
  async begin(): Promise<ReplicaTransaction | null> {
    if (!this.enabled) return null;
    const connection = this.orm.em.getConnection('read');
    if ((await this.lagOf(connection)) > this.config.maxLagMs) return null;
    let trx: Transaction;
    try {
      // One snapshot for the whole request: a report's statements agree with each other.
      trx = await connection.begin({ readOnly: true, isolationLevel: IsolationLevel.REPEATABLE_READ });
    } catch (err) {
      this.unusable(connection, `could not begin a transaction: ${(err as Error).message}`);
      return null;
    }
    const em = this.orm.em.fork({ clear: true, useContext: false });
    em.setTransactionContext(trx);
    let closed = false;
    return {
      em,
      close: async () => {
        if (closed) return;
        closed = true;
        em.resetTransactionContext();
        // Read-only: nothing to keep. Rolling back also ends a transaction a statement aborted.
        await connection.rollback(trx).catch(() => undefined);
      },
    };
  }

  private async lagOf(connection: ReadConnection): Promise<number> {
    let state = this.states.get(connection);
    if (!state) {
      state = { lagMs: Infinity, measuredAt: 0 };
      this.states.set(connection, state);
    }
    if (Date.now() - state.measuredAt >= this.config.lagCheckMs) {
      const s = state;
      s.measuring ??= this.measure(connection)
        .then((lag) => {
          s.lagMs = lag;
        })
        .finally(() => {
          s.measuredAt = Date.now();
          s.measuring = undefined;
        });
      await s.measuring;
    }
    return state.lagMs;
  }

  private async measure(connection: ReadConnection): Promise<number> {
    // A replica that cannot be reached must not hold requests for the pool's connect timeout.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(
        () => resolve(this.unusable(connection, `the lag check took longer than ${PROBE_TIMEOUT_MS} ms`)),
        PROBE_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([this.probe(connection), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async probe(connection: ReadConnection): Promise<number> {
    try {
      const [primary] = await this.orm.em
        .getConnection('write')
        .execute<Array<{ lsn: string }>>('select pg_current_wal_lsn()::text as lsn');
      const [probe] = await connection.execute<Probe[]>(
        `select pg_is_in_recovery() as recovery,
                pg_last_wal_replay_lsn() >= ?::pg_lsn as caught_up,
                (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::float8 as since_replay_ms,
                (select rolsuper or rolbypassrls from pg_roles where rolname = current_user) as privileged`,
        [primary.lsn],
      );
      if (probe.privileged) return this.unusable(connection, 'its login bypasses row-level security; connect as lianxin_app');
      if (!probe.recovery) return this.unusable(connection, 'it is not a replica (not in recovery)');
      this.warned.delete(connection);
      if (probe.caught_up) return 0;
      return Math.max(0, probe.since_replay_ms ?? Infinity);
    } catch (err) {
      return this.unusable(connection, `the lag check failed: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  /** Logs why a replica is not read (once per reason, not per request) and marks it so. */
  private unusable(connection: ReadConnection, reason: string): number {
    if (this.warned.get(connection) !== reason) {
      this.warned.set(connection, reason);
      this.logger.warn('read replica not used', { replica: connection.getConnectionOptions().host ?? 'replica', reason });
    }
    const state = this.states.get(connection);
    if (state) {
      state.lagMs = Infinity;
      state.measuredAt = Date.now();
    }
    return Infinity;
  }
}
