import { Field, ObjectType } from 'type-graphql';

@ObjectType('ExternalId', {
  simpleResolvers: true,
  description: 'What a city system calls this object: its ID in that system (e.g. the population register).',
})
export class ExternalIdType {
  @Field({ description: 'The source system, e.g. taiyuan-population.' })
  system!: string;

  @Field({ description: "The object's ID in that system (opaque to Lianxin)." })
  id!: string;
}
