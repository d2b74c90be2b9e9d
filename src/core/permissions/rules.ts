import { allow, chain, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { Capability } from '../auth/capabilities';
import { can, canGrant, reachesCommunity, type Placed } from '../auth/principal';
import type { Role } from '../auth/roles';
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../errors/errors';

/*
 * The building blocks of the permission tree. Rules that read `parent` or `args` never use the
 * contextual cache (it once reused one household's answer for another tenant's); they are cheap
 * prefix comparisons against the bindings loaded at the start of the request.
 */

export { allow };

/** A rule or a logic rule (and, chain, allow…). */
export type ShieldRule = Exclude<IRules, Record<string, unknown>>;
type IRule = ShieldRule;

/** The refusal for this caller: sign in first, or not allowed here. */
export function refusal(ctx: RequestContext): Error {
  return ctx.principal.kind === 'anonymous' ? new UnauthenticatedError('Sign in to see or do this') : new ForbiddenError();
}

export const authenticated: IRule = rule('authenticated', { cache: 'contextual' })((_parent, _args, ctx: RequestContext) =>
  ctx.principal.kind !== 'anonymous' ? true : new UnauthenticatedError('Sign in to see or do this'),
);

const belowRules = new Map<Capability, IRule>();

/**
 * For edges that list or detail what lies under the parent (a building's households, a household's
 * persons): the caller needs `capability` over the parent. Upward edges (a household's building)
 * and plain fields need no rule of their own: the parent was reached through a checked edge.
 */
export function below(capability: Capability): IRule {
  let r = belowRules.get(capability);
  if (!r) {
    r = rule(`below:${capability}`, { cache: 'no_cache' })((parent: Placed, _args, ctx: RequestContext) =>
      can(ctx.principal, capability, parent) ? true : refusal(ctx),
    );
    belowRules.set(capability, r);
  }
  return r;
}

/** Where a mutation acts: the objects its input names (null: nothing found, the service answers). */
export type TargetsOf = (args: Record<string, unknown>, ctx: RequestContext) => Promise<Array<Placed | null>>;

/**
 * A mutation needs `capability` over every object it acts on. Objects the caller cannot see at all
 * (another community) are NOT_FOUND, exactly like objects that do not exist.
 */
export function mutation(name: string, capability: Capability, targets: TargetsOf): IRule {
  const check = rule(`mutation:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    let found: Array<Placed | null>;
    try {
      found = await targets(args, ctx);
    } catch {
      return true; // malformed input: validation answers with user errors
    }
    for (const target of found) {
      if (!target) continue;
      if (target.communityId && !reachesCommunity(ctx.principal, target.communityId)) return new NotFoundError('object', { reason: 'reference' });
      if (!can(ctx.principal, capability, target)) return refusal(ctx);
    }
    return true;
  });
  return chain(authenticated, check);
}

/** Granting or revoking `role` at a scope: no privilege escalation (see canGrant). */
export function grantRule(name: string, subject: (args: Record<string, unknown>, ctx: RequestContext) => Promise<{ role: Role; scope: Placed | null } | null>): IRule {
  const check = rule(`grant:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    let found: { role: Role; scope: Placed | null } | null;
    try {
      found = await subject(args, ctx);
    } catch {
      return true;
    }
    if (!found || !found.scope) return true;
    if (found.scope.communityId && !reachesCommunity(ctx.principal, found.scope.communityId)) return new NotFoundError('object', { reason: 'reference' });
    return canGrant(ctx.principal, found.role, found.scope) ? true : refusal(ctx);
  });
  return chain(authenticated, check);
}

/** A rule from a plain predicate over the caller and the arguments. */
export function predicate(name: string, test: (args: Record<string, unknown>, ctx: RequestContext) => Promise<true | Error> | true | Error): IRule {
  return rule(name, { cache: 'no_cache' })((_parent, args: Record<string, unknown>, ctx: RequestContext) => test(args, ctx));
}

/** The platform as a target: covered only by platform bindings. */
export const PLATFORM: Placed = { path: null, orgPath: null, communityId: null };
