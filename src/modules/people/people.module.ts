import { Capability } from '../../core/auth/capabilities';
import { hidden, masked, maskPhone } from '../../core/auth/personal-data';
import { defineModule } from '../../core/module';
import { DutyAssignment } from './duty-assignment.entity';
import { CommunityPeopleResolver, DutyAssignmentResolver, HouseholdPeopleResolver, PersonResolver } from './people.resolver';
import { peopleRules } from './people.rules';
import { Person } from './person.entity';

/** Persons on record and their duties (两长四员); the public face of office holders. */
export const peopleModule = defineModule({
  name: 'people',
  entities: [Person, DutyAssignment],
  resolvers: [CommunityPeopleResolver, HouseholdPeopleResolver, PersonResolver, DutyAssignmentResolver],
  permissions: peopleRules,
  personalData: [
    { type: 'Person', field: 'phone', of: 'person', otherwise: masked((phone) => maskPhone(phone) ?? phone, 'masked: 138****1234') },
    { type: 'Person', field: 'idNumber', of: 'person', otherwise: hidden },
  ],
  archiving: {
    types: [{ type: 'Person', entity: Person, table: 'person', capability: Capability.WRITE_PEOPLE }],
    children: [
      { of: 'Community', table: 'person', column: 'community_id', label: 'persons' },
      { of: 'Household', table: 'person', column: 'household_id', label: 'persons' },
      {
        of: 'Person',
        table: 'duty_assignment',
        column: 'person_id',
        label: 'current duties',
        active: 'ended_on is null',
        notArchivable: true,
      },
    ],
    parents: [
      { of: 'Person', table: 'household', column: 'household_id', label: 'household' },
      // A person may have no household (registered at community level): the community counts too.
      { of: 'Person', table: 'community', column: 'community_id', label: 'community' },
    ],
  },
});
