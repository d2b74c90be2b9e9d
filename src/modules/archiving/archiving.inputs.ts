import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { GlobalId } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';

@InputType()
export class ArchiveNodeInput {
  @Field(() => ID, {
    description:
      'Any archivable node: district, street, community, committee, branch, building group, compound, building, unit, household, person.',
  })
  @GlobalId()
  id!: string;
}

@InputType()
export class RestoreNodeInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;
}

@ObjectType({ simpleResolvers: true })
export class ArchiveNodePayload {
  @Field(() => Node, { nullable: true })
  node!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class RestoreNodePayload {
  @Field(() => Node, { nullable: true })
  node!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
