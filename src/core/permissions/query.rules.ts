import type { GraphQLResolveInfo } from 'graphql';
import type { ShieldRule as IRule } from './rules';
import type { RequestContext } from '../../context';
import { can, reachesCommunity, type Placed } from '../auth/principal';
import { NotFoundError } from '../errors/errors';
import type { NodeRow } from '../data/node-spec';
import { beyondReach, nodeReadCapability, nodeReadCheck, nodeSpecFor } from '../graphql/node';
import { loadNode, tooManyIds } from '../graphql/node-load';
import { decodeGlobalId } from '../ids/global-id';
import { fields } from './fields';
import { allow, predicate, refusal } from './rules';

/**
 * Fetching any object by ID needs the capability its type declares over the object itself. An
 * object the caller's communities do not include is NOT_FOUND, like one that does not exist (row-
 * level security makes it invisible anyway).
 */
async function readable(ctx: RequestContext, id: unknown, info: GraphQLResolveInfo): Promise<true | Error> {
  const decoded = typeof id === 'string' ? decodeGlobalId(id) : undefined;
  if (!decoded) return true; // malformed: the resolver answers BAD_USER_INPUT
  const read = nodeReadCapability(decoded.type);
  const spec = nodeSpecFor(decoded.type);
  if (!read || !spec) return true; // no such type: null
  if (read === 'public') return true;
  if (ctx.principal.kind === 'anonymous') return refusal(ctx);
  const row = (await loadNode(ctx, spec, decoded.pk, info)) as (Placed & { communityId?: number | null }) | null;
  if (!row) return true;
  if (row.communityId && !reachesCommunity(ctx.principal, row.communityId)) return new NotFoundError(decoded.type, { argument: 'id' });
  // Visible but beyond the caller's reach (a platform account): the resolver answers null, as for no row.
  if (beyondReach(ctx.principal, decoded.type, row as unknown as NodeRow)) return true;
  const check = nodeReadCheck(decoded.type);
  if (check) return check(ctx.principal, row as unknown as NodeRow) ? true : refusal(ctx);
  return can(ctx.principal, read, row) ? true : refusal(ctx, read);
}

const READABLE =
  "the read capability of the object's type (see Node types) over the object; another community's object is NOT_FOUND, one beyond the caller's reach (a platform account) null";

/** The queries of the core: any object by its global ID. */
export const coreQueryRules: Record<string, IRule> = {
  node: predicate('query:node', READABLE, (args, ctx, info) => readable(ctx, args.id, info)),
  nodes: predicate('query:nodes', `${READABLE}, for every ID`, async (args, ctx, info) => {
    const ids = Array.isArray(args.ids) ? (args.ids as unknown[]) : [];
    const tooMany = tooManyIds(ids);
    if (tooMany) return tooMany;
    // All at once, so the loaders batch them: one statement per type, not one per ID.
    const verdicts = await Promise.all(ids.map((id) => readable(ctx, id, info)));
    return verdicts.find((v) => v !== true) ?? true;
  }),
  // Labels of the schema's enums carry nothing of anyone's: a login page may show them.
  enumLabels: allow,
};

/** Types every response may carry. */
export const commonRules: Record<string, Record<string, IRule>> = {
  PageInfo: fields(allow, 'hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'),
  UserError: fields(allow, 'field', 'code', 'message'),
  EnumLabels: fields(allow, 'name', 'values'),
  EnumValueLabel: fields(allow, 'value', 'label'),
};
