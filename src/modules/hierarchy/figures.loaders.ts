import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';

/*
 * Counts over resident rows (households, party memberships) shown on organization objects. They
 * come from SQL functions that count across the resident row lock for communities and compounds
 * the caller can already see, so a district officer sees how many households a compound has
 * without any household row reaching the application (see the resident_rows migration).
 */

export interface CommunityFigures {
  households: number;
  partyMembers: number;
}

export function communityFigures(ctx: RequestContext): DataLoader<number, CommunityFigures> {
  return ctx.loaders.custom<number, CommunityFigures>('communityFigures', async (db, ids) => {
    const rows = await db.query<{ k: number; households: number; partyMembers: number }>(
      'select community_id as "k", households, party_members as "partyMembers" from lianxin_community_figures($1::int[])',
      [ids],
    );
    const byKey = new Map(rows.map((r) => [r.k, r]));
    return ids.map((id) => byKey.get(id) ?? { households: 0, partyMembers: 0 });
  });
}

export function compoundHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return ctx.loaders.custom<number, number>('compoundHouseholds', async (db, ids) => {
    const rows = await db.query<{ k: number; n: number }>('select compound_id as "k", households as "n" from lianxin_compound_figures($1::int[])', [ids]);
    const byKey = new Map(rows.map((r) => [r.k, r.n]));
    return ids.map((id) => byKey.get(id) ?? 0);
  });
}
