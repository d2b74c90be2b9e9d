import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from './scalars';

/**
 * Fields every node type shares. Plain properties of the row: `simpleResolvers` keeps type-graphql from
 * giving each a resolver of its own, which an inherited field gets even when its type asks for simple
 * ones, and which the executor would call (resolve info, path, closures) for every row of a page.
 */
@ObjectType({ simpleResolvers: true })
export abstract class NodeFields {
  @Field(() => ID, { description: 'Opaque and stable; never parse it.' })
  id!: string;

  @Field(() => DateTimeScalar, { description: 'When it was recorded (UTC).' })
  createdAt!: string;

  @Field(() => DateTimeScalar, { description: 'When it last changed (UTC); the audit log has each change.' })
  updatedAt!: string;
}

@ObjectType({ simpleResolvers: true })
export abstract class ArchivableNodeFields extends NodeFields {
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When it was archived; null while active. Archived objects leave default lists.',
  })
  archivedAt!: string | null;
}
