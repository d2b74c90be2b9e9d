import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { GlobalId } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';

@InputType({ description: 'What the `archiveNode` mutation takes.' })
export class ArchiveNodeInput {
  @Field(() => ID, {
    description:
      'Any archivable node: district, street, community, committee, branch, building group, compound, building, unit, household, person.',
  })
  @GlobalId()
  id!: string;
}

@InputType({ description: 'What the `restoreNode` mutation takes.' })
export class RestoreNodeInput {
  @Field(() => ID, { description: 'The archived object to restore.' })
  @GlobalId()
  id!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class ArchiveNodePayload {
  @Field(() => Node, { description: 'The object as it is now: archived; null when refused.', nullable: true })
  node!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class RestoreNodePayload {
  @Field(() => Node, { description: 'The object, restored; null when refused.', nullable: true })
  node!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}
