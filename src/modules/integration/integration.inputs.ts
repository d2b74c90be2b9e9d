import { Field, ID, InputType, type ClassType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { PayloadType } from '../../core/graphql/payload';
import { ServiceAccountType } from '../identity/identity.types';
import { GlobalId, LoginName, Text } from '../../core/validation/rules';

@InputType({ description: "Records an object's ID in a source system (replacing the one it had there)." })
export class SetExternalIdInput {
  @Field(() => ID, { description: 'The object: a district, street, community, compound, building, unit, household or person.' })
  @GlobalId()
  nodeId!: string;

  @Field({ description: 'The source system: 2 to 64 lower-case letters, digits, ".", "-" or "_" (e.g. taiyuan-population).' })
  @LoginName()
  system!: string;

  @Field({ description: "The object's ID in that system (at most 128 characters)." })
  @Text({ max: 128 })
  id!: string;
}

@InputType({ description: 'Lets a service account write external IDs (and upserts) of a source system.' })
export class BindServiceAccountSystemInput {
  @Field(() => ID, { description: 'The service account.' })
  @GlobalId()
  serviceAccountId!: string;

  @Field({ description: 'The source system it speaks for.' })
  @LoginName()
  system!: string;
}

@InputType({ description: 'Ends a service account’s binding to a source system.' })
export class UnbindServiceAccountSystemInput {
  @Field(() => ID, { description: 'The service account.' })
  @GlobalId()
  serviceAccountId!: string;

  @Field({ description: 'The source system it no longer speaks for.' })
  @LoginName()
  system!: string;
}

export const SetExternalIdPayload = PayloadType(
  'SetExternalIdPayload',
  'node',
  Node as unknown as ClassType,
  'The object with its external IDs after the change.',
);
export const BindServiceAccountSystemPayload = PayloadType(
  'BindServiceAccountSystemPayload',
  'serviceAccount',
  ServiceAccountType,
  'The service account with the systems it is bound to.',
);
export const UnbindServiceAccountSystemPayload = PayloadType(
  'UnbindServiceAccountSystemPayload',
  'serviceAccount',
  ServiceAccountType,
  'The service account with the systems it is bound to.',
);
