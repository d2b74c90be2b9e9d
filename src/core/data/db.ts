import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * SQL on the request's connection and transaction. The read path uses hand-written SQL returning
 * plain rows (no entity hydration: a 1,200-row page would otherwise spend its time building
 * entities nobody modifies); writes go through MikroORM entities in the services.
 * Parameters are `?` placeholders; an array parameter expands to a comma list, so write
 * `in (?)` or `array[?]::int[]`.
 */
export class Db {
  // A transaction is one connection, which runs one statement at a time: loaders of the same level
  // fire together, so their statements are queued here rather than inside the driver.
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly em: EntityManager) {}

  query<T extends object>(sql: string, params: unknown[] = []): Promise<T[]> {
    const run = this.tail.then(() => this.em.execute<T[]>(sql, params, 'all'));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async one<T extends object>(sql: string, params: unknown[] = []): Promise<T | undefined> {
    const rows = await this.query<T>(sql, params);
    return rows[0];
  }
}
