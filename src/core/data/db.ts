import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { StatementTally } from '../database/statement-counter';
import { ApiError } from '../errors/errors';
import { isStatementTimeout, TIMEOUT_MESSAGE } from '../limits/limit-errors';

/** The part of a pg client the read path uses. */
interface PgClient {
  query<T>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: T[] }>;
}

interface TransactionLike {
  client: { acquireConnection(): Promise<PgClient> };
}

const names = new Map<string, string>();

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
 * SQL on the request's transaction, for the read path: hand-written statements with `$n`
 * parameters, sent as named prepared statements on the transaction's own connection. Rows come back
 * as plain objects: a 1,200-row page would otherwise spend its time building entities nobody
 * changes. Writes go through MikroORM entities in the services, on the same transaction.
 */
export class Db {
  // A transaction is one connection, which runs one statement at a time: loaders of the same level
  // fire together, so their statements are queued here rather than inside the driver.
  private tail: Promise<unknown> = Promise.resolve();
  private connection?: Promise<PgClient>;
  /** A statement ran past the statement timeout: the transaction is aborted and nothing more is sent. */
  timedOut = false;

  constructor(
    readonly em: EntityManager,
    private readonly tally?: StatementTally,
  ) {}

  private client(): Promise<PgClient> {
    if (!this.connection) {
      const trx = this.em.getTransactionContext<TransactionLike>();
      if (!trx) throw new Error('the read path needs the request transaction');
      this.connection = trx.client.acquireConnection();
    }
    return this.connection;
  }

  query<T extends object>(text: string, values: unknown[] = []): Promise<T[]> {
    const run = this.tail.then(async () => {
      if (this.timedOut) throw new ApiError('TIMEOUT', TIMEOUT_MESSAGE);
      const client = await this.client();
      if (this.tally) this.tally.count++;
      try {
        return (await client.query<T>({ name: statementName(text), text, values })).rows;
      } catch (err) {
        if (!isStatementTimeout(err)) throw err;
        this.timedOut = true;
        throw new ApiError('TIMEOUT', TIMEOUT_MESSAGE);
      }
    });
    this.tail = run.catch(() => undefined);
    return run;
  }

  async one<T extends object>(text: string, values: unknown[] = []): Promise<T | undefined> {
    const rows = await this.query<T>(text, values);
    return rows[0];
  }
}
