import { Field, ID, InterfaceType } from 'type-graphql';
import type { NodeRow, NodeSpec } from '../data/node-spec';

@InterfaceType('Node', {
  description: 'An object with a global ID. Fetch any of them with node(id:) or nodes(ids:).',
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Opaque and stable; never parse it.' })
  id!: string;
}

/** Node types fetchable by global ID: type name → how to read it. */
const registry = new Map<string, NodeSpec<NodeRow>>();

export function registerNodeSpec<R extends NodeRow>(spec: NodeSpec<R>): NodeSpec<R> {
  registry.set(spec.type, spec as unknown as NodeSpec<NodeRow>);
  return spec;
}

export function nodeSpecFor(type: string): NodeSpec<NodeRow> | undefined {
  return registry.get(type);
}
