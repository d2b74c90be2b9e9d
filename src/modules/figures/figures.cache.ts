import type { Principal } from '../../core/auth/principal';

export { ComputedCache as FiguresCache, type Computed } from '../../core/data/computed-cache';

/**
 * The part of the caller's row-level security that the figures' statements see: they read the
 * roll-ups, community and compound, whose policies admit the communities the caller reaches (or
 * all of them). Two callers with the same reach get the same rows from the same statement.
 */
export function reachKey(principal: Principal): string {
  if (principal.allCommunities) return '*';
  return [...principal.communityIds].sort((a, b) => a - b).join(',');
}
