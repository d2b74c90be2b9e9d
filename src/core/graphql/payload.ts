import { Field, ObjectType, type ClassType } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { UserError } from '../validation/user-error';
import type { MutationOutcome } from './mutation';

/**
 * `<Name>Payload { <field>: <Type>, userErrors: [UserError!]! }`: the shape of every mutation result.
 * Without a description of its own, the schema describes it from its mutation (payload-descriptions).
 */
export function PayloadType(name: string, field: string, type: ClassType, description?: string): ClassType {
  @ObjectType(name, { simpleResolvers: true, description })
  class Payload {
    @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise nothing was changed.' })
    userErrors!: UserError[];
  }
  Field(() => type, { nullable: true, description: 'The object as it is after the mutation; null when refused.' })(
    Payload.prototype,
    field,
  );
  Object.defineProperty(Payload, 'name', { value: name });
  return Payload;
}

/** Turns a service outcome (a primary key) into a payload with the freshly read object. */
export async function payloadOf<R extends NodeRow>(
  ctx: RequestContext,
  field: string,
  spec: NodeSpec<R>,
  outcome: MutationOutcome<number>,
): Promise<Record<string, unknown>> {
  const row = outcome.value === null ? null : await ctx.loaders.node(spec).load(outcome.value);
  return { [field]: row, userErrors: outcome.userErrors };
}
