import { Field, ID, InterfaceType } from 'type-graphql';
import { Capability } from '../auth/capabilities';
import { can, reachesCommunity, type Placed, type Principal } from '../auth/principal';
import type { NodeRow, NodeSpec } from '../data/node-spec';

@InterfaceType('Node', {
  description: 'An object with a global ID. Fetch any of them with node(id:) or nodes(ids:).',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque and stable; never parse it.' })
  id!: string;
}

/** Node types fetchable by global ID: type name → how to read it, and what reading it takes. */
const registry = new Map<string, NodeSpec<NodeRow>>();
const readCapability = new Map<string, Capability | 'public'>();

/**
 * Makes a node type fetchable with node(id:). `read` is what the caller needs over the object to
 * fetch it directly ('public': anyone, e.g. districts).
 */
export function registerNodeSpec<R extends NodeRow>(
  spec: NodeSpec<R>,
  read: Capability | 'public' = Capability.READ_STRUCTURE,
): NodeSpec<R> {
  registry.set(spec.type, spec as unknown as NodeSpec<NodeRow>);
  readCapability.set(spec.type, read);
  return spec;
}

/**
 * Types whose readability depends on the row as well as the caller (a statement is readable by
 * residents once published): replaces the capability check of node(id:) for that type.
 */
const readChecks = new Map<string, (principal: Principal, row: NodeRow) => boolean>();

export function registerNodeReadCheck<R extends NodeRow>(spec: NodeSpec<R>, check: (principal: Principal, row: R) => boolean): void {
  readChecks.set(spec.type, check as (principal: Principal, row: NodeRow) => boolean);
}

export function nodeReadCheck(type: string): ((principal: Principal, row: NodeRow) => boolean) | undefined {
  return readChecks.get(type);
}

/**
 * Types whose rows can be visible to a request and still lie outside the caller's reach (an
 * account without a person belongs to the platform, not to any community): node(id:) and
 * nodes(ids:) answer such a row as null, exactly like an ID that names nothing, never FORBIDDEN.
 */
const reachChecks = new Map<string, (principal: Principal, row: NodeRow) => boolean>();

export function registerNodeReach<R extends NodeRow>(spec: NodeSpec<R>, reaches: (principal: Principal, row: R) => boolean): void {
  reachChecks.set(spec.type, reaches as (principal: Principal, row: NodeRow) => boolean);
}

/** Whether the row is beyond the caller's reach (answered as missing). */
export function beyondReach(principal: Principal, type: string, row: NodeRow): boolean {
  const reaches = reachChecks.get(type);
  return !!reaches && !reaches(principal, row);
}

export function nodeSpecFor(type: string): NodeSpec<NodeRow> | undefined {
  return registry.get(type);
}

/** Every registered node type's read spec (the tests check each against the ORM's metadata). */
export function nodeSpecs(): Array<NodeSpec<NodeRow>> {
  return [...registry.values()];
}

export function nodeReadCapability(type: string): Capability | 'public' | undefined {
  return readCapability.get(type);
}

/** Every registered node type with what reading it by ID takes (for docs/permissions.md). */
export function nodeReadCapabilities(): Array<[string, Capability | 'public']> {
  return [...readCapability.entries()].sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Whether the caller may read this object as node(id:) shows it: its type's read check where one
 * is registered, else its read capability over the object, and never another community's. For
 * resolvers that follow a link into another module (a meeting's agenda item to its issue) and
 * answer null where the caller may not read what it points at: the rule stays the owning module's.
 */
export function mayReadNode(principal: Principal, type: string, row: NodeRow): boolean {
  const read = nodeReadCapability(type);
  if (read === 'public') return true;
  if (!read || principal.kind === 'anonymous') return false;
  const placed = row as unknown as Placed;
  if (placed.communityId && !reachesCommunity(principal, placed.communityId)) return false;
  if (beyondReach(principal, type, row)) return false;
  const check = readChecks.get(type);
  return check ? check(principal, row) : can(principal, read, placed);
}
