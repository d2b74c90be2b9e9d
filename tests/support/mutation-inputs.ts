/*
 * What the sweeps need to call every mutation with a well-formed input: the node type each ID input
 * field names, and a value for every other required field. Shared by the cross-tenant sweep and the
 * fail-closed walk; a new mutation whose fields are unknown here makes them fail loudly.
 */

/** Tenant tables and the node type of their rows. */
export const TENANT_TYPES: Array<[string, string]> = [
  ['community_committee', 'CommunityCommittee'],
  ['compound_branch', 'CompoundBranch'],
  ['building_group', 'BuildingGroup'],
  ['compound', 'Compound'],
  ['building', 'Building'],
  ['unit', 'Unit'],
  ['household', 'Household'],
  ['member_household', 'MemberHousehold'],
  ['person', 'Person'],
  ['party_membership', 'PartyMembership'],
  ['duty_assignment', 'DutyAssignment'],
  ['role_binding', 'RoleBinding'],
  ['service_account', 'ServiceAccount'],
  ['api_key', 'ApiKey'],
  ['audit_entry', 'AuditEntry'],
  ['co_managed_account', 'CoManagedAccount'],
  ['custodian', 'Custodian'],
  ['ledger_entry', 'LedgerEntry'],
  ['expenditure_proposal', 'ExpenditureProposal'],
  ['proposal_transition', 'ProposalTransition'],
  ['monthly_statement', 'MonthlyStatement'],
  ['property_committee', 'PropertyCommittee'],
  ['committee_member', 'CommitteeMember'],
  ['committee_election', 'CommitteeElection'],
  ['candidate', 'Candidate'],
  ['property_company', 'PropertyCompany'],
  ['service_list', 'ServiceList'],
  ['service_item', 'ServiceItem'],
  ['service_objection', 'ServiceObjection'],
  ['service_evaluation', 'ServiceEvaluation'],
  ['fee_schedule', 'FeeSchedule'],
  ['fee_charge', 'FeeCharge'],
  ['resident_issue', 'ResidentIssue'],
  ['meeting_schedule', 'MeetingSchedule'],
];

/** Node types that belong to no community: public names, or platform accounts without a person. */
export const PLATFORM_TYPES = new Set(['District', 'Street']);

/** The node type an ID input field names. */
export const FIELD_TYPE: Record<string, string> = {
  personId: 'Person',
  secretaryId: 'Person',
  leaderId: 'Person',
  userId: 'User',
  serviceAccountId: 'ServiceAccount',
  roleBindingId: 'RoleBinding',
  apiKeyId: 'ApiKey',
  communityId: 'Community',
  compoundId: 'Compound',
  buildingId: 'Building',
  unitId: 'Unit',
  householdId: 'Household',
  branchId: 'CompoundBranch',
  buildingGroupId: 'BuildingGroup',
  scopeId: 'Household',
  accountId: 'CoManagedAccount',
  entryId: 'LedgerEntry',
  proposalId: 'ExpenditureProposal',
  statementId: 'MonthlyStatement',
  electionId: 'CommitteeElection',
  candidateId: 'Candidate',
  committeeId: 'PropertyCommittee',
  chairId: 'Person',
  partySecretaryId: 'Person',
  nominatingGroupId: 'BuildingGroup',
  itemId: 'ServiceItem',
  objectionId: 'ServiceObjection',
  propertyCompanyId: 'PropertyCompany',
  scheduleId: 'FeeSchedule',
  chargeId: 'FeeCharge',
  streetId: 'Street',
  districtId: 'District',
  issueId: 'ResidentIssue',
  mediatorId: 'Person',
};

/** The type `input.id` names, by mutation. */
export const ID_TYPE: Record<string, string> = {
  archiveNode: 'Household',
  restoreNode: 'Household',
  updateCommunity: 'Community',
  updateCommunityCommittee: 'CommunityCommittee',
  updateCompoundBranch: 'CompoundBranch',
  updateBuildingGroup: 'BuildingGroup',
  updateMemberHousehold: 'MemberHousehold',
  undesignateMemberHousehold: 'MemberHousehold',
  updatePerson: 'Person',
  updatePartyMembership: 'PartyMembership',
  endPartyMembership: 'PartyMembership',
  endDutyAssignment: 'DutyAssignment',
  updateCompound: 'Compound',
  updateBuilding: 'Building',
  updateUnit: 'Unit',
  updateHousehold: 'Household',
  updateDistrict: 'District',
  updateStreet: 'Street',
};

/** ID fields naming platform-level objects (districts and streets are public and belong to no community). */
export const PLATFORM_FIELDS = new Set(['createCommunity.streetId', 'createStreet.districtId', 'updateDistrict.id', 'updateStreet.id']);

/** Values for required fields that are not IDs. */
export function required(mutation: string, field: string, n: number): unknown {
  if (field === 'kind' && mutation === 'createMeetingSchedule') return 'THIRDS';
  if (field === 'title' && mutation === 'createMeetingSchedule') return '越权测试';
  if (field === 'role') return mutation === 'assignDutyRole' ? 'BUILDING_HEAD' : 'RESIDENT';
  if (field === 'name' && mutation === 'createServiceAccount') return `sweep-${n}`;
  if (field === 'category') return mutation === 'recordIncome' ? 'FEES' : mutation === 'reportIssue' ? 'repairs' : 'REPAIR';
  const values: Record<string, unknown> = {
    login: `sweep.${n}`,
    displayName: '越权测试',
    name: `越权测试${n}`,
    branchName: `越权测试支部${n}`,
    city: '太原市',
    kind: 'STANDALONE',
    propertyMode: 'NONE',
    doorNo: '999',
    organizationRelation: 'LOCAL',
    status: 'FULL',
    custodians: [],
    seat: 'OWNER_REPRESENTATIVE',
    amountFen: 100,
    occurredOn: '2026-02-01',
    description: '越权测试',
    reason: '越权测试',
    purpose: '越权测试',
    payee: '越权测试',
    month: '2026-02-01',
    seats: 5,
    termStart: '2026-04-01',
    termEnd: '2029-03-31',
    heldOn: '2026-03-20',
    eligibleVoters: 400,
    votesCast: 300,
    results: [],
    members: [],
    approved: true,
    nomination: 'SELF',
    endedOn: '2026-03-01',
    items: [],
    provider: 'COMMITTEE',
    text: '越权测试',
    answer: '越权测试',
    quarter: '2026-10-01',
    score: 3,
    basis: 'PER_HOUSEHOLD',
    rateFen: 100,
    period: mutation === 'createFeeSchedule' ? 'MONTHLY' : '2026-02-01',
    agreedOn: '2026-01-01',
    effectiveFrom: '2026-02-01',
    subject: 'HOUSEHOLD',
    nameVisible: true,
    rating: 3,
    note: '越权测试',
    capacity: 'GRID_WORKER',
    startsOn: '2026-02-01',
    startTime: '09:00',
    nextWorkingDay: true,
    outcome: 'AGREED',
  };
  if (!(field in values)) throw new Error(`the sweep has no value for ${mutation}.input.${field}: add one`);
  return values[field];
}
