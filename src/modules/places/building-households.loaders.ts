import type DataLoader from 'dataloader';
import type { RequestContext } from '../../context';
import { keyedCounts } from '../../core/data/keyed-counts';

/*
 * A building's active households as `households { totalCount }` counts them, read from the roll-up
 * kept by household's triggers (Migration20261208300000_building_household_counts). Its rows carry
 * the household policy, so the sum a caller sees is the count of the households they may see: the
 * roll-up answers every caller, with no grant of its own. Only for active households (the default
 * filter); archived ones are counted as any list is.
 */
export function buildingHouseholdCounts(ctx: RequestContext): DataLoader<number, number> {
  return keyedCounts(
    ctx,
    'buildingHouseholds',
    'select b.building_id as "k", sum(b.households)::int as "n" from lianxin_keys($1::int[]) k(id) join lianxin_building_households b on b.building_id = k.id group by 1',
  );
}
