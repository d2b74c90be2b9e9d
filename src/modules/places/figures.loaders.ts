import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';

/*
 * Household counts shown on communities and compounds. They come from SQL functions that count
 * across the resident row lock for what the caller can already see, so a district officer sees how
 * many households a compound has without any household row reaching the application.
 */
export function communityHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return ctx.loaders.custom<number, number>('communityHouseholds', async (db, ids) => {
    const rows = await db.query<{ k: number; n: number }>(
      'select community_id as "k", households as "n" from lianxin_community_figures($1::int[])',
      [ids],
    );
    const byKey = new Map(rows.map((r) => [r.k, r.n]));
    return ids.map((id) => byKey.get(id) ?? 0);
  });
}

export function compoundHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return ctx.loaders.custom<number, number>('compoundHouseholds', async (db, ids) => {
    const rows = await db.query<{ k: number; n: number }>(
      'select compound_id as "k", households as "n" from lianxin_compound_figures($1::int[])',
      [ids],
    );
    const byKey = new Map(rows.map((r) => [r.k, r.n]));
    return ids.map((id) => byKey.get(id) ?? 0);
  });
}
