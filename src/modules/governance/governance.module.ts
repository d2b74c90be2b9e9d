import { defineModule } from '../../core/module';
import { Candidate } from './candidate.entity';
import { CommitteeCandidatesQuery } from './candidates.query';
import { CommitteeElection } from './committee-election.entity';
import { CommitteeMember } from './committee-member.entity';
import { GovernanceError } from './governance.errors';
import {
  CandidateResolver,
  CommitteeElectionResolver,
  CommitteeMemberResolver,
  CompoundGovernanceResolver,
  PropertyCommitteeResolver,
} from './governance.resolver';
import { governanceMutationRules, governanceRules } from './governance.rules';
import { PropertyCommittee } from './property-committee.entity';

/** Property committees, their elections and candidates, recalls and interim committees. */
export const governanceModule = defineModule({
  name: 'governance',
  entities: [CommitteeElection, Candidate, PropertyCommittee, CommitteeMember],
  resolvers: [
    CompoundGovernanceResolver,
    PropertyCommitteeResolver,
    CommitteeMemberResolver,
    CommitteeElectionResolver,
    CandidateResolver,
    CommitteeCandidatesQuery,
  ],
  permissions: { ...governanceRules, Mutation: governanceMutationRules },
  userErrors: GovernanceError,
});
