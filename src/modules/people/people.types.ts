import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields, NodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { DateScalar } from '../../core/graphql/scalars';
import { DutyRole, Gender, MembershipStatus, OrganizationRelation } from './people.enums';
import type { DutyAssignmentRow } from './duty-assignment.loaders';
import type { PartyMembershipRow } from './party-membership.loaders';
import type { PersonRow } from './person.loaders';

@ObjectType('Person', { implements: Node, simpleResolvers: true, description: '居民: a person on record in a community.' })
export class PersonType extends ArchivableNodeFields {
  @Field()
  name!: string;

  @Field(() => Gender, { nullable: true })
  gender!: Gender | null;

  @Field(() => Int, { nullable: true })
  birthYear!: number | null;
}

@ObjectType('PartyMembership', { implements: Node, simpleResolvers: true, description: 'A party membership as this community records it.' })
export class PartyMembershipType extends NodeFields {
  @Field(() => OrganizationRelation)
  organizationRelation!: OrganizationRelation;

  @Field(() => MembershipStatus)
  status!: MembershipStatus;

  @Field(() => String, { nullable: true, description: 'Where an EXTERNAL member is registered (双报到).' })
  homeOrganization!: string | null;

  @Field(() => DateScalar, { nullable: true })
  joinedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Set when the membership ended here (transfer, death); the record stays.' })
  endedOn!: string | null;
}

@ObjectType('DutyAssignment', { implements: Node, simpleResolvers: true, description: 'A person holding one of the 两长四员 duties for a place.' })
export class DutyAssignmentType extends NodeFields {
  @Field(() => DutyRole)
  role!: DutyRole;

  @Field(() => DateScalar)
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn!: string | null;
}

export const PersonConnection = ConnectionType<PersonRow>(PersonType, 'Person');
export const PartyMembershipConnection = ConnectionType<PartyMembershipRow>(PartyMembershipType, 'PartyMembership');
export const DutyAssignmentConnection = ConnectionType<DutyAssignmentRow>(DutyAssignmentType, 'DutyAssignment');
