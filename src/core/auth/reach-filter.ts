import type { ListFilter } from '../data/loaders';
import { roleHas, type Capability } from './capabilities';
import type { Principal } from './principal';
import { ScopeType } from './roles';

/**
 * `can(principal, capability, row)` as SQL, for a top-level list: the rows placed at or under a scope
 * node of a binding that grants `capability`, in the places tree or the organization tree — the
 * prefix test `covers` makes per object, over every binding at once, in one statement.
 *
 * `placed(paths)` is the list's condition over `t`, given the parameter holding the scope paths
 * (an `ltree[]`): e.g. `t.path <@ ${paths} or t.org_path <@ ${paths}`. A platform binding sees every
 * row (row-level security still keeps each community's rows to those who reach it); no binding with
 * the capability sees none.
 */
export function withinReach(principal: Principal, capability: Capability, placed: (paths: string) => string): ListFilter {
  const granting = principal.bindings.filter((b) => roleHas(b.role, capability));
  const key = `reach:${capability}:${granting.map((b) => b.id).join(',')}`;
  if (granting.some((b) => b.scopeType === ScopeType.PLATFORM)) return { key, sql: 'true', params: [] };
  if (granting.length === 0) return { key, sql: 'false', params: [] };
  return { key, sql: `(${placed('$1::ltree[]')})`, params: [granting.map((b) => b.path)] };
}
