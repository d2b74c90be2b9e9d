import { BuildingGroup } from '../../modules/hierarchy/building-group.entity';
import { Community } from '../../modules/hierarchy/community.entity';
import { CommunityCommittee } from '../../modules/hierarchy/community-committee.entity';
import { CompoundBranch } from '../../modules/hierarchy/compound-branch.entity';
import { CompoundBranchAssignment } from '../../modules/hierarchy/compound-branch-assignment.entity';
import { District } from '../../modules/hierarchy/district.entity';
import { MemberHousehold } from '../../modules/hierarchy/member-household.entity';
import { Street } from '../../modules/hierarchy/street.entity';
import { DutyAssignment } from '../../modules/people/duty-assignment.entity';
import { PartyMembership } from '../../modules/people/party-membership.entity';
import { Person } from '../../modules/people/person.entity';
import { Building } from '../../modules/places/building.entity';
import { Compound } from '../../modules/places/compound.entity';
import { Household } from '../../modules/places/household.entity';
import { Unit } from '../../modules/places/unit.entity';
import { AuditEntry } from '../../modules/audit/audit-entry.entity';
import { ApiKey } from '../../modules/identity/api-key.entity';
import { RoleBinding } from '../../modules/identity/role-binding.entity';
import { ServiceAccount } from '../../modules/identity/service-account.entity';
import { UserAccount } from '../../modules/identity/user-account.entity';
import { Candidate } from '../../modules/governance/candidate.entity';
import { CommitteeElection } from '../../modules/governance/committee-election.entity';
import { CommitteeMember } from '../../modules/governance/committee-member.entity';
import { PropertyCommittee } from '../../modules/governance/property-committee.entity';
import { PropertyCompany } from '../../modules/services/property-company.entity';
import { ServiceEvaluation } from '../../modules/services/service-evaluation.entity';
import { ServiceItem } from '../../modules/services/service-item.entity';
import { ServiceList } from '../../modules/services/service-list.entity';
import { ServiceObjection } from '../../modules/services/service-objection.entity';
import { FeeCharge } from '../../modules/fees/fee-charge.entity';
import { FeePayment } from '../../modules/fees/fee-payment.entity';
import { FeeSchedule } from '../../modules/fees/fee-schedule.entity';
import { FeeWaiver } from '../../modules/fees/fee-waiver.entity';
import { CoManagedAccount } from '../../modules/finance/co-managed-account.entity';
import { Custodian } from '../../modules/finance/custodian.entity';
import { ExpenditureProposal } from '../../modules/finance/expenditure-proposal.entity';
import { LedgerEntry } from '../../modules/finance/ledger-entry.entity';
import { MonthlyStatement } from '../../modules/finance/monthly-statement.entity';
import { ProposalTransition } from '../../modules/finance/proposal-transition.entity';

/** Every MikroORM entity, listed explicitly (no folder scanning: what is registered is reviewed). */
export const entities = [
  District,
  Street,
  Community,
  CommunityCommittee,
  CompoundBranch,
  BuildingGroup,
  Compound,
  CompoundBranchAssignment,
  Building,
  Unit,
  Household,
  MemberHousehold,
  Person,
  PartyMembership,
  DutyAssignment,
  UserAccount,
  ServiceAccount,
  ApiKey,
  RoleBinding,
  AuditEntry,
  CoManagedAccount,
  Custodian,
  ExpenditureProposal,
  ProposalTransition,
  LedgerEntry,
  MonthlyStatement,
  CommitteeElection,
  Candidate,
  PropertyCommittee,
  CommitteeMember,
  PropertyCompany,
  ServiceList,
  ServiceItem,
  ServiceObjection,
  ServiceEvaluation,
  FeeSchedule,
  FeeCharge,
  FeePayment,
  FeeWaiver,
];
