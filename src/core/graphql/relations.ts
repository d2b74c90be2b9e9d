import type DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import type { ListFilter, ParentRef } from '../data/loaders';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { mayReadNode } from './node';
import { nodeFields } from './selection';
import type { ConnectionBase, ConnectionClass, Page } from '../pagination/connection';
import { ArchivedFilter, pageRequest, type PageArgs } from '../pagination/page-args';

/*
 * The two shapes of relation a resolver returns: the row a foreign key points at, and a page of
 * the rows that point here. Both go through the request's loaders, so a walk costs one statement
 * per level however many parents it has.
 */

export function related<R extends NodeRow>(
  ctx: RequestContext,
  spec: NodeSpec<R>,
  pk: number | null | undefined,
): Promise<R | null> | null {
  return pk === null || pk === undefined ? null : ctx.loaders.node(spec).load(pk);
}

/** The row a foreign key points at, or null where the caller may not read it as node(id:) would show it. */
export async function readableRelated<R extends NodeRow>(
  ctx: RequestContext,
  spec: NodeSpec<R>,
  pk: number | null | undefined,
): Promise<R | null> {
  const row = await related(ctx, spec, pk);
  return row && mayReadNode(ctx.principal, spec.type, row) ? row : null;
}

function samePage(a: PageArgs & { archived?: ArchivedFilter }, b: PageArgs & { archived?: ArchivedFilter }): boolean {
  return a === b || (a.first === b.first && a.last === b.last && a.after === b.after && a.before === b.before && a.archived === b.archived);
}

/** What a connection field needs for every parent row, worked out once per field site and request. */
interface ConnectionSite {
  spec: NodeSpec<NodeRow>;
  parentKey: string;
  filterKey: string | undefined;
  kept: DataLoader<number, number> | undefined;
  /** The arguments the page was made from (a site's own, unless two sites share AST nodes). */
  args: PageArgs & { archived?: ArchivedFilter };
  rows: DataLoader<number, Page<NodeRow>>;
  /** Where the rows' loader finds each parent's row, when its projection inherits properties from it. */
  parents: Map<number, Readonly<Record<string, unknown>>> | undefined;
  counts: () => DataLoader<number, number>;
}

/**
 * A page of the rows that point at `parentPk`, reading the columns the connection field's nodes ask
 * for (`info` is that field's). `kept`, when given, answers totalCount instead of
 * counting: a count maintained elsewhere that equals, for every caller, the count under the same
 * filter (its caller proves that; the building's households are the one case).
 *
 * Called once per parent row (each of a compound's 400 households for its persons): the page
 * request, the projection and the loader are found once per field site of the request's document
 * (its AST nodes, which the compiled query passes for every row). A resolver that chose another
 * list or filter for some row, or arguments that differ, get loaders of their own.
 *
 * `parentRow`, when given, is the parent's row: the properties the spec declares inherited from
 * this parent column (`NodeSpec.inherits`) are then copied from it rather than read per child.
 */
export function connection<R extends NodeRow>(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  Conn: ConnectionClass<R>,
  spec: NodeSpec<R>,
  parent: ParentRef,
  parentPk: number,
  args: PageArgs & { archived?: ArchivedFilter },
  filter?: ListFilter,
  kept?: DataLoader<number, number>,
  parentRow?: NodeRow,
): ConnectionBase<R> {
  const parentKey = typeof parent === 'string' ? parent : parent.key;
  const inherits = parentRow !== undefined && typeof parent === 'string' && (spec.inherits?.[parent]?.length ?? 0) > 0;
  let site = ctx.loaders.perSite(info.fieldNodes) as ConnectionSite | undefined;
  if (
    !site ||
    site.spec !== (spec as NodeSpec<NodeRow>) ||
    site.parentKey !== parentKey ||
    site.filterKey !== filter?.key ||
    site.kept !== kept ||
    (site.parents !== undefined) !== inherits ||
    !samePage(site.args, args)
  ) {
    const page = pageRequest(args);
    const archived = args.archived ?? ArchivedFilter.ACTIVE;
    const selected = spec.projection(nodeFields(info));
    const projection = inherits ? spec.inheriting(selected, parentKey) : selected;
    const rows = ctx.loaders.children(spec, parent, page, archived, filter, projection);
    let counts = kept;
    site = {
      spec: spec as NodeSpec<NodeRow>,
      parentKey,
      filterKey: filter?.key,
      kept,
      args,
      rows,
      parents: ctx.loaders.parentRowsOf(rows),
      counts: () => (counts ??= ctx.loaders.count(spec, parent, archived, filter)),
    };
    ctx.loaders.perSite(info.fieldNodes, site);
  }
  const { rows, counts, parents } = site;
  if (parents) {
    // The row whose values the children copy must be the parent they are loaded for.
    if (parentRow!.pk !== parentPk) throw new Error(`${spec.type}: parent row ${parentRow!.pk} given for parent ${parentPk}`);
    parents.set(parentPk, parentRow as unknown as Readonly<Record<string, unknown>>);
  }
  return new Conn(
    () => rows.load(parentPk) as Promise<Page<R>>,
    () => counts().load(parentPk),
  );
}

/**
 * A top-level list (not below a parent row): one page and its count under `filter`, each read
 * only when the query asks for it. Root lists include archived rows unless told otherwise.
 */
export function rootConnection<R extends NodeRow>(
  ctx: RequestContext,
  Conn: ConnectionClass<R>,
  spec: NodeSpec<R>,
  args: PageArgs,
  filter?: ListFilter,
  archived: ArchivedFilter = ArchivedFilter.ALL,
): ConnectionBase<R> {
  const page = pageRequest(args);
  return new Conn(
    () => ctx.loaders.rootPage(spec, page, archived, filter),
    () => ctx.loaders.rootCount(spec, archived, filter),
  );
}

/**
 * `expression = any(values)` as a list filter (a list argument of enum values), deduplicated and
 * sorted so equal filters share a key; none when the argument is omitted. An empty list matches none.
 */
export function oneOf(expression: string, values: readonly string[] | null | undefined): ListFilter | undefined {
  if (!values) return undefined;
  const set = [...new Set(values)].sort();
  return { key: `${expression}:${set.join(',')}`, sql: `${expression} = any($1::text[])`, params: [set] };
}

/** Combines optional list filters into one (AND), keeping a stable key for loader batching. */
export function allOf(...filters: Array<ListFilter | undefined>): ListFilter | undefined {
  const present = filters.filter((f): f is ListFilter => f !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  // Each filter numbers its parameters from $1; renumber them to follow the ones before.
  let offset = 0;
  const parts = present.map((f) => {
    const sql = `(${f.sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`)})`;
    offset += f.params.length;
    return sql;
  });
  return { key: present.map((f) => f.key).join('&'), sql: parts.join(' and '), params: present.flatMap((f) => f.params) };
}
