import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';
import { keyedCounts } from '../../core/data/keyed-counts';

/*
 * Party-member counts shown on organization objects. They come from a SQL function that counts
 * across the resident row lock for communities the caller can already see, so a district officer
 * sees how many members a community has without any membership row reaching the application.
 */
export function communityPartyMemberCounts(ctx: RequestContext): DataLoader<number, number> {
  return keyedCounts(
    ctx,
    'communityPartyMembers',
    'select community_id as "k", party_members as "n" from lianxin_community_figures($1::int[])',
  );
}
