import type DataLoader from 'dataloader';
import type { NodeRow, NodeSpec } from './node-spec';
import type { Loaders } from './loaders';

/**
 * A node's ancestors up both trees, read in one statement. A walk up from a household (unit →
 * building → compound, building group → branch → committee → community → street → district) would
 * otherwise cost one dependent statement per level; here each ancestor is a LATERAL primary-key
 * lookup on its own table, under the same row-level security as any other read (a row the caller
 * may not see is simply absent, as from `Loaders.node`), and the rows are primed into the
 * request's by-ID loaders. The resolvers and the permission rules then read them from there as
 * before, so no check is skipped: only the statements are merged.
 *
 * Modules add their ancestors of a root type in dependency order (the organization's building
 * group follows the places' building).
 */
export interface AncestorStep {
  /** Alias of this step; its columns come back as `"<as>.<prop>"`. */
  as: string;
  spec: NodeSpec<NodeRow>;
  /** The primary key to look up: a column of the root (`r.unit_id`) or an earlier step's property (`ref('bld', 'groupId')`). */
  pk: string;
}

interface AncestryPlan {
  table: string;
  steps: AncestorStep[];
  /** The root's own read spec, when the root's row comes with its ancestors (registerAncestryRoot). */
  root?: NodeSpec<NodeRow>;
  /** Paths of fields under the root whose selection means the walk up will happen (see wantsAncestry). */
  lookaheads: string[][];
  sql?: string;
  sqlWithRoot?: string;
}

const plans = new Map<string, AncestryPlan>();
const ROOT = 'root';

/** An earlier step's property, for the `pk` of a later one. */
export function ref(step: string, prop: string): string {
  return `${step}."${step}.${prop}"`;
}

export function registerAncestor<R extends NodeRow>(
  rootType: string,
  rootTable: string,
  added: Omit<AncestorStep, 'spec'> & { spec: NodeSpec<R> },
): void {
  const step = added as unknown as AncestorStep;
  let plan = plans.get(rootType);
  if (!plan) plans.set(rootType, (plan = { table: rootTable, steps: [], lookaheads: [] }));
  if (step.as === ROOT) throw new Error(`ancestor alias ${ROOT} is the root's own`);
  if (plan.steps.some((s) => s.as === step.as)) throw new Error(`ancestor ${step.as} of ${rootType} is registered twice`);
  plan.steps.push(step);
  plan.sql = plan.sqlWithRoot = undefined;
}

/**
 * Reads the root's own row with its ancestors, and lets node(id:) and nodes(ids:) of the root's
 * type read both in the same statement when the query selects `path` (e.g. a household's
 * `unit { building }`): the walk up will happen anyway, and the root by ID would be a statement of
 * its own before it. The root is read with the same spec, row-level security and `visible` filter
 * as `Loaders.node`, and primed there (null where it is not visible), so what node(id:) answers and
 * checks is unchanged.
 */
export function registerAncestryRoot<R extends NodeRow>(rootType: string, spec: NodeSpec<R>, path: string[]): void {
  const plan = plans.get(rootType);
  if (!plan) throw new Error(`no ancestors registered for ${rootType}`);
  if (plan.root) throw new Error(`the root of ${rootType} is registered twice`);
  plan.root = spec as unknown as NodeSpec<NodeRow>;
  plan.lookaheads.push(path);
  plan.sqlWithRoot = undefined;
}

/** Another selection under the root that walks up (a module's own link upward, e.g. the household's building group). */
export function registerAncestryLookahead(rootType: string, path: string[]): void {
  const plan = plans.get(rootType);
  if (!plan) throw new Error(`no ancestors registered for ${rootType}`);
  plan.lookaheads.push(path);
}

/** Whether the root's read should bring its ancestry along: the query selects one of the registered paths. */
export function wantsAncestry(rootType: string, selects: (path: string[]) => boolean): boolean {
  const plan = plans.get(rootType);
  return !!plan?.root && plan.lookaheads.some(selects);
}

function lateral(as: string, spec: NodeSpec<NodeRow>, pk: string): string {
  const columns = [`t.id as "${as}.pk"`, ...Object.entries(spec.columns).map(([prop, expr]) => `${expr} as "${as}.${prop}"`)];
  const visible = spec.visible ? ` and (${spec.visible})` : '';
  return ` left join lateral (select ${columns.join(', ')} from ${spec.table} t where t.id = ${pk}${visible}) ${as} on true`;
}

function planSql(plan: AncestryPlan, withRoot: boolean): string {
  const known = withRoot ? plan.sqlWithRoot : plan.sql;
  if (known) return known;
  const steps = withRoot && plan.root ? [{ as: ROOT, spec: plan.root, pk: 'r.id' }, ...plan.steps] : plan.steps;
  const laterals = steps.map(({ as, spec, pk }) => lateral(as, spec, pk));
  // The keys come from lianxin_keys (estimated at one row), not `r.id = any($1)` (estimated at ten):
  // otherwise the generic plan of this many-table join never wins and every execution is planned.
  const sql = `select r.id as "key", ${steps.map((s) => `${s.as}.*`).join(', ')} from lianxin_keys($1::int[]) k(id) join ${plan.table} r on r.id = k.id${laterals.join('')}`;
  if (withRoot) plan.sqlWithRoot = sql;
  else plan.sql = sql;
  return sql;
}

/**
 * The root's ancestors, loaded and primed; resolves once every registered ancestor is in the by-ID
 * loaders. `withRoot` (node(id:) only, see loadNode): the root's own row too, for a root not yet
 * read; a walk from rows already read (a list's households) does not read them again.
 */
export function ancestry(loaders: Loaders, rootType: string, withRoot = false): DataLoader<number, true> {
  return loaders.custom<number, true>(`ancestry:${rootType}${withRoot ? ':root' : ''}`, async (db, keys) => {
    const plan = plans.get(rootType);
    if (!plan) throw new Error(`no ancestors registered for ${rootType}`);
    const rows = await db.query<Record<string, unknown>>(planSql(plan, withRoot), [keys]);
    const steps = withRoot && plan.root ? [{ as: ROOT, spec: plan.root }, ...plan.steps] : plan.steps;
    for (const { as, spec } of steps) {
      const prefix = `${as}.`;
      const found: NodeRow[] = [];
      for (const row of rows) {
        if (row[`${prefix}pk`] === null) continue;
        const node: Record<string, unknown> = {};
        for (const name in row) if (name.startsWith(prefix)) node[name.slice(prefix.length)] = row[name];
        found.push(node as unknown as NodeRow);
      }
      const byId = loaders.node(spec);
      for (const node of spec.hydrate(found)) byId.prime(node.pk, node);
      // A root not visible (no row, or its `visible` filter false) is what its own read would answer: none.
      if (as === ROOT) for (const key of keys) byId.prime(key, null);
    }
    // The walk up from these roots is done: the resolvers' own ancestry calls find it so.
    if (withRoot) {
      const plain = ancestry(loaders, rootType);
      for (const key of keys) plain.prime(key, true);
    }
    return keys.map(() => true as const);
  });
}
