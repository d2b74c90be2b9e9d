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
  sql?: string;
}

const plans = new Map<string, AncestryPlan>();

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
  if (!plan) plans.set(rootType, (plan = { table: rootTable, steps: [] }));
  if (plan.steps.some((s) => s.as === step.as)) throw new Error(`ancestor ${step.as} of ${rootType} is registered twice`);
  plan.steps.push(step);
  plan.sql = undefined;
}

function planSql(plan: AncestryPlan): string {
  if (plan.sql) return plan.sql;
  const laterals = plan.steps.map(({ as, spec, pk }) => {
    const columns = [`t.id as "${as}.pk"`, ...Object.entries(spec.columns).map(([prop, expr]) => `${expr} as "${as}.${prop}"`)];
    const visible = spec.visible ? ` and (${spec.visible})` : '';
    return ` left join lateral (select ${columns.join(', ')} from ${spec.table} t where t.id = ${pk}${visible}) ${as} on true`;
  });
  // The keys come from lianxin_keys (estimated at one row), not `r.id = any($1)` (estimated at ten):
  // otherwise the generic plan of this many-table join never wins and every execution is planned.
  plan.sql = `select r.id as "key", ${plan.steps.map((s) => `${s.as}.*`).join(', ')} from lianxin_keys($1::int[]) k(id) join ${plan.table} r on r.id = k.id${laterals.join('')}`;
  return plan.sql;
}

/** The root's ancestors, loaded and primed; resolves once every registered ancestor is in the by-ID loaders. */
export function ancestry(loaders: Loaders, rootType: string): DataLoader<number, true> {
  return loaders.custom<number, true>(`ancestry:${rootType}`, async (db, keys) => {
    const plan = plans.get(rootType);
    if (!plan) throw new Error(`no ancestors registered for ${rootType}`);
    const rows = await db.query<Record<string, unknown>>(planSql(plan), [keys]);
    for (const { as, spec } of plan.steps) {
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
    }
    return keys.map(() => true as const);
  });
}
