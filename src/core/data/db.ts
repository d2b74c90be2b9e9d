import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatementTally } from '../database/statement-counter';
import { ApiError } from '../errors/errors';
import { isStatementTimeout, TIMEOUT_MESSAGE } from '../limits/limit-errors';
import { runPipelined, type PipelineOutcome, type SubmittingClient } from './pipeline';

interface TransactionLike {
  client: { acquireConnection(): Promise<SubmittingClient> };
}

const names = new Map<string, string>();

function ended(): Error {
  return new Error('the request has ended: a statement made after it is not sent');
}

/** A stable prepared-statement name per SQL text: PostgreSQL parses and plans it once per connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `lx_${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * An array of integers as PostgreSQL's array literal, written once: the driver would quote and
 * regex-escape every element (`{"1","2"}`), and a level of a walk sends hundreds of parent keys.
 * PostgreSQL reads `{1,2}` the same way for any numeric or text array type. Other values are left
 * to the driver.
 */
function withIntArrays(values: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (!Array.isArray(value) || value.length === 0 || !value.every(Number.isSafeInteger)) continue;
    out ??= values.slice();
    out[i] = `{${value.join(',')}}`;
  }
  return out ?? values;
}

/**
 * SQL on the request's transaction, for the read path: hand-written statements with `$n`
 * parameters, sent as named prepared statements on the transaction's own connection. Rows come back
 * as plain objects: a 1,200-row page would otherwise spend its time building entities nobody
 * changes. Writes go through MikroORM entities in the services, on the same transaction; the few
 * set-based writes through `auditedWrite`, with the same `$n` style (MikroORM's `em.execute` and
 * its `?` placeholders are not used, so SQL is written one way).
 */
interface Pending {
  text: string;
  values: unknown[];
  perCall: boolean;
  resolve(rows: object[]): void;
  reject(err: unknown): void;
}

export class Db {
  // A transaction is one connection, which runs one statement at a time. The loaders of one level
  // fire together: their statements are gathered until the event loop's turn ends and sent in one
  // round trip (pipeline.ts), each answered as if sent alone; statements made while a round trip
  // is out wait for it.
  private pending: Pending[] = [];
  private draining = false;
  private drained?: Promise<void>;
  private closed = false;
  private connection?: Promise<SubmittingClient>;
  /** A statement ran past the statement timeout: the transaction is aborted and nothing more is sent. */
  timedOut = false;

  constructor(
    readonly em: EntityManager,
    private readonly tally?: StatementTally,
    /** The request's runner, when this one serves a mutation's savepoint: a timeout there is the request's. */
    private readonly parent?: Db,
  ) {}

  private client(): Promise<SubmittingClient> {
    if (!this.connection) {
      const trx = this.em.getTransactionContext<TransactionLike>();
      if (!trx) throw new Error('the read path needs the request transaction');
      this.connection = trx.client.acquireConnection();
    }
    return this.connection;
  }

  /**
   * `planned: 'per-call'` sends the statement unnamed, so PostgreSQL plans it for the values at hand
   * each time. For statements keyed by an array of hundreds of values (a bulk upsert's lookups): the
   * generic plan a named statement switches to after five runs cannot see the array's size and
   * chose a scan that made a 1,000-item lookup 100 times slower.
   */
  query<T extends object>(text: string, values: unknown[] = [], options: { planned?: 'per-call' } = {}): Promise<T[]> {
    if (this.closed) return Promise.reject(ended());
    return new Promise<T[]>((resolve, reject) => {
      this.pending.push({ text, values, perCall: options.planned === 'per-call', resolve: resolve as (rows: object[]) => void, reject });
      if (!this.draining) {
        this.draining = true;
        this.drained = this.drain();
      }
    });
  }

  /**
   * Sends what is waiting and waits for every answer. A mutation settles its savepoint's runner
   * before the savepoint is released or rolled back: a statement its work made in the same turn as
   * a refusal is sent inside the savepoint, as it was when statements went out at once.
   */
  async settle(): Promise<void> {
    while (this.draining) await this.drained;
  }

  /**
   * The request is ending (its transaction commits or rolls back next): what is still waiting is
   * refused, and so is anything asked later (a resolver the answer no longer waits for), rather
   * than sent after COMMIT, outside the transaction and its row-level-security grant.
   */
  close(): void {
    this.closed = true;
    const left = this.pending;
    this.pending = [];
    for (const p of left) p.reject(ended());
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        // The rest of this level: loaders that resolve in the same turn add their statements first.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const batch = this.pending;
        this.pending = [];
        if (batch.length > 0) await this.send(batch);
      }
    } finally {
      this.draining = false;
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    if (this.closed || this.timedOut) {
      for (const p of batch) p.reject(this.closed ? ended() : new ApiError('TIMEOUT', TIMEOUT_MESSAGE));
      return;
    }
    if (this.tally?.rowsExceeded) {
      for (const p of batch) p.reject(tooManyRows(this.tally));
      return;
    }
    let answered = 0;
    try {
      const client = await this.client();
      if (this.tally) {
        this.tally.count += batch.length;
        this.tally.roundTrips = (this.tally.roundTrips ?? 0) + 1;
      }
      const traced = batch.map((p) => this.tally?.trace?.statement(p.text));
      const statements = batch.map((p) => ({
        name: p.perCall ? undefined : statementName(p.text),
        text: p.text,
        values: withIntArrays(p.values),
      }));
      // A lone statement goes the same way: one Parse/Bind/Describe/Execute and its Sync, as the
      // driver would send it, with rows built as the batch's are (row-builder.ts).
      const outcomes: PipelineOutcome[] = await runPipelined(client, statements);
      for (; answered < batch.length; answered++) {
        const outcome = outcomes[answered] ?? { error: new Error('no answer came for this statement') };
        if ('rows' in outcome) {
          traced[answered]?.();
          if (this.tally?.maxRows !== undefined && (this.tally.rows = (this.tally.rows ?? 0) + outcome.rows.length) > this.tally.maxRows) {
            this.tally.rowsExceeded = true;
            batch[answered].reject(tooManyRows(this.tally));
            continue;
          }
          batch[answered].resolve(outcome.rows);
          continue;
        }
        const err = outcome.error;
        traced[answered]?.(err);
        if (isStatementTimeout(err)) {
          this.timedOut = true;
          if (this.parent) this.parent.timedOut = true;
        }
        // After a timeout the transaction is aborted: what was sent with it fails the same way.
        batch[answered].reject(this.timedOut ? new ApiError('TIMEOUT', TIMEOUT_MESSAGE) : err);
      }
    } catch (err) {
      // Whatever went wrong here, no caller is left waiting.
      for (; answered < batch.length; answered++) batch[answered].reject(err);
    }
  }

  /**
   * The transaction's last statement, sent with its COMMIT in one round trip (transaction-edges.ts):
   * what was asked before goes first, anything asked after is refused. Throws the statement's error
   * (PostgreSQL then skipped the COMMIT: the transaction is to be rolled back) or the COMMIT's (the
   * transaction is over, nothing of it kept). Only for the very end of a request: the caller
   * commits next, and nothing else may run in between.
   */
  async commitWith<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    if (this.closed) throw ended();
    await this.settle();
    if (this.closed) throw ended();
    if (this.timedOut) throw new ApiError('TIMEOUT', TIMEOUT_MESSAGE);
    this.closed = true;
    const left = this.pending;
    this.pending = [];
    for (const p of left) p.reject(ended());
    const client = await this.client();
    if (this.tally) {
      this.tally.count += 1;
      this.tally.roundTrips = (this.tally.roundTrips ?? 0) + 1;
    }
    const traced = this.tally?.trace?.statement(text);
    const [outcome, committed] = await runPipelined(client, [{ name: statementName(text), text, values: withIntArrays(values) }], {
      commit: true,
    });
    if (committed && 'rows' in committed) {
      // Kept, whatever the client made of the statement's rows.
      traced?.(outcome && 'error' in outcome ? outcome.error : undefined);
      return outcome && 'rows' in outcome ? (outcome.rows as T[]) : [];
    }
    const err = outcome && 'error' in outcome ? outcome.error : (committed?.error ?? new Error('no answer came for the commit'));
    traced?.(err);
    if (isStatementTimeout(err)) {
      this.timedOut = true;
      if (this.parent) this.parent.timedOut = true;
      throw new ApiError('TIMEOUT', TIMEOUT_MESSAGE);
    }
    throw err;
  }

  async one<T extends object>(text: string, values: unknown[] = []): Promise<T | undefined> {
    const rows = await this.query<T>(text, values);
    return rows[0];
  }
}

/**
 * A request past QUERY_MAX_ROWS (a walk of many aliases or nested full pages): the rows it has read
 * are already in memory, and what it would still read is refused. The limits plugin answers the
 * whole request with this error and rolls it back.
 */
export const ROWS_MESSAGE = (maximum: number) =>
  `The request read more than ${maximum} rows and was stopped; nothing it did was kept. Ask for less: smaller pages, fewer aliases or levels.`;

function tooManyRows(tally: StatementTally): ApiError {
  return new ApiError('BAD_USER_INPUT', ROWS_MESSAGE(tally.maxRows ?? 0), { limit: 'rows', maximum: tally.maxRows });
}

const byEm = new WeakMap<EntityManager, Db>();

/** Makes `db` the SQL runner of `em` (the request's manager, and each mutation's fork of it). */
export function bindDb(em: EntityManager, db: Db): Db {
  byEm.set(em, db);
  return db;
}

/**
 * The SQL runner on `em`'s transaction, counting into the request's tally. Services that hold only
 * the entity manager of their mutation reach SQL through this; an unbound manager is a bug (SQL
 * outside any request transaction would run outside row-level security's grant).
 */
export function dbOf(em: EntityManager): Db {
  const db = byEm.get(em);
  if (!db) throw new Error('this entity manager has no request transaction bound to it');
  return db;
}
