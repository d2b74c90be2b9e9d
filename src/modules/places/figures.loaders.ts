import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';
import { keyedCounts } from '../../core/data/keyed-counts';

/*
 * Household counts shown on communities and compounds. They come from SQL functions that count
 * across the resident row lock for what the caller can already see, so a district officer sees how
 * many households a compound has without any household row reaching the application.
 */
export function communityHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return keyedCounts(ctx, 'communityHouseholds', 'select community_id as "k", households as "n" from lianxin_community_figures($1::int[])');
}

export function compoundHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return keyedCounts(ctx, 'compoundHouseholds', 'select compound_id as "k", households as "n" from lianxin_compound_figures($1::int[])');
}
