import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Counts the SQL statements a request sends (BEGIN/COMMIT excluded). MikroORM calls `onQuery` for
 * every data statement, inside the caller's async context, so the count lands on the right request
 * without passing anything around. Tests use it to prove reads are batched (no N+1).
 */
export interface StatementTally {
  count: number;
}

export const statementScope = new AsyncLocalStorage<StatementTally>();

export function countStatement(sql: string): string {
  const tally = statementScope.getStore();
  if (tally) tally.count++;
  return sql;
}
