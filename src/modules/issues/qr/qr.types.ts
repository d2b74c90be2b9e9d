import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Node } from '../../../core/graphql/node';
import { NodeFields } from '../../../core/graphql/node-fields';
import { DateTimeScalar } from '../../../core/graphql/scalars';
import { UserError } from '../../../core/validation/user-error';
import { GlobalId, Text } from '../../../core/validation/rules';

@ObjectType('IssueQrPoint', {
  implements: Node,
  simpleResolvers: true,
  description:
    'A QR code under which anyone may report an issue without an account (GET /r/<token>): a compound, a building or a spot in it.',
})
export class IssueQrPointType extends NodeFields {
  @Field({ description: 'The compound, building and spot, as the report page names them.' })
  place!: string;

  @Field(() => String, { nullable: true, description: 'The named spot (e.g. 红哨子雕像), if any.' })
  spot!: string | null;

  @Field(() => DateTimeScalar, { description: 'When its current token was made; older printed codes no longer work.' })
  tokenSetAt!: string;

  @Field({ description: 'Who made the point.' })
  createdBy!: string;
}

@ObjectType('IssueQrPointPayload', {
  simpleResolvers: true,
  description: 'A QR point with its new token: the token is shown this once (only its digest is stored).',
})
export class IssueQrPointPayload {
  @Field(() => IssueQrPointType, { nullable: true, description: 'The point; null when refused.' })
  qrPoint!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'The token to print in the QR code as <server>/r/<token>; shown only in this answer. Null when refused.',
  })
  token!: string | null;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'A QR point for a compound, or a building or a named spot in it.' })
export class CreateIssueQrPointInput {
  @Field(() => ID, { description: 'The compound.' })
  @GlobalId()
  compoundId!: string;

  @Field(() => ID, { nullable: true, description: 'A building of the compound: reports land with its building group.' })
  @GlobalId(true)
  buildingId?: string | null;

  @Field(() => String, { nullable: true, description: 'A named spot in the compound (e.g. 红哨子雕像).' })
  @Text({ max: 100, nullable: true })
  spot?: string | null;
}

@InputType({ description: 'Gives a QR point a fresh token (its printed codes stop working).' })
export class RotateIssueQrTokenInput {
  @Field(() => ID, { description: 'The QR point.' })
  @GlobalId()
  qrPointId!: string;
}

@ObjectType('CreateIssueQrPointPayload', {
  simpleResolvers: true,
})
export class CreateIssueQrPointPayload extends IssueQrPointPayload {}

@ObjectType('RotateIssueQrTokenPayload', {
  simpleResolvers: true,
})
export class RotateIssueQrTokenPayload extends IssueQrPointPayload {}
