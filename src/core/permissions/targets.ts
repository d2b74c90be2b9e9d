import type { RequestContext } from '../../context';
import type { Placed } from '../auth/principal';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { nodeSpecFor } from '../graphql/node';
import { decodeGlobalId } from '../ids/global-id';
import type { Target, TargetsOf } from './rules';

/*
 * Finding what a mutation acts on, for its rule: the rows its input IDs name, read through the
 * request's loaders (so the service that runs next finds them cached). An ID of another type, of a
 * missing row or (under row-level security) of another community gives null.
 */

export function inputOf(args: Record<string, unknown>): Record<string, unknown> {
  return (args.input as Record<string, unknown> | undefined) ?? {};
}

export async function rowOf<R extends NodeRow>(ctx: RequestContext, spec: NodeSpec<R>, id: unknown): Promise<R | null> {
  if (typeof id !== 'string') return null;
  const decoded = decodeGlobalId(id);
  if (!decoded || decoded.type !== spec.type) return null;
  return ctx.loaders.node(spec).load(decoded.pk);
}

/** Any node by ID, whatever its type. */
export async function anyRowOf(ctx: RequestContext, id: unknown): Promise<(NodeRow & Placed) | null> {
  if (typeof id !== 'string') return null;
  const decoded = decodeGlobalId(id);
  const spec = decoded && nodeSpecFor(decoded.type);
  return spec && decoded ? await ctx.loaders.node(spec).load(decoded.pk) : null;
}

export function labelled(targets: TargetsOf, label: string): TargetsOf {
  targets.label = label;
  return targets;
}

/** The row named by `input[field]`: none when it is left out, null when it names nothing visible. */
export function field<R extends NodeRow>(spec: NodeSpec<R>, name: string): TargetsOf {
  return labelled(async (args, ctx): Promise<Target[]> => {
    const id = inputOf(args)[name];
    if (id === undefined || id === null) return [];
    if (typeof id !== 'string' || !decodeGlobalId(id)) return [{ malformed: name }];
    return [(await rowOf(ctx, spec, id)) as Placed | null];
  }, `input.${name} (${spec.type})`);
}

/** All of several targets. */
export function all(...selectors: TargetsOf[]): TargetsOf {
  return labelled(
    async (args, ctx) => (await Promise.all(selectors.map((s) => s(args, ctx)))).flat(),
    selectors.map((s) => s.label).join(' and '),
  );
}

/** The community a placed row belongs to, as a target (its path is the first three labels). */
export function communityOf(row: Placed | null): Placed | null {
  if (!row?.path) return row;
  return { path: row.path.split('.').slice(0, 3).join('.'), orgPath: null, communityId: row.communityId };
}

/** A fixed target (e.g. the platform, for creating districts). */
export function fixed(target: Placed, label: string): TargetsOf {
  return labelled(async () => [target], label);
}
