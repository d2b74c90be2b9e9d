import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';

/**
 * A per-request loader of a number per key (a count shown on an object) from one statement over all
 * the keys of a request level: `statement` takes the keys as `$1` (int[]) and answers rows
 * `{ k, n }`, typically from a SQL function keyed by ids that counts under the caller's policy. A key
 * without a row counts 0. `name` keys the loader within the request: one per statement.
 */
export function keyedCounts(ctx: RequestContext, name: string, statement: string): DataLoader<number, number> {
  return ctx.loaders.custom<number, number>(name, async (db, ids) => {
    const rows = await db.query<{ k: number; n: number }>(statement, [ids]);
    const byKey = new Map(rows.map((r) => [r.k, r.n]));
    return ids.map((id) => byKey.get(id) ?? 0);
  });
}
