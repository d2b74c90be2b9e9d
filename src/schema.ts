import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { bindFieldResolversDirectly } from './core/graphql/direct-resolvers';
import { protect } from './core/permissions/tree';
import { NodeResolver } from './core/graphql/node.resolver';
import { DateTimeScalar } from './core/graphql/scalars';
import {
  CoManagedAccountResolver,
  CompoundBranchFinanceResolver,
  CommunityFinanceResolver,
  CompoundFinanceResolver,
  CustodianResolver,
  ExpenditureProposalResolver,
  LedgerEntryResolver,
  MonthlyStatementResolver,
  ProposalTransitionResolver,
} from './modules/finance/finance.resolver';
import {
  CandidateResolver,
  CommitteeElectionResolver,
  CommitteeMemberResolver,
  CompoundGovernanceResolver,
  PropertyCommitteeResolver,
} from './modules/governance/governance.resolver';
import {
  CommunityServicesResolver,
  CompoundServicesResolver,
  HouseholdServicesResolver,
  PropertyCompanyRatingResolver,
  PropertyCompanyResolver,
  ServiceEvaluationResolver,
  ServiceItemResolver,
  ServiceListResolver,
  ServiceObjectionResolver,
} from './modules/services/services.resolver';
import { BuildingFeesResolver, CompoundFeesResolver, FeeChargeResolver, FeeScheduleResolver, HouseholdFeesResolver } from './modules/fees/fees.resolver';
import { ArchivingResolver } from './modules/archiving/archiving.resolver';
import { AuditResolver } from './modules/audit/audit.resolver';
import { ApiKeyResolver, CommunityAccessResolver, RoleBindingResolver, ServiceAccountResolver, UserResolver, ViewerResolver } from './modules/identity/identity.resolver';
import { CommunityCommitteeResolver, CommunityResolver } from './modules/hierarchy/community.resolver';
import { DistrictResolver, StreetResolver } from './modules/hierarchy/district.resolver';
import {
  BuildingGroupResolver,
  CompoundBranchAssignmentResolver,
  CompoundBranchResolver,
  MemberHouseholdResolver,
} from './modules/hierarchy/organization.resolver';
import { DutyAssignmentResolver, PartyMembershipResolver, PersonResolver } from './modules/people/people.resolver';
import { BuildingResolver, CompoundResolver, HouseholdResolver, UnitResolver } from './modules/places/places.resolver';

/** Every resolver of the API, by domain. */
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  DistrictResolver,
  StreetResolver,
  CommunityResolver,
  CommunityCommitteeResolver,
  CompoundBranchResolver,
  CompoundBranchAssignmentResolver,
  BuildingGroupResolver,
  MemberHouseholdResolver,
  CompoundResolver,
  BuildingResolver,
  UnitResolver,
  HouseholdResolver,
  PersonResolver,
  PartyMembershipResolver,
  DutyAssignmentResolver,
  ArchivingResolver,
  ViewerResolver,
  UserResolver,
  ServiceAccountResolver,
  ApiKeyResolver,
  RoleBindingResolver,
  CommunityAccessResolver,
  AuditResolver,
  CommunityFinanceResolver,
  CompoundFinanceResolver,
  CompoundBranchFinanceResolver,
  CoManagedAccountResolver,
  CustodianResolver,
  LedgerEntryResolver,
  ExpenditureProposalResolver,
  ProposalTransitionResolver,
  MonthlyStatementResolver,
  CompoundGovernanceResolver,
  PropertyCommitteeResolver,
  CommitteeMemberResolver,
  CommitteeElectionResolver,
  CandidateResolver,
  CommunityServicesResolver,
  CompoundServicesResolver,
  HouseholdServicesResolver,
  PropertyCompanyResolver,
  PropertyCompanyRatingResolver,
  ServiceListResolver,
  ServiceItemResolver,
  ServiceObjectionResolver,
  ServiceEvaluationResolver,
  CompoundFeesResolver,
  BuildingFeesResolver,
  HouseholdFeesResolver,
  FeeScheduleResolver,
  FeeChargeResolver,
];

let built: Promise<GraphQLSchema> | undefined;
let protectedSchema: Promise<GraphQLSchema> | undefined;

/** The schema wrapped in the permission tree: what the server executes. */
export function buildProtectedSchema(): Promise<GraphQLSchema> {
  protectedSchema ??= buildApiSchema().then(protect);
  return protectedSchema;
}

/** Builds the executable schema once per process (type-graphql metadata is global), without permissions. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  }).then((schema) => {
    bindFieldResolversDirectly(schema);
    return schema;
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printApiSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildApiSchema())) + '\n';
}
