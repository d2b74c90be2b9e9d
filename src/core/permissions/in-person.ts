import { chain, rule } from 'graphql-shield';
import type { RequestContext } from '../../context';
import { reachesCommunity } from '../auth/principal';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { BadUserInputError, NotFoundError } from '../errors/errors';
import { decodeGlobalId } from '../ids/global-id';
import { authenticated, described, refusal, type ShieldRule } from './rules';
import { inputOf, rowOf } from './targets';

/**
 * A mutation the caller does in person at a place named by `input.<field>` (checking in at a
 * station, signing up for an activity): the place must exist in a community the caller reaches (or
 * it is NOT_FOUND, as any reference), the caller must be signed in as a person on record, and the
 * module's own condition `also` must hold for that person there. One shape for every such rule.
 */
export function inPersonAt<R extends NodeRow & { communityId: number }>(
  name: string,
  spec: NodeSpec<R>,
  field: string,
  description: string,
  also: (ctx: RequestContext, place: R, personId: number) => boolean | Promise<boolean> = () => true,
): ShieldRule {
  const check = rule(`mutation:${name}`, { cache: 'no_cache' })(async (_parent, args: Record<string, unknown>, ctx: RequestContext) => {
    const id = inputOf(args)[field];
    if (typeof id !== 'string' || !decodeGlobalId(id))
      return new BadUserInputError(`input.${field} is not a valid ID`, { field: ['input', field] });
    const place = await rowOf(ctx, spec, id);
    if (!place || !reachesCommunity(ctx.principal, place.communityId)) return new NotFoundError('object', { reason: 'reference' });
    const principal = ctx.principal;
    if (principal.kind !== 'user' || principal.personId === null) return refusal(ctx);
    return (await also(ctx, place, principal.personId)) ? true : refusal(ctx);
  });
  return described(chain(authenticated, check), description);
}
