import type { RequestContext } from '../../context';
import type { DutyOfCare } from '../../core/auth/personal-data';
import { covers, type Placed } from '../../core/auth/principal';
import { Role } from '../../core/auth/roles';
import { ownDuties } from './care.loaders';

/*
 * Who has a duty of care for a household's sensitive data (its vulnerability tags, the special
 * group a link is for): the party member linked to it, the secretary of the branch it sits under,
 * and the community's care staff. Nobody else — not the community's administrators as such, not
 * the district, not the platform — whatever their capabilities: they see the tags as null.
 */

/** The household a sensitive value is about: the row itself, or the household it names. */
function householdOf(target: Placed & { pk?: number; householdId?: number }): number | undefined {
  return typeof target.householdId === 'number' ? target.householdId : target.pk;
}

export function isBranchSecretaryOver(ctx: RequestContext, target: Placed): boolean {
  return ctx.principal.bindings.some((b) => b.role === Role.BRANCH_SECRETARY && covers(b, target));
}

/** Whether the caller is the community's care staff, or linked to the household (one statement per request). */
export async function ownDutyOver(ctx: RequestContext, target: Placed & { pk?: number; householdId?: number }): Promise<boolean> {
  const principal = ctx.principal;
  if (principal.kind !== 'user' || principal.personId === null) return false;
  const duties = await ownDuties(ctx).load(principal.personId);
  if (typeof target.communityId === 'number' && duties.communities.has(target.communityId)) return true;
  const household = householdOf(target);
  return household !== undefined && duties.households.has(household);
}

/** Care staff of the community (for lists that cover a whole community or branch). */
export async function isCareStaffOf(ctx: RequestContext, communityId: number | null | undefined): Promise<boolean> {
  const principal = ctx.principal;
  if (principal.kind !== 'user' || principal.personId === null || typeof communityId !== 'number') return false;
  return (await ownDuties(ctx).load(principal.personId)).communities.has(communityId);
}

export const careDuties: DutyOfCare[] = [
  {
    describe: 'the secretary of the branch the household sits under',
    holds: (ctx, target) => isBranchSecretaryOver(ctx, target),
  },
  {
    describe: 'the party member linked to the household (an active care link), and the community’s care staff',
    holds: (ctx, target) => ownDutyOver(ctx, target),
  },
];
