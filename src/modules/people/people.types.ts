import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields, NodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { DateScalar } from '../../core/graphql/scalars';
import { DutyRole, Gender } from './people.enums';
import type { DutyAssignmentRow } from './duty-assignment.loaders';
import type { PersonRow } from './person.loaders';

@ObjectType('Person', { implements: Node, simpleResolvers: true, description: '居民: a person on record in a community.' })
export class PersonType extends ArchivableNodeFields {
  @Field({ description: 'Full name (personal data).' })
  name!: string;

  @Field(() => Gender, { description: 'Gender.', nullable: true })
  gender!: Gender | null;

  @Field(() => Int, { description: 'Year of birth.', nullable: true })
  birthYear!: number | null;

  @Field(() => String, { nullable: true, description: 'Personal data: masked (138****1234) without a duty of care.' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Resident identity card number. Personal data: null without a duty of care.' })
  idNumber!: string | null;

  // Read with the row (PersonSpec's column, under the membership table's own row-level security),
  // so the field needs no resolver: a resolver here was a call per person of every list (issue 15).
  // Every person the API hands out is a PersonSpec row; one that lacked the column would fail loudly
  // (a null for a non-null field), never answer wrongly.
  @Field({ description: 'Whether the person has a current party membership.' })
  isPartyMember!: boolean;
}

@ObjectType('DutyAssignment', {
  implements: Node,
  simpleResolvers: true,
  description: 'A person holding one of the 两长四员 duties for a place.',
})
export class DutyAssignmentType extends NodeFields {
  @Field(() => DutyRole, { description: 'Which duty.' })
  role!: DutyRole;

  @Field(() => DateScalar, { description: 'The day it began.' })
  startedOn!: string;

  @Field(() => DateScalar, { description: 'The day it ended; null while current.', nullable: true })
  endedOn!: string | null;
}

export const PersonConnection = ConnectionType<PersonRow>(PersonType, 'Person');
export const DutyAssignmentConnection = ConnectionType<DutyAssignmentRow>(DutyAssignmentType, 'DutyAssignment');
