import type { ShieldRule as IRule } from './rules';
import { allow } from './rules';

/** `{ a: rule, b: rule }` for the named fields. */
export function fields(rule: IRule, ...names: string[]): Record<string, IRule> {
  return Object.fromEntries(names.map((n) => [n, rule]));
}

/** The fields every node type shares. */
export const NODE_FIELDS = fields(allow, 'id', 'createdAt', 'updatedAt');
export const ARCHIVABLE_NODE_FIELDS = fields(allow, 'id', 'createdAt', 'updatedAt', 'archivedAt');

/** A connection and its edge carry what their field returned; the field that returned it was checked. */
export function connection(name: string): Record<string, Record<string, IRule>> {
  return {
    [`${name}Connection`]: fields(allow, 'edges', 'nodes', 'pageInfo', 'totalCount'),
    [`${name}Edge`]: fields(allow, 'cursor', 'node'),
  };
}

/** A mutation payload carries its result; the mutation was checked. */
export function payload(name: string, ...resultFields: string[]): Record<string, Record<string, IRule>> {
  return { [name]: fields(allow, 'userErrors', ...resultFields) };
}
