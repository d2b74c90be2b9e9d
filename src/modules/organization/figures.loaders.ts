import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';

/*
 * Party-member counts shown on organization objects. They come from a SQL function that counts
 * across the resident row lock for communities the caller can already see, so a district officer
 * sees how many members a community has without any membership row reaching the application.
 */
export function communityPartyMemberCounts(ctx: RequestContext): DataLoader<number, number> {
  return ctx.loaders.custom<number, number>('communityPartyMembers', async (db, ids) => {
    const rows = await db.query<{ k: number; n: number }>(
      'select community_id as "k", party_members as "n" from lianxin_community_figures($1::int[])',
      [ids],
    );
    const byKey = new Map(rows.map((r) => [r.k, r.n]));
    return ids.map((id) => byKey.get(id) ?? 0);
  });
}
