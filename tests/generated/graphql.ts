/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Adds a kind of help to the community’s list. */
export type AddCareHelpItemInput = {
  /** The community. */
  communityId: string;
  /** e.g. 代购代缴. */
  name: string;
};

/** Puts a person on a station’s roster: weekly in a slot (weekday, startsAt, endsAt), or whole days from fromOn until untilOn. */
export type AddStationRosterEntryInput = {
  /** Local end HH:MM of the weekly slot. */
  endsAt?: string | null | undefined;
  /** The first day. */
  fromOn: string;
  /** The person on duty (of the station’s community). */
  personId: string;
  /** Local start HH:MM of the weekly slot. */
  startsAt?: string | null | undefined;
  /** The station. */
  stationId: string;
  /** The last day (none: until ended). */
  untilOn?: string | null | undefined;
  /** ISO weekday of a weekly slot; null for whole days over the date range. */
  weekday?: number | null | undefined;
};

/** Adds an item to the community’s station standard. */
export type AddStationStandardItemInput = {
  /** The community. */
  communityId: string;
  /** e.g. 有台账. */
  name: string;
};

/** What the `answerServiceObjection` mutation takes. */
export type AnswerServiceObjectionInput = {
  /** The committee's or company's answer, shown to residents. */
  answer: string;
  /** The objection answered. */
  objectionId: string;
};

/** Appoints a person of the community to its care staff. */
export type AppointCareStaffInput = {
  /** The community. */
  communityId: string;
  /** The person appointed (of the same community). */
  personId: string;
};

/** Appoints a person to a cross-appointed post (交叉任职) for a compound (compoundId) or the community (communityId). */
export type AppointCrossPostInput = {
  /** The appointing body, e.g. 振兴社区党委. */
  appointedBy: string;
  /** The community, for a post over the whole community. */
  communityId?: string | null | undefined;
  /** The compound, for a post over one compound. */
  compoundId?: string | null | undefined;
  /** The other side of the post, e.g. the property company. */
  counterpart: string;
  /** The person appointed (property-company staff are persons of the community too). */
  personId: string;
  /** The post. */
  post: CrossAppointedPost;
  /** First day in the post; default today. */
  startedOn?: string | null | undefined;
};

/** What the `appointInterimCommittee` mutation takes. */
export type AppointInterimCommitteeInput = {
  /** The compound whose interim committee this is. */
  compoundId: string;
  /** Its members and their seats. */
  members: Array<CommitteeSeatInput>;
  /** Default: "<compound>临时物业管理委员会". */
  name?: string | null | undefined;
  /** Default: the compound branch's secretary. */
  partySecretaryId?: string | null | undefined;
  /** The last day it may sit (an election is due by then). */
  termEnd?: string | null | undefined;
  /** The first day it sits. */
  termStart: string;
};

/** What the `archiveNode` mutation takes. */
export type ArchiveNodeInput = {
  /** Any archivable node: district, street, community, committee, branch, building group, compound, building, unit, household, person. */
  id: string;
};

/** ACTIVE (default): not archived. ARCHIVED: only archived. ALL: both. */
export type ArchivedFilter =
  /** Rows not archived (the default). */
  | 'ACTIVE'
  /** Archived and not archived rows. */
  | 'ALL'
  /** Archived rows only. */
  | 'ARCHIVED';

/** What the `assignCompoundToBranch` mutation takes. */
export type AssignCompoundToBranchInput = {
  /** The branch that covers the compound from `since`; null: no branch covers it any more. */
  branchId?: string | null | undefined;
  /** The compound to place under the branch. */
  compoundId: string;
  /** Default: today (UTC). */
  since?: string | null | undefined;
};

/** What the `assignDutyRole` mutation takes. */
export type AssignDutyRoleInput = {
  /** Required for BUILDING_HEAD. */
  buildingId?: string | null | undefined;
  /** The compound the duty is for (derived from the building or unit when given). */
  compoundId?: string | null | undefined;
  /** The person who takes the duty. */
  personId: string;
  /** Which of the two heads and four officers (两长四员). */
  role: DutyRole;
  /** Default: today (UTC). */
  startedOn?: string | null | undefined;
  /** Required for UNIT_HEAD. */
  unitId?: string | null | undefined;
};

/** Records an honour for the community, a compound, a team or a person. */
export type AwardVolunteerHonourInput = {
  /** The awarding body. */
  awardedBy: string;
  /** When it was awarded. */
  awardedOn: string;
  /** The community honoured (or whose compound, team or person is). */
  communityId?: string | null | undefined;
  /** The compound honoured. */
  compoundId?: string | null | undefined;
  /** The person honoured. */
  personId?: string | null | undefined;
  /** The team honoured. */
  teamId?: string | null | undefined;
  /** e.g. 全国最佳志愿服务社区. */
  title: string;
};

/** Lets a service account write external IDs (and upserts) of a source system. */
export type BindServiceAccountSystemInput = {
  /** The service account. */
  serviceAccountId: string;
  /** The source system it speaks for. */
  system: string;
};

/** Why a compound came under a branch. */
export type BranchAssignmentReason =
  /** Its first assignment. */
  | 'ASSIGNED'
  /** It left a joint branch for a standalone branch of its own. */
  | 'GRADUATED'
  /** Moved to another branch later. */
  | 'REASSIGNED';

/** STANDALONE: a compound branch of its own (小区党支部). JOINT: a joint branch covering small compounds (联合党支部). */
export type BranchKind =
  /** A joint branch covering several small compounds (联合党支部). */
  | 'JOINT'
  /** A compound branch of its own (小区党支部). */
  | 'STANDALONE';

/** What the `cancelCommitteeElection` mutation takes. */
export type CancelCommitteeElectionInput = {
  /** The election to cancel. */
  electionId: string;
  /** Why, kept with the election. */
  reason: string;
};

/** The street office's review of a candidate. */
export type CandidateReview =
  /** Approved by the street office: may stand. */
  | 'APPROVED'
  /** Not reviewed yet. */
  | 'PENDING'
  /** Rejected by the street office: may not stand. */
  | 'REJECTED';

/** What the `candidateVotes` mutation takes. */
export type CandidateVotesInput = {
  /** The candidate. */
  candidateId: string;
  /** Votes the candidate received. */
  votes: number;
};

/** What a role allows within its scope (docs/permissions.md). */
export type Capability =
  /** Answering residents' objections (the provider's side). */
  | 'ANSWER_OBJECTIONS'
  /** A community's issue categories, SLAs and reopening window. */
  | 'CONFIGURE_ISSUES'
  /** 商议: recording the discussion of branch and committee. */
  | 'DISCUSS_SPENDING'
  /** The quarterly evaluation, for a household. */
  | 'EVALUATE_SERVICES'
  /** Taking in, handling, escalating and handing down residents' issues at the holder's level of the ladder. */
  | 'HANDLE_ISSUES'
  /** Users, service accounts, API keys and role bindings, within the granter's own capabilities. */
  | 'MANAGE_ACCESS'
  /** Opening accounts, seating custodians, recording income and reversals. */
  | 'MANAGE_ACCOUNTS'
  /** Property committees: elections, nominations, recording votes, confirmation, interim committees, recalls. */
  | 'MANAGE_COMMITTEES'
  /** Fee schedules, issuing charges, waivers. */
  | 'MANAGE_FEES'
  /** Property companies, monthly service lists. */
  | 'MANAGE_SERVICES'
  /** Paying a resolved proposal from the account (a custodian's act). */
  | 'PAY_SPENDING'
  /** Preparing and publishing monthly statements (the finance supervision group). */
  | 'PREPARE_STATEMENTS'
  /** 提议: proposing a spend (the compound branch). */
  | 'PROPOSE_SPENDING'
  /** Objecting to a service item, for a household. */
  | 'RAISE_OBJECTIONS'
  /** Co-managed accounts: custodians, the ledger, expenditure proposals, draft statements. */
  | 'READ_ACCOUNTS'
  /** Aggregates across communities (district read models). */
  | 'READ_AGGREGATES'
  /** Which households owe (the arrears list). */
  | 'READ_ARREARS'
  /** The audit log. */
  | 'READ_AUDIT'
  /** Published monthly statements, for those bound inside the compound too (a resident's household). */
  | 'READ_DISCLOSURES'
  /** Households (door numbers masked unless READ_PERSONAL_DATA or WRITE_PLACES). */
  | 'READ_HOUSEHOLDS'
  /** Phone, identity number, exact room, vulnerability tags: the duty of care. */
  | 'READ_PERSONAL_DATA'
  /** Persons, their party memberships and duties. */
  | 'READ_PERSONS'
  /** Names and shape of the organization and places: districts down to units, member-household plates. */
  | 'READ_STRUCTURE'
  /** Recording fee payments. */
  | 'RECORD_FEES'
  /** Reporting a resident issue (诉求) for a household. */
  | 'REPORT_ISSUES'
  /** 决议: recording the building-heads meeting's resolution. */
  | 'RESOLVE_SPENDING'
  /** The street office's review of committee candidates. */
  | 'REVIEW_CANDIDATES'
  /** 审议: recording the party-member assembly's review. */
  | 'REVIEW_SPENDING'
  /** Districts, streets, communities, committees, branches, groups, coverage and graduation, building moves, member households, party memberships, duties. */
  | 'WRITE_ORGANIZATION'
  /** Persons, including their personal data. */
  | 'WRITE_PEOPLE'
  /** Compounds, buildings, units, households. */
  | 'WRITE_PLACES';

/** What came of the help given on a care visit. */
export type CareOutcome =
  /** Nothing to solve yet, or still being worked on. */
  | 'OPEN'
  /** Passed on to the community or another body to solve. */
  | 'PASSED_ON'
  /** The problem was solved (counted among the problems solved). */
  | 'SOLVED';

/** What happened to the object. */
export type ChangeOperation =
  /** It was created. */
  | 'CREATED'
  /** It was removed (rows are archived, so rarely seen). */
  | 'DELETED'
  /** Fields changed (archiving and restoring too: archivedAt among the fields). */
  | 'UPDATED';

/** What the `changePassword` mutation takes. */
export type ChangePasswordInput = {
  /** The password in use now. */
  currentPassword: string;
  /** At least 10 characters. */
  newPassword: string;
};

/** The caller checks in at a station they are stationed at (驻点打卡). */
export type CheckInAtStationInput = {
  /** The station. */
  stationId: string;
};

/** The caller checks in at an activity with the code of its QR. */
export type CheckInVolunteerInput = {
  /** The activity. */
  activityId: string;
  /** The code the activity’s QR carries. */
  code: string;
};

/** The caller checks out of the station: closes their open check-in there. */
export type CheckOutOfStationInput = {
  /** The station. */
  stationId: string;
};

/** The caller checks out of an activity they checked in at today; their minutes go on the ledger. */
export type CheckOutVolunteerInput = {
  /** The activity. */
  activityId: string;
};

/** Records a reporting member’s claim (认领) of an offer. */
export type ClaimServiceOfferInput = {
  /** When it was claimed; default today. */
  claimedOn?: string | null | undefined;
  /** The member’s reporting (EXTERNAL) party membership in the offer’s community. */
  membershipId: string;
  /** The offer. */
  offerId: string;
};

/** Closes an offer: it takes no more claims (those made stay). */
export type CloseServiceOfferInput = {
  /** Its last day for claims; default today. */
  closedOn?: string | null | undefined;
  /** The offer. */
  offerId: string;
};

/** ELECTED by residents, or INTERIM (appointed until an election). */
export type CommitteeKind =
  /** Elected by the residents, confirmed against the community's rules. */
  | 'ELECTED'
  /** Appointed to bridge a gap (after a recall), until an election. */
  | 'INTERIM';

/** A seat on a property committee. */
export type CommitteeRole =
  /** Chair of the committee (主任). */
  | 'CHAIR'
  /** Member (委员). */
  | 'MEMBER'
  /** Vice chair (副主任). */
  | 'VICE_CHAIR';

/** What the `committeeSeat` mutation takes. */
export type CommitteeSeatInput = {
  /** The person who takes the seat. */
  personId: string;
  /** The seat: chair, vice chair or member. */
  role: CommitteeRole;
};

/** Where a property committee stands; the history keeps every one. */
export type CommitteeStatus =
  /** Recalled before the end of its term. */
  | 'RECALLED'
  /** Sitting now. */
  | 'SITTING'
  /** Its term ended, or a successor was confirmed. */
  | 'TERM_ENDED';

/** Records that a claim is done: minutes spent and what came of it. */
export type CompleteServiceClaimInput = {
  /** The claim. */
  claimId: string;
  /** When it was done; default today. */
  completedOn?: string | null | undefined;
  /** Minutes spent in all. */
  minutes: number;
  /** What came of it. */
  outcome: string;
};

/** What the `confirmCommitteeElection` mutation takes. */
export type ConfirmCommitteeElectionInput = {
  /** The chair: a person among those elected. */
  chairId: string;
  /** The election whose result is confirmed. */
  electionId: string;
  /** Default: "<compound>业主委员会". */
  name?: string | null | undefined;
  /** The committee's party secretary; must be the compound branch's secretary (the default). */
  partySecretaryId?: string | null | undefined;
};

/** Corrects a ledger entry: reverses it and, when minutes are given, records the right amount. */
export type CorrectVolunteerHoursInput = {
  /** The entry to reverse. */
  hoursId: string;
  /** The right number of minutes (none: the entry was wrong altogether). */
  minutes?: number | null | undefined;
  /** Why. */
  reason: string;
};

/** What the `createApiKey` mutation takes. */
export type CreateApiKeyInput = {
  /** When the key stops working; by default API_KEY_DEFAULT_TTL_DAYS from now, at most API_KEY_MAX_TTL_DAYS. */
  expiresAt?: string | null | undefined;
  /** A name for the key, to tell keys apart (not secret). */
  label?: string | null | undefined;
  /** The service account the key signs in as. */
  serviceAccountId: string;
};

/** What the `createBuildingGroup` mutation takes. */
export type CreateBuildingGroupInput = {
  /** The branch the group belongs to. */
  branchId: string;
  /** The group leader, a person of this community. */
  leaderId?: string | null | undefined;
  /** e.g. 第一党小组 */
  name: string;
};

/** What the `createBuilding` mutation takes. */
export type CreateBuildingInput = {
  /** A building group of the branch covering the compound. */
  buildingGroupId?: string | null | undefined;
  /** The compound the building stands in. */
  compoundId: string;
  /** Number of floors above ground. */
  floors?: number | null | undefined;
  /** e.g. 1号楼 */
  name: string;
};

/** What the `createCommunity` mutation takes. */
export type CreateCommunityInput = {
  /** Area in square kilometres. */
  areaKm2?: number | null | undefined;
  /** The community's own brand for its party-building work, if any. */
  brandName?: string | null | undefined;
  /** The community committee is created with the community; default "<name>党委". */
  committeeName?: string | null | undefined;
  /** e.g. 永康北路社区 */
  name: string;
  /** Registered residents (户籍人口), as reported. */
  registeredResidents?: number | null | undefined;
  /** The street office the community belongs to. */
  streetId: string;
};

/** What the `createCompoundBranch` mutation takes. */
export type CreateCompoundBranchInput = {
  /** The community whose committee the branch belongs to. */
  communityId: string;
  /** The day the branch was established. */
  establishedOn?: string | null | undefined;
  /** Standalone (one compound) or joint (several small compounds). */
  kind: BranchKind;
  /** e.g. 馨园小区党支部, 联合党支部一 */
  name: string;
  /** A person of this community. */
  secretaryId?: string | null | undefined;
};

/** What the `createCompound` mutation takes. */
export type CreateCompoundInput = {
  /** The branch covering it from the start, if any. */
  branchId?: string | null | undefined;
  /** Since when the branch covers it; default today (UTC). */
  branchSince?: string | null | undefined;
  /** Year the compound was built. */
  builtYear?: number | null | undefined;
  /** The community the compound lies in. */
  communityId: string;
  /** e.g. 馨园 */
  name: string;
  /** How it is managed. */
  propertyMode: PropertyMode;
};

/** What the `createDistrict` mutation takes. */
export type CreateDistrictInput = {
  /** e.g. 太原市 */
  city: string;
  /** e.g. 小店区 */
  name: string;
};

/** What the `createFeeSchedule` mutation takes. */
export type CreateFeeScheduleInput = {
  /** The day the owners agreed the fee (the rate needs their agreement). */
  agreedOn: string;
  /** Per household or per m². */
  basis: FeeBasis;
  /** The compound charged. */
  compoundId: string;
  /** The first day the fee applies: the first day of a period, not before agreedOn. */
  effectiveFrom: string;
  /** e.g. 物业管理费 */
  name: string;
  /** How often it is charged. */
  period: FeePeriod;
  /** The rate in fen, per household or per m² and period. */
  rateFen: number;
};

/** A new grid unit (网格) covering compounds or buildings, optionally posted to a station. */
export type CreateGridUnitInput = {
  /** Single buildings it covers. */
  buildingIds?: Array<string> | null | undefined;
  /** The community. */
  communityId: string;
  /** Whole compounds it covers. */
  compoundIds?: Array<string> | null | undefined;
  /** e.g. 第一网格. */
  name: string;
  /** The station its people are posted to. */
  stationId?: string | null | undefined;
};

/** What the `createHousehold` mutation takes. */
export type CreateHouseholdInput = {
  /** Floor area in m². */
  areaSqm?: number | null | undefined;
  /** Room number on the door, e.g. 101. */
  doorNo: string;
  /** The unit the household lives in. */
  unitId: string;
  /** The 147 linkage categories that apply. Personal data. */
  vulnerabilityTags?: Array<VulnerabilityTag> | null | undefined;
};

/** What the `createPerson` mutation takes. */
export type CreatePersonInput = {
  /** Year of birth. */
  birthYear?: number | null | undefined;
  /** For a person on record without a household here; otherwise taken from the household. */
  communityId?: string | null | undefined;
  /** Gender. */
  gender?: Gender | null | undefined;
  /** The household the person lives in; gives the community. */
  householdId?: string | null | undefined;
  /** Resident identity card number (18 characters). Personal data. */
  idNumber?: string | null | undefined;
  /** Full name (personal data). */
  name: string;
  /** Personal data. */
  phone?: string | null | undefined;
};

/** What the `createServiceAccount` mutation takes. */
export type CreateServiceAccountInput = {
  /** The community that owns it; omit for a platform-level account. */
  communityId?: string | null | undefined;
  /** What the other system is and who runs it. */
  description?: string | null | undefined;
  /** e.g. sync.yongkangbeilu */
  name: string;
};

/** A new station or other service place of a community (optionally serving one compound). */
export type CreateServiceStationInput = {
  /** Floor area in whole square metres. */
  areaSquareMeters?: number | null | undefined;
  /** The community. */
  communityId: string;
  /** The compound it serves, if one. */
  compoundId?: string | null | undefined;
  /** Facilities, e.g. 日间照料, 议事厅 (at most 30). */
  facilities?: Array<string> | null | undefined;
  /** e.g. 馨园党群服务站. */
  name: string;
  /** Weekly opening hours (may be empty). */
  openingHours: Array<OpeningSlotInput>;
  /** What kind of place it is. */
  stationKind: StationKind;
};

/** What the `createStreet` mutation takes. */
export type CreateStreetInput = {
  /** The district the street office belongs to. */
  districtId: string;
  /** e.g. 小店街道 */
  name: string;
};

/** What the `createUnit` mutation takes. */
export type CreateUnitInput = {
  /** The building the unit is in. */
  buildingId: string;
  /** e.g. 1单元 */
  name: string;
};

/** What the `createUser` mutation takes. */
export type CreateUserInput = {
  /** The name shown for the login (not necessarily a person's legal name). */
  displayName: string;
  /** Lower-case letters, digits, ".", "-", "_", e.g. secretary.xinyuan. */
  login: string;
  /** The subject ("sub") of this user at the configured OpenID Connect provider. */
  oidcSubject?: string | null | undefined;
  /** At least 10 characters; omit for accounts that sign in through the OpenID Connect provider. */
  password?: string | null | undefined;
  /** The person on record this user is. */
  personId?: string | null | undefined;
};

/** A new volunteer team: of a compound (compoundId) or of the whole community (communityId). */
export type CreateVolunteerTeamInput = {
  /** The community, for a community-wide team. */
  communityId?: string | null | undefined;
  /** The compound, for a compound’s team. */
  compoundId?: string | null | undefined;
  /** The team leader (a person of the community). */
  leaderId?: string | null | undefined;
  /** e.g. 夜间巡逻队. */
  name: string;
  /** What the team does. */
  teamKind: VolunteerTeamKind;
};

/** 交叉任职: a post the community and the property company hold in each other (seed 002). */
export type CrossAppointedPost =
  /** The community secretary as the property company’s party-building instructor (党建指导员). */
  | 'PARTY_BUILDING_INSTRUCTOR'
  /** A community committee member as liaison to the property company (党建联络员). */
  | 'PARTY_BUILDING_LIAISON'
  /** The grid chief as public-opinion liaison (民意联络员). */
  | 'PUBLIC_OPINION_LIAISON'
  /** The property manager as social-conditions supervisor of the community (社情监督员). */
  | 'SOCIAL_CONDITIONS_SUPERVISOR';

/** The three seats of a co-managed account. */
export type CustodianSeat =
  /** The compound branch's secretary's seat. */
  | 'BRANCH_SECRETARY'
  /** The property committee's seat. */
  | 'COMMITTEE_MEMBER'
  /** The owners' representative's seat (a resident off the committee). */
  | 'OWNER_REPRESENTATIVE';

/** What the `custodianSeat` mutation takes. */
export type CustodianSeatInput = {
  /** The person who takes the seat. */
  personId: string;
  /** Which of the three seats. */
  seat: CustodianSeat;
};

/** What the `designateMemberHousehold` mutation takes. */
export type DesignateMemberHouseholdInput = {
  /** Default: today (UTC). */
  designatedOn?: string | null | undefined;
  /** Whether the 共产党员户 plate is displayed; default true. */
  displaysPlate?: boolean | null | undefined;
  /** The duties on the member household's plate. */
  duties?: string | null | undefined;
  /** A household with at least one current party member. */
  householdId: string;
  /** The household's public pledge (承诺). */
  pledge?: string | null | undefined;
  /** What the members can help neighbours with. */
  specialties?: string | null | undefined;
};

/** What the `disableServiceAccount` mutation takes. */
export type DisableServiceAccountInput = {
  /** The service account to disable. */
  serviceAccountId: string;
};

/** What the `disableUser` mutation takes. */
export type DisableUserInput = {
  /** The login to disable. */
  userId: string;
};

/** What the `discussExpenditure` mutation takes. */
export type DiscussExpenditureInput = {
  /** Abstentions at the meeting. */
  abstentions?: number | null | undefined;
  /** Members present at the meeting. */
  attendance?: number | null | undefined;
  /** An optional comment kept in the proposal's history. */
  comment?: string | null | undefined;
  /** Who could attend: the quorum base. */
  eligible?: number | null | undefined;
  /** The version you saw; if the proposal changed since, CONFLICT and nothing happens. */
  expectedVersion?: number | null | undefined;
  /** e.g. 党员大会 2026-03-12 */
  meeting?: string | null | undefined;
  /** The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8). */
  meetingOn?: string | null | undefined;
  /** The proposal. */
  proposalId: string;
  /** Votes against. */
  votesAgainst?: number | null | undefined;
  /** Votes for. */
  votesFor?: number | null | undefined;
};

/** 两长四员: BUILDING_HEAD 楼栋长, UNIT_HEAD 单元长, POLICY_PUBLICIST 政策宣传员, SENTIMENT_INFORMANT 民情信息员, SAFETY_PATROLLER 平安巡防员, CIVILITY_PERSUADER 文明劝导员. */
export type DutyRole =
  /** Building head (楼栋长). */
  | 'BUILDING_HEAD'
  /** Civility persuader (文明劝导员). */
  | 'CIVILITY_PERSUADER'
  /** Policy publicist (政策宣传员). */
  | 'POLICY_PUBLICIST'
  /** Safety patroller (安全巡查员). */
  | 'SAFETY_PATROLLER'
  /** Residents' sentiment informant (民情信息员). */
  | 'SENTIMENT_INFORMANT'
  /** Unit head (单元长). */
  | 'UNIT_HEAD';

/** Where a committee election stands. */
export type ElectionStatus =
  /** Cancelled; nobody was elected. */
  | 'CANCELLED'
  /** The result is confirmed and the new committee sits. */
  | 'CONFIRMED'
  /** Candidates are put forward and reviewed. */
  | 'NOMINATING'
  /** The vote is recorded; the result awaits confirmation. */
  | 'VOTED';

/** What the `enableServiceAccount` mutation takes. */
export type EnableServiceAccountInput = {
  /** The service account to enable again. */
  serviceAccountId: string;
};

/** What the `enableUser` mutation takes. */
export type EnableUserInput = {
  /** The login to enable again. */
  userId: string;
};

/** Ends a care link (the history stays). */
export type EndCareLinkInput = {
  /** The last day of the link. */
  endedOn: string;
  /** The link to end. */
  linkId: string;
  /** Why it ends. */
  reason: string;
};

/** Ends a cross-appointment (the record stays). */
export type EndCrossAppointmentInput = {
  /** The appointment. */
  appointmentId: string;
  /** Last day in the post; default today. */
  endedOn?: string | null | undefined;
};

/** What the `endDutyAssignment` mutation takes. */
export type EndDutyAssignmentInput = {
  /** Default: today (UTC). */
  endedOn?: string | null | undefined;
  /** The duty assignment to end. */
  id: string;
};

/** Ends a posting; the GRID_WORKER bindings it carried are revoked. */
export type EndGridPostingInput = {
  /** The last day (default today). */
  endedOn?: string | null | undefined;
  /** The posting. */
  gridPostingId: string;
};

/** What the `endPartyMembership` mutation takes. */
export type EndPartyMembershipInput = {
  /** Default: today (UTC). */
  endedOn?: string | null | undefined;
  /** The party membership to end. */
  id: string;
};

/** Ends a reporting relation: later claims no longer reach the home branch. */
export type EndReportingRelationInput = {
  /** Its last day; default today. */
  endedOn?: string | null | undefined;
  /** The relation. */
  relationId: string;
};

/** Ends a roster entry. */
export type EndStationRosterEntryInput = {
  /** The roster entry. */
  rosterEntryId: string;
  /** The last day on duty (default today). */
  untilOn?: string | null | undefined;
};

/** What the `evaluateService` mutation takes. */
export type EvaluateServiceInput = {
  /** An optional comment with the score. */
  comment?: string | null | undefined;
  /** The household evaluating (one evaluation per household and quarter). */
  householdId: string;
  /** A service item of one of the quarter lists; null rates the service overall. */
  itemId?: string | null | undefined;
  /** Any day of the quarter; only the current quarter is open. */
  quarter: string;
  /** The score given. */
  score: number;
};

/** The kinds of object a city system also knows, and which can carry external IDs. */
export type ExternalNodeType =
  /** 楼栋: a Building. */
  | 'BUILDING'
  /** 社区: a Community. */
  | 'COMMUNITY'
  /** 小区: a Compound. */
  | 'COMPOUND'
  /** 区: a District. */
  | 'DISTRICT'
  /** 户: a Household. */
  | 'HOUSEHOLD'
  /** 居民: a Person. */
  | 'PERSON'
  /** 街道: a Street. */
  | 'STREET'
  /** 单元: a Unit. */
  | 'UNIT';

/** What a fee is charged on. */
export type FeeBasis =
  /** The same amount for every household. */
  | 'PER_HOUSEHOLD'
  /** Per m² of the household's floor area, rounded to the fen. */
  | 'PER_SQM';

/** How often a fee is charged. */
export type FeePeriod =
  /** Charged every month. */
  | 'MONTHLY'
  /** Charged every quarter (January, April, July, October). */
  | 'QUARTERLY'
  /** Charged once a year. */
  | 'YEARLY';

/** A person's gender. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** What the `graduateCompound` mutation takes. */
export type GraduateCompoundInput = {
  /** Name of the new standalone branch, e.g. 一中宿舍小区党支部. */
  branchName: string;
  /** A compound now covered by a JOINT branch. */
  compoundId: string;
  /** Default: today (UTC). */
  graduatedOn?: string | null | undefined;
  /** Secretary of the new branch, a person of this community. */
  secretaryId?: string | null | undefined;
};

/** What the `grantRole` mutation takes. */
export type GrantRoleInput = {
  /** The role granted. */
  role: Role;
  /** The scope node: a district, street, community, branch, building group, compound or household. Omit for the platform. */
  scopeId?: string | null | undefined;
  /** The service account that receives it (instead of a user). */
  serviceAccountId?: string | null | undefined;
  /** The user to grant to (or serviceAccountId). */
  userId?: string | null | undefined;
};

/** A post in a grid unit (网格). */
export type GridPost =
  /** 网格长: the grid chief (one at a time per grid). */
  | 'CHIEF'
  /** 网格员: a grid worker. */
  | 'WORKER';

/** What the `issueFeeCharges` mutation takes. */
export type IssueFeeChargesInput = {
  /** Any day of the period; charges every active household of the compound that has none for it yet. */
  period: string;
  /** The fee schedule whose charges are issued for the period. */
  scheduleId: string;
};

/** What the money was for; income categories with INCOME, expense categories with EXPENSE, CORRECTION on reversals. */
export type LedgerCategory =
  /** Expense: cleaning. */
  | 'CLEANING'
  /** Only on reversals: the category of the entry reversed applies. */
  | 'CORRECTION'
  /** Income: a donation. */
  | 'DONATION'
  /** Income: fees paid by households. */
  | 'FEES'
  /** Expense: greening and gardens. */
  | 'GREENING'
  /** Expense of another kind. */
  | 'OTHER_EXPENSE'
  /** Income of another kind. */
  | 'OTHER_INCOME'
  /** Expense: repairs. */
  | 'REPAIR'
  /** Expense: security and guards. */
  | 'SECURITY'
  /** Expense: staff paid by the account. */
  | 'STAFF'
  /** Income: a subsidy (e.g. from the street or district). */
  | 'SUBSIDY'
  /** Expense: supplies and materials. */
  | 'SUPPLIES'
  /** Expense: water, power and other utilities of common areas. */
  | 'UTILITIES';

/** What a ledger entry does to the balance. */
export type LedgerEntryKind =
  /** Money out (支出): takes from the balance. */
  | 'EXPENSE'
  /** Money in (收入): adds to the balance. */
  | 'INCOME'
  /** Cancels one earlier entry (its opposite amount); the only way to correct the ledger. */
  | 'REVERSAL';

/** Links a special-group household to a party member’s linkage card, with the household’s consent. */
export type LinkCareHouseholdInput = {
  /** Who consented for the household (their name). */
  consentBy: string;
  /** What the household agreed may be recorded, e.g. 走访日期和帮办事项，不记录健康状况. */
  consentScope: string;
  /** When the household consented. */
  consentedOn: string;
  /** The household linked. */
  householdId: string;
  /** When the link begins; default today. */
  linkedOn?: string | null | undefined;
  /** The party member holding the card. */
  memberId: string;
  /** The special group it is linked for: one of the household’s tags. */
  tag: VulnerabilityTag;
};

/** What the `login` mutation takes. */
export type LoginInput = {
  /** The login name. */
  login: string;
  /** The password (never stored or logged). */
  password: string;
};

/** PROBATIONARY (预备党员) or FULL (正式党员). */
export type MembershipStatus =
  /** Full member (正式党员). */
  | 'FULL'
  /** Probationary member (预备党员). */
  | 'PROBATIONARY';

/** What the `moveBuilding` mutation takes. */
export type MoveBuildingInput = {
  /** The building group to move to (of the branch covering the compound); null: no group. */
  buildingGroupId?: string | null | undefined;
  /** The building moved to another building group. */
  buildingId: string;
};

/** What the `nominateCommitteeCandidate` mutation takes. */
export type NominateCommitteeCandidateInput = {
  /** The election the candidate stands in. */
  electionId: string;
  /** For BUILDING_GROUP nominations: the group that put them forward. */
  nominatingGroupId?: string | null | undefined;
  /** How the candidate was put forward. */
  nomination: Nomination;
  /** A person living in the compound. */
  personId: string;
};

/** How a candidate was put forward. */
export type Nomination =
  /** Put forward by a building group. */
  | 'BUILDING_GROUP'
  /** Put forward by residents jointly. */
  | 'RESIDENTS'
  /** Put themselves forward. */
  | 'SELF';

/** What the `openCoManagedAccount` mutation takes. */
export type OpenCoManagedAccountInput = {
  /** A joint branch whose small compounds share the account (a community may choose this). */
  branchId?: string | null | undefined;
  /** The compound whose account it is; or give branchId for one pooled for a joint branch's compounds. */
  compoundId?: string | null | undefined;
  /** Exactly three: one per seat, three different persons. */
  custodians: Array<CustodianSeatInput>;
  /** Default: "<compound or branch>三方共管账户". */
  name?: string | null | undefined;
  /** Default: today (UTC). */
  openedOn?: string | null | undefined;
};

/** What the `openCommitteeElection` mutation takes. */
export type OpenCommitteeElectionInput = {
  /** The compound electing its property committee. */
  compoundId: string;
  /** Members to elect (3 to 15). */
  seats: number;
  /** The last day of the elected committee's term. */
  termEnd: string;
  /** The first day of the elected committee's term. */
  termStart: string;
};

/** A weekly opening slot, local time (China Standard Time), within one day. */
export type OpeningSlotInput = {
  /** Closes at HH:MM, after it opens. */
  closesAt: string;
  /** Opens at HH:MM. */
  opensAt: string;
  /** ISO weekday: 1 Monday … 7 Sunday. */
  weekday: number;
};

/** LOCAL: registered with a branch here. EXTERNAL: registered elsewhere, serving where they live (双报到). */
export type OrganizationRelation =
  /** Registered elsewhere, serving where they live (双报到). */
  | 'EXTERNAL'
  /** Registered with a branch of this community. */
  | 'LOCAL';

/** What the `payExpenditure` mutation takes. */
export type PayExpenditureInput = {
  /** An optional comment kept with the payment. */
  comment?: string | null | undefined;
  /** The proposal's version as read; a newer one refuses the payment (CONFLICT). */
  expectedVersion?: number | null | undefined;
  /** The invoice or receipt number paid against. */
  invoiceRef?: string | null | undefined;
  /** Default: today (the community's day, UTC+8). Not before the proposal, its last step or the account's opening, not after today. */
  paidOn?: string | null | undefined;
  /** The resolved proposal paid. */
  proposalId: string;
};

/** Which kind of principal was shown a personal value plain. */
export type PersonalDataReaderKind =
  /** A service account (an integration script, by one of its API keys): `readerServiceAccount` names it. */
  | 'SERVICE'
  /** A user (a person signed in): `reader` names them. */
  | 'USER';

/** Posts a person to a grid as its chief or a worker; their login gets GRID_WORKER over the compounds it covers. */
export type PostToGridInput = {
  /** The grid. */
  gridId: string;
  /** The person (of the grid’s community). */
  personId: string;
  /** Chief or worker. */
  post: GridPost;
  /** The first day (default today). */
  startedOn?: string | null | undefined;
};

/** What the `prepareMonthlyStatement` mutation takes. */
export type PrepareMonthlyStatementInput = {
  /** The account whose statement is prepared. */
  accountId: string;
  /** Any day of the month; stored as its first day. */
  month: string;
  /** A note printed on the statement. */
  note?: string | null | undefined;
};

/** Who is calling: nobody, a user, or a service account. */
export type PrincipalKind =
  /** No credentials. */
  | 'ANONYMOUS'
  /** A service account, with an API key. */
  | 'SERVICE_ACCOUNT'
  /** A signed-in user. */
  | 'USER';

/** NONE: no property-management company (无物业). COMPANY: a property company. SELF_MANAGED: managed by the owners. RED_PROPERTY: a company run under party-building guidance (红色物业). */
export type PropertyMode =
  /** Managed by a property company. */
  | 'COMPANY'
  /** No property-management company (无物业). */
  | 'NONE'
  /** A property company run under party-building guidance (红色物业). */
  | 'RED_PROPERTY'
  /** Managed by the owners themselves. */
  | 'SELF_MANAGED';

/** Where an expenditure proposal stands. */
export type ProposalStatus =
  /** Discussed (商议) by the committee; waits for review. */
  | 'DISCUSSED'
  /** Paid (支付): the expense is in the ledger. */
  | 'PAID'
  /** Proposed (提议); waits for discussion (or, on the simplified path, resolution). */
  | 'PROPOSED'
  /** Rejected at one of the steps; final. */
  | 'REJECTED'
  /** Resolved (决议): approved; waits for payment. */
  | 'RESOLVED'
  /** Reviewed (审议); waits for resolution. */
  | 'REVIEWED'
  /** Withdrawn by its proposer; final. */
  | 'WITHDRAWN';

/** One recorded act on an expenditure proposal. */
export type ProposalStep =
  /** The committee discussed it (商议). */
  | 'DISCUSS'
  /** It was paid (支付). */
  | 'PAY'
  /** The proposal was made (提议). */
  | 'PROPOSE'
  /** It was rejected. */
  | 'REJECT'
  /** It was resolved (决议). */
  | 'RESOLVE'
  /** It was reviewed (审议). */
  | 'REVIEW'
  /** Its proposer withdrew it. */
  | 'WITHDRAW';

/** What the `proposeExpenditure` mutation takes. */
export type ProposeExpenditureInput = {
  /** The co-managed account that would pay. */
  accountId: string;
  /** The amount in fen. */
  amountFen: number;
  /** References to quotes, invoices, photos (at most 20). */
  attachments?: Array<string> | null | undefined;
  /** An expense category. */
  category: LedgerCategory;
  /** Who would be paid. */
  payee: string;
  /** e.g. 更换3号楼路灯 */
  purpose: string;
};

/** A field of a member’s public profile (亮身份、亮职责、亮承诺) the member shows or hides. */
export type PublicProfileField =
  /** What the member takes care of (亮职责). */
  | 'DUTIES'
  /** The member’s pioneer post (党员先锋岗). */
  | 'PIONEER_POST'
  /** The member’s pledge (亮承诺). */
  | 'PLEDGE'
  /** The post the member holds (e.g. 楼栋党小组组长). */
  | 'POST'
  /** The member’s responsibility zone (党员责任区). */
  | 'RESPONSIBILITY_ZONE';

/** What the `publishMonthlyStatement` mutation takes. */
export type PublishMonthlyStatementInput = {
  /** The draft statement to publish (it is frozen then). */
  statementId: string;
};

/** What the `publishServiceList` mutation takes. */
export type PublishServiceListInput = {
  /** The compound whose services are listed. */
  compoundId: string;
  /** The services, one item each. */
  items: Array<ServiceItemInput>;
  /** Any day of the month. */
  month: string;
  /** For PROPERTY_COMPANY lists. */
  propertyCompanyId?: string | null | undefined;
  /** Who provides them this month. */
  provider: ServiceProvider;
};

/** Publishes a project or service for reporting members to claim: a compound’s (compoundId) or the community’s (communityId). */
export type PublishServiceOfferInput = {
  /** The community, for a community-wide offer. */
  communityId?: string | null | undefined;
  /** The compound, for a compound’s offer. */
  compoundId?: string | null | undefined;
  /** What is asked of whoever claims it. */
  description: string;
  /** Project or standing service. */
  kind: ServiceOfferKind;
  /** e.g. 楼道微改造. */
  title: string;
};

/** What the `raiseServiceObjection` mutation takes. */
export type RaiseServiceObjectionInput = {
  /** The objecting household (the resident's own). */
  householdId: string;
  /** The service item objected to. */
  itemId: string;
  /** What is wrong, in the resident's words. */
  text: string;
};

/** RED for the best, YELLOW for the worst, by the community thresholds. */
export type RatingFlag =
  /** Neither. */
  | 'NONE'
  /** Red flag (红旗): among the best, by the community's thresholds. */
  | 'RED'
  /** Yellow flag (黄旗): among the worst, by the community's thresholds. */
  | 'YELLOW';

/** What the `recallCommittee` mutation takes. */
export type RecallCommitteeInput = {
  /** The committee whose sitting ends. */
  committeeId: string;
  /** The last day it sat. */
  endedOn: string;
  /** Why (a recall by the residents, the end of the term). */
  reason: string;
};

/** Records a visit or help given on a care link. */
export type RecordCareVisitInput = {
  /** What was done. */
  done: string;
  /** The kind of help, from the community’s list. */
  helpItemId: string;
  /** The active link the visit belongs to. */
  linkId: string;
  /** Minutes spent (0 to 1,440). */
  minutesSpent: number;
  /** Solved, passed on, or still open. */
  outcome: CareOutcome;
  /** The day of the visit. */
  visitedOn: string;
};

/** What the `recordCommitteeElectionVote` mutation takes. */
export type RecordCommitteeElectionVoteInput = {
  /** The election. */
  electionId: string;
  /** Voters entitled to vote. */
  eligibleVoters: number;
  /** The day of the vote. */
  heldOn: string;
  /** Votes of every approved candidate. */
  results: Array<CandidateVotesInput>;
  /** Votes cast. */
  votesCast: number;
};

/** What the `recordFeePayment` mutation takes. */
export type RecordFeePaymentInput = {
  /** Amount paid, in fen. */
  amountFen: number;
  /** The charge paid. */
  chargeId: string;
  /** Default: today (UTC). */
  paidOn?: string | null | undefined;
  /** The receipt number given to the household. */
  receiptRef?: string | null | undefined;
};

/** What the `recordIncome` mutation takes. */
export type RecordIncomeInput = {
  /** The account receiving the money. */
  accountId: string;
  /** Amount in fen. */
  amountFen: number;
  /** FEES, SUBSIDY, DONATION or OTHER_INCOME. */
  category: LedgerCategory;
  /** Who paid it. */
  counterparty?: string | null | undefined;
  /** What it was for. */
  description: string;
  /** The receipt or invoice number. */
  invoiceRef?: string | null | undefined;
  /** The day the money came in (not before the last published statement). */
  occurredOn: string;
};

/** What the `recordPartyMembership` mutation takes. */
export type RecordPartyMembershipInput = {
  /** Required for LOCAL members (the branch they are registered with); optional for EXTERNAL ones (the branch they report to). */
  branchId?: string | null | undefined;
  /** Required for EXTERNAL members: where they are registered. */
  homeOrganization?: string | null | undefined;
  /** The day the person joined. */
  joinedOn?: string | null | undefined;
  /** Registered here, or elsewhere and serving where they live (双报到). */
  organizationRelation: OrganizationRelation;
  /** The member. */
  personId: string;
  /** Probationary or full member. */
  status: MembershipStatus;
};

/** Records a reporting member’s home branch on the platform (双报到), which then reads their claims here. */
export type RecordReportingRelationInput = {
  /** The home branch: a branch of another community, as its secretary gave it (this community cannot read it). */
  homeBranchId: string;
  /** The member’s reporting (EXTERNAL) party membership here. */
  membershipId: string;
  /** From when; default today. */
  recordedOn?: string | null | undefined;
};

/** An inspection of a station against the standard items active now. */
export type RecordStationInspectionInput = {
  /** When it was inspected (not in the future). */
  inspectedOn: string;
  /** Who inspected, e.g. 小店街道 王某. */
  inspector: string;
  /** The active items found met; every other active item is recorded as not met. */
  metItemIds: Array<string>;
  /** What the inspector noted. */
  note?: string | null | undefined;
  /** Photos by reference: URLs or storage keys (at most 20). */
  photos?: Array<string> | null | undefined;
  /** The station. */
  stationId: string;
};

/** What the `rejectExpenditure` mutation takes. */
export type RejectExpenditureInput = {
  /** Abstentions at the meeting. */
  abstentions?: number | null | undefined;
  /** Members present at the meeting. */
  attendance?: number | null | undefined;
  /** An optional comment kept in the proposal's history. */
  comment?: string | null | undefined;
  /** Who could attend: the quorum base. */
  eligible?: number | null | undefined;
  /** The version you saw; if the proposal changed since, CONFLICT and nothing happens. */
  expectedVersion?: number | null | undefined;
  /** e.g. 党员大会 2026-03-12 */
  meeting?: string | null | undefined;
  /** The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8). */
  meetingOn?: string | null | undefined;
  /** The proposal. */
  proposalId: string;
  /** Votes against. */
  votesAgainst?: number | null | undefined;
  /** Votes for. */
  votesFor?: number | null | undefined;
};

/** What the `replaceCustodian` mutation takes. */
export type ReplaceCustodianInput = {
  /** The account. */
  accountId: string;
  /** The person who takes the seat. */
  personId: string;
  /** The seat changing hands. */
  seat: CustodianSeat;
  /** Default: today (UTC). The outgoing custodian sits until this day. */
  since?: string | null | undefined;
};

/** What the `resolveExpenditure` mutation takes. */
export type ResolveExpenditureInput = {
  /** Abstentions at the meeting. */
  abstentions?: number | null | undefined;
  /** Members present at the meeting. */
  attendance?: number | null | undefined;
  /** An optional comment kept in the proposal's history. */
  comment?: string | null | undefined;
  /** Who could attend: the quorum base. */
  eligible?: number | null | undefined;
  /** The version you saw; if the proposal changed since, CONFLICT and nothing happens. */
  expectedVersion?: number | null | undefined;
  /** e.g. 党员大会 2026-03-12 */
  meeting?: string | null | undefined;
  /** The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8). */
  meetingOn?: string | null | undefined;
  /** The proposal. */
  proposalId: string;
  /** Votes against. */
  votesAgainst?: number | null | undefined;
  /** Votes for. */
  votesFor?: number | null | undefined;
};

/** What the `restoreNode` mutation takes. */
export type RestoreNodeInput = {
  /** The archived object to restore. */
  id: string;
};

/** Retires an item of the station standard: stations are no longer held to it. */
export type RetireStationStandardItemInput = {
  /** The item. */
  standardItemId: string;
};

/** What the `reverseLedgerEntry` mutation takes. */
export type ReverseLedgerEntryInput = {
  /** The ledger entry cancelled by an opposite entry. */
  entryId: string;
  /** Default: today (UTC); must fall in a month not yet published. */
  occurredOn?: string | null | undefined;
  /** Why it is reversed; shown on the statement. */
  reason: string;
};

/** What the `reviewCommitteeCandidate` mutation takes. */
export type ReviewCommitteeCandidateInput = {
  /** True: may stand; false: may not. */
  approved: boolean;
  /** The candidate reviewed. */
  candidateId: string;
  /** Required when rejecting; shown to the compound. */
  reason?: string | null | undefined;
};

/** What the `reviewExpenditure` mutation takes. */
export type ReviewExpenditureInput = {
  /** Abstentions at the meeting. */
  abstentions?: number | null | undefined;
  /** Members present at the meeting. */
  attendance?: number | null | undefined;
  /** An optional comment kept in the proposal's history. */
  comment?: string | null | undefined;
  /** Who could attend: the quorum base. */
  eligible?: number | null | undefined;
  /** The version you saw; if the proposal changed since, CONFLICT and nothing happens. */
  expectedVersion?: number | null | undefined;
  /** e.g. 党员大会 2026-03-12 */
  meeting?: string | null | undefined;
  /** The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8). */
  meetingOn?: string | null | undefined;
  /** The proposal. */
  proposalId: string;
  /** Votes against. */
  votesAgainst?: number | null | undefined;
  /** Votes for. */
  votesFor?: number | null | undefined;
};

/** What the `revokeApiKey` mutation takes. */
export type RevokeApiKeyInput = {
  /** The API key to revoke. */
  apiKeyId: string;
};

/** What the `revokeRole` mutation takes. */
export type RevokeRoleInput = {
  /** The role binding to end. */
  roleBindingId: string;
};

/** What the `revokeTokens` mutation takes. */
export type RevokeTokensInput = {
  /** The user whose tokens end: every token issued until now (yours too, if it is you). */
  userId: string;
};

/** A role held at a scope node; docs/permissions.md lists what each may do. */
export type Role =
  /** Secretary of a compound (or joint) party branch. */
  | 'BRANCH_SECRETARY'
  /** A member of a property committee. */
  | 'COMMITTEE_MEMBER'
  /** A community committee's staff: manages its community. */
  | 'COMMUNITY_ADMIN'
  /** A district office: structure, figures across its communities, access and candidate review. */
  | 'DISTRICT_OFFICER'
  /** Supervises a community's accounts and statements. */
  | 'FINANCE_SUPERVISOR'
  /** A grid worker of the community. */
  | 'GRID_WORKER'
  /** Leader of a building group. */
  | 'GROUP_LEADER'
  /** A service account of another system (API keys). */
  | 'INTEGRATION'
  /** A party member linked to households (member households). */
  | 'MEMBER'
  /** An owners' representative. */
  | 'OWNER_REPRESENTATIVE'
  /** Runs the platform: every capability everywhere. */
  | 'PLATFORM_ADMIN'
  /** A resident: their own household and what is disclosed to residents. */
  | 'RESIDENT'
  /** A street office: like the district, for its streets. */
  | 'STREET_OFFICER';

/** A team’s activity, once or recurring. */
export type ScheduleVolunteerActivityInput = {
  /** Minutes each occurrence lasts (1 to 1,440). */
  durationMinutes: number;
  /** Where it takes place. */
  place?: string | null | undefined;
  /** An RFC 5545 RRULE without DTSTART, e.g. FREQ=DAILY or FREQ=WEEKLY;BYDAY=TH. */
  recurrence?: string | null | undefined;
  /** The (first) start. */
  startsAt: string;
  /** The team. */
  teamId: string;
  /** e.g. 周四合唱. */
  title: string;
};

/** The kind of hierarchy node a role is bound at; it covers that node and everything beneath it. */
export type ScopeType =
  /** A compound or joint party branch. */
  | 'BRANCH'
  /** A community (社区). */
  | 'COMMUNITY'
  /** A compound (小区). */
  | 'COMPOUND'
  /** A district (区). */
  | 'DISTRICT'
  /** A building group. */
  | 'GROUP'
  /** A household. */
  | 'HOUSEHOLD'
  /** The whole platform. */
  | 'PLATFORM'
  /** A street office (街道). */
  | 'STREET';

/** What the `serviceItem` mutation takes. */
export type ServiceItemInput = {
  /** What the service covers. */
  description?: string | null | undefined;
  /** e.g. 每周一、四上午 */
  schedule?: string | null | undefined;
  /** The service's short name. */
  title: string;
};

/** What a reporting member may claim (认领). */
export type ServiceOfferKind =
  /** A project with an end (a micro-renovation, a survey). */
  | 'PROJECT'
  /** A standing service (tutoring, haircuts, legal advice). */
  | 'SERVICE';

/** Who provides a month's services. */
export type ServiceProvider =
  /** The property committee itself (self-managed). */
  | 'COMMITTEE'
  /** A property company. */
  | 'PROPERTY_COMPANY';

/** Records an object's ID in a source system (replacing the one it had there). */
export type SetExternalIdInput = {
  /** The object's ID in that system (at most 128 characters). */
  id: string;
  /** The object: a district, street, community, compound, building, unit, household or person. */
  nodeId: string;
  /** The source system: 2 to 64 lower-case letters, digits, ".", "-" or "_" (e.g. taiyuan-population). */
  system: string;
};

/** Replaces a station’s weekly opening hours. */
export type SetStationOpeningHoursInput = {
  /** The new weekly opening hours (empty: closed). */
  openingHours: Array<OpeningSlotInput>;
  /** The station. */
  stationId: string;
};

/** The caller signs up for one occurrence of an activity. */
export type SignUpForVolunteerActivityInput = {
  /** The activity. */
  activityId: string;
  /** The day of the occurrence. */
  occursOn: string;
};

/** FULL: proposal, discussion, review, resolution; SIMPLIFIED: proposal then resolution. */
export type SpendingPath =
  /** The four steps: proposal, discussion, review, resolution (then payment). */
  | 'FULL'
  /** Below the community's threshold: proposal, then resolution (then payment). */
  | 'SIMPLIFIED';

/** DRAFT: computed from the ledger when read; PUBLISHED: frozen. */
export type StatementStatus =
  /** Computed from the ledger when read; not yet published. */
  | 'DRAFT'
  /** Frozen when published; verified against the ledger on every read. */
  | 'PUBLISHED';

/** What kind of service place a station is. */
export type StationKind =
  /** 便民驿站: a small convenience post (Yongkang’s 3 m² gatehouse). */
  | 'CONVENIENCE_POST'
  /** 文体中心: a culture and sports centre (Yongkang’s 300 m² bicycle shed). */
  | 'CULTURE_SPORTS_CENTRE'
  /** Any other service place. */
  | 'OTHER'
  /** 党群服务站: a party-and-masses service station. */
  | 'PARTY_MASSES_STATION'
  /** 共建场所: a venue shared with a unit stationed in the area. */
  | 'SHARED_VENUE';

/** Whether a committee's term runs. */
export type TermStatus =
  /** Within its term. */
  | 'CURRENT'
  /** No longer sitting. */
  | 'ENDED'
  /** Still sitting after the end of its term: an election is due. */
  | 'OVERDUE';

/** Ends a service account’s binding to a source system. */
export type UnbindServiceAccountSystemInput = {
  /** The service account. */
  serviceAccountId: string;
  /** The source system it no longer speaks for. */
  system: string;
};

/** What the `undesignateMemberHousehold` mutation takes. */
export type UndesignateMemberHouseholdInput = {
  /** The member household designation to end. */
  id: string;
  /** Default: today (UTC). */
  undesignatedOn?: string | null | undefined;
};

/** What the `updateBuildingGroup` mutation takes. */
export type UpdateBuildingGroupInput = {
  /** The building group to change. */
  id: string;
  /** null clears it. */
  leaderId?: string | null | undefined;
  /** Its new name. */
  name?: string | null | undefined;
};

/** What the `updateBuilding` mutation takes. */
export type UpdateBuildingInput = {
  /** Number of floors above ground. */
  floors?: number | null | undefined;
  /** The building to change. */
  id: string;
  /** Its new name or number. */
  name?: string | null | undefined;
};

/** What the `updateCommunityCommittee` mutation takes. */
export type UpdateCommunityCommitteeInput = {
  /** The committee's brand for its party-building work. */
  brandName?: string | null | undefined;
  /** The community committee to change. */
  id: string;
  /** Its new name. */
  name?: string | null | undefined;
  /** A person of this community; null clears it. */
  secretaryId?: string | null | undefined;
};

/** What the `updateCommunity` mutation takes. */
export type UpdateCommunityInput = {
  /** Area in square kilometres. */
  areaKm2?: number | null | undefined;
  /** The community to change. */
  id: string;
  /** Its new name. */
  name?: string | null | undefined;
  /** Registered residents (户籍人口), as reported. */
  registeredResidents?: number | null | undefined;
};

/** What the `updateCommunitySettings` mutation takes. */
export type UpdateCommunitySettingsInput = {
  /** Whether an account may be paid below zero. */
  allowNegativeBalance?: boolean | null | undefined;
  /** The community whose settings change. */
  communityId: string;
  /** The smallest share of party members a property committee must have (percent). */
  partyMemberRatioMin?: number | null | undefined;
  /** Spending above this (fen) needs a quorum at its meetings. */
  quorumSpendingAboveFen?: number | null | undefined;
  /** The lowest average score that earns a red flag. */
  redFlagMinScore?: number | null | undefined;
  /** Spending below this (fen) may take the simplified path. */
  simplifiedSpendingBelowFen?: number | null | undefined;
  /** Day of the following month by which a monthly statement is due. */
  statementDueDay?: number | null | undefined;
  /** An average score below this earns a yellow flag. */
  yellowFlagBelowScore?: number | null | undefined;
};

/** What the `updateCompoundBranch` mutation takes. */
export type UpdateCompoundBranchInput = {
  /** The day the branch was established. */
  establishedOn?: string | null | undefined;
  /** The branch to change. */
  id: string;
  /** Standalone or joint. */
  kind?: BranchKind | null | undefined;
  /** Its new name. */
  name?: string | null | undefined;
  /** A person of this community; null clears it. */
  secretaryId?: string | null | undefined;
};

/** What the `updateCompound` mutation takes. */
export type UpdateCompoundInput = {
  /** Year the compound was built. */
  builtYear?: number | null | undefined;
  /** The compound to change. */
  id: string;
  /** Its new name. */
  name?: string | null | undefined;
  /** How it is managed. */
  propertyMode?: PropertyMode | null | undefined;
};

/** What the `updateDistrict` mutation takes. */
export type UpdateDistrictInput = {
  /** The city the district belongs to. */
  city?: string | null | undefined;
  /** The district to change. */
  id: string;
  /** Its new name. */
  name?: string | null | undefined;
};

/** What the `updateHousehold` mutation takes. */
export type UpdateHouseholdInput = {
  /** Floor area in m². */
  areaSqm?: number | null | undefined;
  /** The door number (personal data: needs the right to read it plain where it is written). */
  doorNo?: string | null | undefined;
  /** The household to change. */
  id: string;
  /** Move the record to another unit of the same community (a correction). */
  unitId?: string | null | undefined;
  /** The 147 linkage categories that apply. Personal data. */
  vulnerabilityTags?: Array<VulnerabilityTag> | null | undefined;
};

/** What the `updateMemberHousehold` mutation takes. */
export type UpdateMemberHouseholdInput = {
  /** Whether the household shows its plate at the door. */
  displaysPlate?: boolean | null | undefined;
  /** The duties on the plate. */
  duties?: string | null | undefined;
  /** The member household to change. */
  id: string;
  /** The household's public pledge (承诺). */
  pledge?: string | null | undefined;
  /** What the members can help neighbours with. */
  specialties?: string | null | undefined;
};

/** The caller’s own public profile as a party member; fields left out keep their value. */
export type UpdateMyMemberProfileInput = {
  /** What the member takes care of. */
  duties?: string | null | undefined;
  /** The pioneer post. */
  pioneerPost?: string | null | undefined;
  /** The pledge. */
  pledge?: string | null | undefined;
  /** The post held. */
  post?: string | null | undefined;
  /** The responsibility zone. */
  responsibilityZone?: string | null | undefined;
  /** The fields residents of the compound may see (an empty list hides the profile). */
  shown?: Array<PublicProfileField> | null | undefined;
};

/** What the `updatePartyMembership` mutation takes. */
export type UpdatePartyMembershipInput = {
  /** The branch the member is registered with. */
  branchId?: string | null | undefined;
  /** For members registered elsewhere: their home organization. */
  homeOrganization?: string | null | undefined;
  /** The membership to change. */
  id: string;
  /** Registered here, or elsewhere (双报到). */
  organizationRelation?: OrganizationRelation | null | undefined;
  /** e.g. PROBATIONARY → FULL. */
  status?: MembershipStatus | null | undefined;
};

/** What the `updatePerson` mutation takes. */
export type UpdatePersonInput = {
  /** Year of birth. */
  birthYear?: number | null | undefined;
  /** Gender. */
  gender?: Gender | null | undefined;
  /** Moves the person to another household of the same community; null: no household. */
  householdId?: string | null | undefined;
  /** The person to change. */
  id: string;
  /** Resident identity card number (18 characters). Personal data. */
  idNumber?: string | null | undefined;
  /** Full name (personal data). */
  name?: string | null | undefined;
  /** Personal data. */
  phone?: string | null | undefined;
};

/** Changes a station: only the fields given change. */
export type UpdateServiceStationInput = {
  /** The floor area in whole square metres; null clears it. */
  areaSquareMeters?: number | null | undefined;
  /** The facilities, replacing the list (at most 30). */
  facilities?: Array<string> | null | undefined;
  /** A new name. */
  name?: string | null | undefined;
  /** The station. */
  stationId: string;
  /** A new kind. */
  stationKind?: StationKind | null | undefined;
};

/** What the `updateStreet` mutation takes. */
export type UpdateStreetInput = {
  /** The street office to change. */
  id: string;
  /** Its new name. */
  name?: string | null | undefined;
};

/** What the `updateUnit` mutation takes. */
export type UpdateUnitInput = {
  /** The unit to change. */
  id: string;
  /** Its new name or number. */
  name?: string | null | undefined;
};

/** Why a mutation refused its input. Stable: frontends translate these. */
export type UserErrorCode =
  /** The objection is already answered; an answer is given once. */
  | 'ALREADY_ANSWERED'
  /** The person has an open check-in (at this or another station); check out first. */
  | 'ALREADY_CHECKED_IN'
  /** The household is already a member household. */
  | 'ALREADY_DESIGNATED'
  /** The record was already ended (un-designated, membership ended, duty ended). */
  | 'ALREADY_ENDED'
  /** The principal (or person) already holds this role, seat or grant. */
  | 'ALREADY_GRANTED'
  /** The person already has a current party membership. */
  | 'ALREADY_MEMBER'
  /** The statement is already published and frozen. */
  | 'ALREADY_PUBLISHED'
  /** The entry was already reversed (or is itself a reversal). */
  | 'ALREADY_REVERSED'
  /** Already archived (or, for restore, not archived). */
  | 'ARCHIVED'
  /** A required value is missing or only whitespace. */
  | 'BLANK'
  /** Check-in opens an hour before the meeting starts and closes when it ends. */
  | 'CHECK_IN_CLOSED'
  /** A date comes before the date it must follow (an end before its start). */
  | 'DATE_ORDER'
  /** A building group of the compound also covers other compounds' buildings. */
  | 'GROUP_SPANS_COMPOUNDS'
  /** Cannot be archived while it has active children; archive or move them first. */
  | 'HAS_ACTIVE_CHILDREN'
  /** The hours entry has already been reversed. */
  | 'HOURS_ALREADY_REVERSED'
  /** Paying would take the account below zero, which the community does not allow. */
  | 'INSUFFICIENT_FUNDS'
  /** Malformed: wrong format, control characters, an impossible date. */
  | 'INVALID'
  /** Not a recurrence rule (RFC 5545 RRULE, FREQ first, without DTSTART). */
  | 'INVALID_RULE'
  /** The role cannot be held at this kind of node (a resident at a street). */
  | 'INVALID_SCOPE'
  /** The step does not follow from where the proposal stands (e.g. resolving before review). */
  | 'INVALID_TRANSITION'
  /** The standard item is retired or belongs to another community. */
  | 'ITEM_NOT_ACTIVE'
  /** The help item has been retired from the community’s list. */
  | 'ITEM_RETIRED'
  /** There is no level above (escalating at the street) or below (handing down at the building group). */
  | 'LADDER_END'
  /** The care link has ended; visits are recorded on an active link. */
  | 'LINK_ENDED'
  /** The meeting was cancelled. */
  | 'MEETING_CANCELLED'
  /** Only a held meeting takes decisions, and only a meeting that has started can be marked held. */
  | 'MEETING_NOT_HELD'
  /** The referenced objects do not belong together (a unit of another building). */
  | 'MISMATCH'
  /** A month's statement is published only after the month has ended. */
  | 'MONTH_NOT_OVER'
  /** The month's statement is published; the ledger of that month is closed. */
  | 'MONTH_PUBLISHED'
  /** The agenda item has no issue (or no proposal) to move. */
  | 'NOTHING_LINKED'
  /** Issues are taken in during office hours (坐班) and 逢三说事 only. */
  | 'NOT_AN_INTAKE_MEETING'
  /** The activity does not take place on that day. */
  | 'NOT_AN_OCCURRENCE'
  /** Not archived (restoring needs an archived object), or not disabled. */
  | 'NOT_ARCHIVED'
  /** Only a current party member has a public member profile. */
  | 'NOT_A_PARTY_MEMBER'
  /** Claims and reporting relations are for current reporting (EXTERNAL, 双报到) party memberships. */
  | 'NOT_A_REPORTING_MEMBER'
  /** The votes recorded do not carry the step (a majority of those attending, or of votes cast). */
  | 'NOT_CARRIED'
  /** Check-out needs a check-in first. */
  | 'NOT_CHECKED_IN'
  /** Check-out needs an open check-in at this station. */
  | 'NOT_CHECKED_IN_AT_STATION'
  /** The caller and the proposer were not appointed independently: one of them created the other's login or granted the other's role, directly or through others. */
  | 'NOT_INDEPENDENT'
  /** Only a compound in a joint branch can graduate. */
  | 'NOT_IN_JOINT_BRANCH'
  /** The household does not carry the special-group tag the link is for. */
  | 'NOT_TAGGED'
  /** The profile is shown in the compound the member lives in; the member lives in none on record. */
  | 'NO_HOME_COMPOUND'
  /** Resolving or paying is a personal act: the caller's person holds no seat that gives the mandate (or there is no person). */
  | 'NO_MANDATE'
  /** The issue has no mediation going on. */
  | 'NO_MEDIATION'
  /** A member household needs a current party member living in it. */
  | 'NO_PARTY_MEMBER'
  /** The offer no longer takes claims. */
  | 'OFFER_CLOSED'
  /** A number or date outside the allowed range. */
  | 'OUT_OF_RANGE'
  /** Its parent is archived; restore the parent first. */
  | 'PARENT_ARCHIVED'
  /** Candidates still await the street office's review. */
  | 'PENDING_REVIEW'
  /** An earlier month of the account is not published yet: statements are published in order. */
  | 'PREVIOUS_MONTH_UNPUBLISHED'
  /** The entry is the payment of a spending proposal: it is not reversed on its own, which would return the money while the proposal still reads PAID. */
  | 'PROPOSAL_PAYMENT'
  /** The quarter's evaluation has closed (or has not opened yet). */
  | 'QUARTER_CLOSED'
  /** The meeting did not reach its quorum (two thirds of those eligible attending). */
  | 'QUORUM_NOT_MET'
  /** The elected members' share of party members is below the community's minimum. */
  | 'RATIO_NOT_MET'
  /** The window for reopening a resolved issue has passed. */
  | 'REOPEN_WINDOW_PASSED'
  /** Required in this combination (e.g. a building head needs a building). */
  | 'REQUIRED'
  /** The same person may not take both steps (propose, and resolve or pay). */
  | 'SAME_PERSON'
  /** Two opening slots of the same weekday overlap. */
  | 'SLOTS_OVERLAP'
  /** Unique among its siblings, and already taken. */
  | 'TAKEN'
  /** Candidates tie for the last seat: a run-off decides. */
  | 'TIE'
  /** Longer than the field allows (counted in characters, not bytes). */
  | 'TOO_LONG'
  /** Two secrets are already active: finish the rotation (finishWebhookSecretRotation) before starting another. */
  | 'TOO_MANY_SECRETS'
  /** Shorter than the field requires (a password). */
  | 'TOO_SHORT'
  /** Not one of the community's issue categories. */
  | 'UNKNOWN_CATEGORY'
  /** An external ID names no object of that kind in the community and source system (upsert the parent first). */
  | 'UNKNOWN_EXTERNAL_ID'
  /** The webhook URL is not http(s), or its host resolves to a loopback, link-local or private address (allowed only by WEBHOOK_ALLOW_PRIVATE_URLS). */
  | 'URL_NOT_ALLOWED'
  /** The check-in code is not the activity’s (scan the QR code at the activity). */
  | 'WRONG_CODE'
  /** The step does not follow from where the issue stands (e.g. closing an issue that is not resolved). */
  | 'WRONG_STATUS';

/** What a volunteer team does. */
export type VolunteerTeamKind =
  /** 文体: culture and sports (the Thursday choir). */
  | 'CULTURE'
  /** 助老: helping the elderly. */
  | 'ELDER_CARE'
  /** 环境: greening and cleaning (Changchun’s spring flower planting). */
  | 'ENVIRONMENT'
  /** 调解: mediating disputes between neighbours. */
  | 'MEDIATION'
  /** Anything else. */
  | 'OTHER'
  /** 党员志愿服务队: party members’ volunteer service. */
  | 'PARTY_MEMBER'
  /** 巡逻: safety patrols (Xiamen’s nightly patrol). */
  | 'PATROL';

/** A special-group tag of a household (147 linkage). Sensitive personal data: only the household and those with a duty of care read it. */
export type VulnerabilityTag =
  /** 高龄老人: a resident of advanced age (80 and over). */
  | 'ADVANCED_AGE'
  /** 残疾人: a resident with a disability. */
  | 'DISABLED'
  /** 独居老人: an elderly resident living alone. */
  | 'ELDERLY_ALONE'
  /** 低保户: a household on minimum-living support. */
  | 'LOW_INCOME'
  /** 其他特殊群体: other special groups. */
  | 'SPECIAL_NEEDS';

/** What the `waiveFee` mutation takes. */
export type WaiveFeeInput = {
  /** Default: all that is outstanding. */
  amountFen?: number | null | undefined;
  /** The charge waived (in part or whole). */
  chargeId: string;
  /** Why (e.g. 低保户). Personal data: shown only with a duty of care. */
  reason: string;
};

/** What the `withdrawExpenditure` mutation takes. */
export type WithdrawExpenditureInput = {
  /** Abstentions at the meeting. */
  abstentions?: number | null | undefined;
  /** Members present at the meeting. */
  attendance?: number | null | undefined;
  /** An optional comment kept in the proposal's history. */
  comment?: string | null | undefined;
  /** Who could attend: the quorum base. */
  eligible?: number | null | undefined;
  /** The version you saw; if the proposal changed since, CONFLICT and nothing happens. */
  expectedVersion?: number | null | undefined;
  /** e.g. 党员大会 2026-03-12 */
  meeting?: string | null | undefined;
  /** The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8). */
  meetingOn?: string | null | undefined;
  /** The proposal. */
  proposalId: string;
  /** Votes against. */
  votesAgainst?: number | null | undefined;
  /** Votes for. */
  votesFor?: number | null | undefined;
};

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { kind: PrincipalKind, user: { id: string, login: string, displayName: string, person: { id: string, name: string } | null } | null, serviceAccount: { id: string, name: string } | null, bindings: Array<{ id: string, role: Role, scopeType: ScopeType, active: boolean, capabilities: Array<Capability>, scope:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null }> } };

export type ViewerCanQueryVariables = Exact<{
  capability: Capability;
  on?: string | null | undefined;
}>;


export type ViewerCanQuery = { viewer: { can: boolean } };

export type LoginMutationVariables = Exact<{
  input: LoginInput;
}>;


export type LoginMutation = { login: { token: string, expiresAt: string, user: { login: string } } };

export type CreateUserMutationVariables = Exact<{
  input: CreateUserInput;
}>;


export type CreateUserMutation = { createUser: { user: { id: string, login: string, displayName: string, person: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type GrantRoleMutationVariables = Exact<{
  input: GrantRoleInput;
}>;


export type GrantRoleMutation = { grantRole: { roleBinding: { id: string, role: Role, scopeType: ScopeType, active: boolean, capabilities: Array<Capability>, scope:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null, user: { login: string } | null, serviceAccount: { name: string } | null, grantedBy: { login: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RevokeRoleMutationVariables = Exact<{
  input: RevokeRoleInput;
}>;


export type RevokeRoleMutation = { revokeRole: { roleBinding: { id: string, active: boolean, revokedAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateServiceAccountMutationVariables = Exact<{
  input: CreateServiceAccountInput;
}>;


export type CreateServiceAccountMutation = { createServiceAccount: { serviceAccount: { id: string, name: string, community: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateApiKeyMutationVariables = Exact<{
  input: CreateApiKeyInput;
}>;


export type CreateApiKeyMutation = { createApiKey: { secret: string | null, apiKey: { id: string, prefix: string, label: string | null, active: boolean, expiresAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RevokeApiKeyMutationVariables = Exact<{
  input: RevokeApiKeyInput;
}>;


export type RevokeApiKeyMutation = { revokeApiKey: { apiKey: { id: string, active: boolean, revokedAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AuditEntriesQueryVariables = Exact<{
  communityId?: string | null | undefined;
  entity?: string | null | undefined;
  last?: number | null | undefined;
}>;


export type AuditEntriesQuery = { auditEntries: { totalCount: number, nodes: Array<{ id: string, occurredAt: string, action: string, entity: string, entityId: string | null, operation: string, actorLabel: string, requestId: string, changes: unknown }> } };

export type HouseholdPersonalQueryVariables = Exact<{
  id: string;
}>;


export type HouseholdPersonalQuery = { node:
    | { doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null, persons: { nodes: Array<{ id: string, name: string, phone: string | null, idNumber: string | null }> } }
    | Record<PropertyKey, never>
   | null };

export type CommunityRoleBindingsQueryVariables = Exact<{
  id: string;
}>;


export type CommunityRoleBindingsQuery = { community: { roleBindings: { totalCount: number, nodes: Array<{ role: Role, scopeType: ScopeType, user: { login: string } | null, serviceAccount: { name: string } | null }> } } | null };

export type ChangePasswordMutationVariables = Exact<{
  input: ChangePasswordInput;
}>;


export type ChangePasswordMutation = { changePassword: { token: string | null, expiresAt: string | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type LogoutMutationVariables = Exact<{ [key: string]: never; }>;


export type LogoutMutation = { logout: { loggedOut: boolean } };

export type RevokeTokensMutationVariables = Exact<{
  input: RevokeTokensInput;
}>;


export type RevokeTokensMutation = { revokeTokens: { user: { id: string, login: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type DisableUserMutationVariables = Exact<{
  input: DisableUserInput;
}>;


export type DisableUserMutation = { disableUser: { user: { id: string, login: string, disabledAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EnableUserMutationVariables = Exact<{
  input: EnableUserInput;
}>;


export type EnableUserMutation = { enableUser: { user: { id: string, login: string, disabledAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type DisableServiceAccountMutationVariables = Exact<{
  input: DisableServiceAccountInput;
}>;


export type DisableServiceAccountMutation = { disableServiceAccount: { serviceAccount: { id: string, name: string, disabledAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EnableServiceAccountMutationVariables = Exact<{
  input: EnableServiceAccountInput;
}>;


export type EnableServiceAccountMutation = { enableServiceAccount: { serviceAccount: { id: string, name: string, disabledAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type OfficeHoldersQueryVariables = Exact<{
  household: string;
}>;


export type OfficeHoldersQuery = { node:
    | { buildingGroup: { leaderProfile: { name: string, post: string } | null, leader: { name: string, gender: Gender | null, birthYear: number | null, isPartyMember: boolean } | null, branch: { name: string, secretaryProfile: { name: string, post: string, duties: string | null, pledge: string | null, specialties: string | null } | null, secretary: { name: string, gender: Gender | null, birthYear: number | null, household: { doorNo: string, unit: { name: string, building: { name: string } } } | null } | null, committee: { secretaryProfile: { name: string, post: string } | null, secretary: { name: string, gender: Gender | null, birthYear: number | null } | null } } } | null }
    | Record<PropertyKey, never>
   | null };

export type GrantedByQueryVariables = Exact<{ [key: string]: never; }>;


export type GrantedByQuery = { viewer: { bindings: Array<{ grantedBy: { login: string, person: { name: string, gender: Gender | null, birthYear: number | null } | null } | null }> } };

export type BranchHoldersQueryVariables = Exact<{
  branch: string;
}>;


export type BranchHoldersQuery = { node:
    | { name: string, secretaryProfile: { name: string, post: string } | null, secretary: { name: string, gender: Gender | null } | null, buildingGroups: { nodes: Array<{ name: string, leaderProfile: { name: string } | null, leader: { name: string } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type CommunityBranchesQueryVariables = Exact<{
  id: string;
  kind?: BranchKind | null | undefined;
}>;


export type CommunityBranchesQuery = { community: { name: string, partyMemberCount: number, householdCount: number, compoundBranches: { totalCount: number, nodes: Array<{ id: string, name: string, kind: BranchKind, compounds: { totalCount: number, nodes: Array<{ id: string, name: string, householdCount: number }> }, compoundHistory: Array<{ since: string, until: string | null, reason: BranchAssignmentReason, compound: { name: string } }>, buildingGroups: { totalCount: number }, partyMemberships: { totalCount: number } }> } } | null };

export type CompoundBranchHistoryQueryVariables = Exact<{
  id: string;
}>;


export type CompoundBranchHistoryQuery = { node:
    | { name: string, builtYear: number | null, householdCount: number, branch: { name: string, kind: BranchKind } | null, branchHistory: Array<{ since: string, until: string | null, reason: BranchAssignmentReason, branch: { name: string, kind: BranchKind } }> }
    | Record<PropertyKey, never>
   | null };

export type CommunityCompoundsQueryVariables = Exact<{
  id: string;
  propertyMode?: PropertyMode | null | undefined;
  archived?: ArchivedFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}>;


export type CommunityCompoundsQuery = { community: { compounds: { totalCount: number, edges: Array<{ cursor: string, node: { id: string, name: string, archivedAt: string | null } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } } | null };

export type CareLinkViewFragment = { id: string, tag: VulnerabilityTag | null, consentBy: string, consentedOn: string, consentScope: string, linkedOn: string, endedOn: string | null, household: { id: string, doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null } | null, member: { id: string, name: string } | null, visits: { totalCount: number, nodes: Array<{ visitedOn: string, done: string, outcome: CareOutcome, minutesSpent: number, helpItem: { name: string } | null }> } };

export type CareHelpItemsQueryVariables = Exact<{
  id: string;
}>;


export type CareHelpItemsQuery = { community: { careHelpItems: Array<{ id: string, name: string, position: number, retiredOn: string | null }> } | null };

export type CommunityCareCoverageQueryVariables = Exact<{
  id: string;
}>;


export type CommunityCareCoverageQuery = { community: { careCoverage: { tagged: number, linked: number, share: number | null, uncoveredHouseholds: Array<{ id: string, doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null }>, compounds: Array<{ tagged: number, linked: number, uncovered: number, compound: { name: string } | null }> } } | null };

export type BranchCareCoverageQueryVariables = Exact<{
  id: string;
}>;


export type BranchCareCoverageQuery = { node:
    | { careCoverage: { tagged: number, linked: number, uncoveredHouseholds: Array<{ id: string, vulnerabilityTags: Array<VulnerabilityTag> | null }>, compounds: Array<{ uncovered: number, compound: { name: string } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type MyCareLinksQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCareLinksQuery = { myCareLinks: Array<{ id: string, tag: VulnerabilityTag | null, consentBy: string, consentedOn: string, consentScope: string, linkedOn: string, endedOn: string | null, household: { id: string, doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null } | null, member: { id: string, name: string } | null, visits: { totalCount: number, nodes: Array<{ visitedOn: string, done: string, outcome: CareOutcome, minutesSpent: number, helpItem: { name: string } | null }> } }> };

export type HouseholdCareQueryVariables = Exact<{
  id: string;
}>;


export type HouseholdCareQuery = { node:
    | { id: string, doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null, careLinks: Array<{ id: string, tag: VulnerabilityTag | null, member: { name: string } | null }> }
    | Record<PropertyKey, never>
   | null };

export type BuildingHouseholdTagsQueryVariables = Exact<{
  id: string;
}>;


export type BuildingHouseholdTagsQuery = { node:
    | { households: { nodes: Array<{ id: string, vulnerabilityTags: Array<VulnerabilityTag> | null }> } }
    | Record<PropertyKey, never>
   | null };

export type CareMonthsQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type CareMonthsQuery = { community: { careMonths: Array<{ month: string, visits: number, solved: number, passedOn: number, minutes: number }> } | null };

export type PersonalDataReadsQueryVariables = Exact<{
  communityId: string;
  subjectId?: string | null | undefined;
}>;


export type PersonalDataReadsQuery = { personalDataReads: { totalCount: number, nodes: Array<{ readerLabel: string, subjectType: string, subjectId: string, field: string, dataOf: string, reader: { login: string } | null }> } };

export type LinkCareHouseholdMutationVariables = Exact<{
  input: LinkCareHouseholdInput;
}>;


export type LinkCareHouseholdMutation = { linkCareHousehold: { link: { id: string, tag: VulnerabilityTag | null, consentBy: string, consentedOn: string, consentScope: string, linkedOn: string, endedOn: string | null, household: { id: string, doorNo: string, vulnerabilityTags: Array<VulnerabilityTag> | null } | null, member: { id: string, name: string } | null, visits: { totalCount: number, nodes: Array<{ visitedOn: string, done: string, outcome: CareOutcome, minutesSpent: number, helpItem: { name: string } | null }> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordCareVisitMutationVariables = Exact<{
  input: RecordCareVisitInput;
}>;


export type RecordCareVisitMutation = { recordCareVisit: { visit: { id: string, visitedOn: string, outcome: CareOutcome, minutesSpent: number, recordedBy: string, helpItem: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndCareLinkMutationVariables = Exact<{
  input: EndCareLinkInput;
}>;


export type EndCareLinkMutation = { endCareLink: { link: { id: string, endedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type AddCareHelpItemMutationVariables = Exact<{
  input: AddCareHelpItemInput;
}>;


export type AddCareHelpItemMutation = { addCareHelpItem: { helpItem: { id: string, name: string, position: number } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type AppointCareStaffMutationVariables = Exact<{
  input: AppointCareStaffInput;
}>;


export type AppointCareStaffMutation = { appointCareStaff: { careStaff: { id: string, appointedOn: string, person: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type PersonalDataReadersQueryVariables = Exact<{
  communityId: string;
  subjectId?: string | null | undefined;
}>;


export type PersonalDataReadersQuery = { personalDataReads: { nodes: Array<{ readerKind: PersonalDataReaderKind, readerLabel: string, subjectType: string, field: string, reader: { login: string } | null, readerServiceAccount: { name: string } | null }> } };

export type CrossAppointmentViewFragment = { id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, compound: { name: string } | null };

export type AppointCrossPostMutationVariables = Exact<{
  input: AppointCrossPostInput;
}>;


export type AppointCrossPostMutation = { appointCrossPost: { appointment: { id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, compound: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndCrossAppointmentMutationVariables = Exact<{
  input: EndCrossAppointmentInput;
}>;


export type EndCrossAppointmentMutation = { endCrossAppointment: { appointment: { id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, compound: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CompoundCrossAppointmentsQueryVariables = Exact<{
  id: string;
}>;


export type CompoundCrossAppointmentsQuery = { node:
    | { name: string, crossAppointments: Array<{ holderName: string | null, id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, compound: { name: string } | null }> }
    | Record<PropertyKey, never>
   | null };

export type CrossAppointmentHoldersQueryVariables = Exact<{
  id: string;
}>;


export type CrossAppointmentHoldersQuery = { community: { crossAppointments: Array<{ id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, person: { name: string } | null, compound: { name: string } | null }> } | null };

export type CommunityServiceOffersQueryVariables = Exact<{
  id: string;
}>;


export type CommunityServiceOffersQuery = { community: { serviceOffers: Array<{ id: string, kind: ServiceOfferKind, title: string, description: string, publishedOn: string, closedOn: string | null, compound: { name: string } | null, claims: Array<{ id: string, claimedOn: string, minutes: number | null, outcome: string | null, completedOn: string | null, membership: { organizationRelation: OrganizationRelation, homeOrganization: string | null, person: { name: string }, reportingRelations: Array<{ homeBranchId: string, recordedOn: string, endedOn: string | null }> } | null }> }> } | null };

export type PublishServiceOfferMutationVariables = Exact<{
  input: PublishServiceOfferInput;
}>;


export type PublishServiceOfferMutation = { publishServiceOffer: { offer: { id: string, kind: ServiceOfferKind, title: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ClaimServiceOfferMutationVariables = Exact<{
  input: ClaimServiceOfferInput;
}>;


export type ClaimServiceOfferMutation = { claimServiceOffer: { claim: { id: string, claimedOn: string, offer: { title: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CompleteServiceClaimMutationVariables = Exact<{
  input: CompleteServiceClaimInput;
}>;


export type CompleteServiceClaimMutation = { completeServiceClaim: { claim: { id: string, minutes: number | null, outcome: string | null, completedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordReportingRelationMutationVariables = Exact<{
  input: RecordReportingRelationInput;
}>;


export type RecordReportingRelationMutation = { recordReportingRelation: { relation: { id: string, homeBranchId: string, recordedOn: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndReportingRelationMutationVariables = Exact<{
  input: EndReportingRelationInput;
}>;


export type EndReportingRelationMutation = { endReportingRelation: { relation: { id: string, endedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type BranchReportedClaimsQueryVariables = Exact<{
  id: string;
}>;


export type BranchReportedClaimsQuery = { node:
    | { name: string, reportedServiceClaims: Array<{ memberName: string, communityName: string, compoundName: string | null, kind: ServiceOfferKind, title: string, claimedOn: string, minutes: number | null, outcome: string | null, completedOn: string | null }> }
    | Record<PropertyKey, never>
   | null };

export type EngagementNodeQueryVariables = Exact<{
  id: string;
}>;


export type EngagementNodeQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type UpdateMyMemberProfileMutationVariables = Exact<{
  input: UpdateMyMemberProfileInput;
}>;


export type UpdateMyMemberProfileMutation = { updateMyMemberProfile: { profile: { id: string, post: string | null, duties: string | null, pledge: string | null, responsibilityZone: string | null, pioneerPost: string | null, shown: Array<PublicProfileField> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type MyMemberProfileQueryVariables = Exact<{ [key: string]: never; }>;


export type MyMemberProfileQuery = { myMemberProfile: { id: string, post: string | null, duties: string | null, pledge: string | null, responsibilityZone: string | null, pioneerPost: string | null, shown: Array<PublicProfileField> } | null };

export type CompoundMemberProfilesQueryVariables = Exact<{
  id: string;
}>;


export type CompoundMemberProfilesQuery = { node:
    | { memberProfiles: Array<{ name: string, post: string | null, duties: string | null, pledge: string | null, responsibilityZone: string | null, pioneerPost: string | null }> }
    | Record<PropertyKey, never>
   | null };

export type HouseholdCompoundProfilesQueryVariables = Exact<{
  id: string;
}>;


export type HouseholdCompoundProfilesQuery = { node:
    | { compound: { name: string, crossAppointments: Array<{ holderName: string | null, id: string, post: CrossAppointedPost, counterpart: string, appointedBy: string, startedOn: string, endedOn: string | null, compound: { name: string } | null }>, memberProfiles: Array<{ name: string, post: string | null, duties: string | null, pledge: string | null, responsibilityZone: string | null, pioneerPost: string | null }> } }
    | Record<PropertyKey, never>
   | null };

export type CloseServiceOfferMutationVariables = Exact<{
  input: CloseServiceOfferInput;
}>;


export type CloseServiceOfferMutation = { closeServiceOffer: { offer: { id: string, closedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AccountViewFragment = { id: string, name: string, openedOn: string, balanceFen: number, compound: { name: string } | null, custodians: Array<{ seat: CustodianSeat, since: string, until: string | null, person: { id: string, name: string } }> };

export type ProposalViewFragment = { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null };

export type StatementViewFragment = { id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> };

export type UpdateCommunitySettingsMutationVariables = Exact<{
  input: UpdateCommunitySettingsInput;
}>;


export type UpdateCommunitySettingsMutation = { updateCommunitySettings: { settings: { partyMemberRatioMin: number, simplifiedSpendingBelowFen: number, quorumSpendingAboveFen: number, statementDueDay: number, allowNegativeBalance: boolean } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type OpenCoManagedAccountMutationVariables = Exact<{
  input: OpenCoManagedAccountInput;
}>;


export type OpenCoManagedAccountMutation = { openCoManagedAccount: { account: { id: string, name: string, openedOn: string, balanceFen: number, compound: { name: string } | null, custodians: Array<{ seat: CustodianSeat, since: string, until: string | null, person: { id: string, name: string } }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ReplaceCustodianMutationVariables = Exact<{
  input: ReplaceCustodianInput;
}>;


export type ReplaceCustodianMutation = { replaceCustodian: { custodian: { seat: CustodianSeat, since: string, person: { id: string }, account: { custodians: Array<{ seat: CustodianSeat, since: string, until: string | null, person: { id: string } }> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordIncomeMutationVariables = Exact<{
  input: RecordIncomeInput;
}>;


export type RecordIncomeMutation = { recordIncome: { entry: { id: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, occurredOn: string, recordedBy: string, account: { balanceFen: number } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ReverseLedgerEntryMutationVariables = Exact<{
  input: ReverseLedgerEntryInput;
}>;


export type ReverseLedgerEntryMutation = { reverseLedgerEntry: { entry: { id: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, reverses: { id: string, reversedBy: { id: string } | null } | null, account: { balanceFen: number } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ProposeExpenditureMutationVariables = Exact<{
  input: ProposeExpenditureInput;
}>;


export type ProposeExpenditureMutation = { proposeExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type DiscussExpenditureMutationVariables = Exact<{
  input: DiscussExpenditureInput;
}>;


export type DiscussExpenditureMutation = { discussExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ReviewExpenditureMutationVariables = Exact<{
  input: ReviewExpenditureInput;
}>;


export type ReviewExpenditureMutation = { reviewExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ResolveExpenditureMutationVariables = Exact<{
  input: ResolveExpenditureInput;
}>;


export type ResolveExpenditureMutation = { resolveExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RejectExpenditureMutationVariables = Exact<{
  input: RejectExpenditureInput;
}>;


export type RejectExpenditureMutation = { rejectExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type WithdrawExpenditureMutationVariables = Exact<{
  input: WithdrawExpenditureInput;
}>;


export type WithdrawExpenditureMutation = { withdrawExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PayExpenditureMutationVariables = Exact<{
  input: PayExpenditureInput;
}>;


export type PayExpenditureMutation = { payExpenditure: { proposal: { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, account: { balanceFen: number }, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PrepareMonthlyStatementMutationVariables = Exact<{
  input: PrepareMonthlyStatementInput;
}>;


export type PrepareMonthlyStatementMutation = { prepareMonthlyStatement: { statement: { id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PublishMonthlyStatementMutationVariables = Exact<{
  input: PublishMonthlyStatementInput;
}>;


export type PublishMonthlyStatementMutation = { publishMonthlyStatement: { statement: { id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CompoundMoneyQueryVariables = Exact<{
  id: string;
}>;


export type CompoundMoneyQuery = { node:
    | { name: string, community: { settings: { partyMemberRatioMin: number, simplifiedSpendingBelowFen: number, quorumSpendingAboveFen: number, statementDueDay: number, allowNegativeBalance: boolean } }, account: { id: string, name: string, openedOn: string, balanceFen: number, ledger: { totalCount: number, nodes: Array<{ id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string }> }, proposals: { totalCount: number, nodes: Array<{ id: string, status: ProposalStatus }> }, compound: { name: string } | null, custodians: Array<{ seat: CustodianSeat, since: string, until: string | null, person: { id: string, name: string } }> } | null }
    | Record<PropertyKey, never>
   | null };

export type CompoundStatementsQueryVariables = Exact<{
  id: string;
}>;


export type CompoundStatementsQuery = { node:
    | { name: string, monthlyStatements: { totalCount: number, nodes: Array<{ id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> }> } }
    | Record<PropertyKey, never>
   | null };

export type StatementByIdQueryVariables = Exact<{
  id: string;
}>;


export type StatementByIdQuery = { node:
    | { id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, compound: { name: string } | null, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> }
    | Record<PropertyKey, never>
   | null };

export type ProposalByIdQueryVariables = Exact<{
  id: string;
}>;


export type ProposalByIdQuery = { node:
    | { id: string, purpose: string, amountFen: number, payee: string, category: LedgerCategory, status: ProposalStatus, spendingPath: SpendingPath, simplifiedBelowFen: number, quorumRequired: boolean, version: number, transitions: Array<{ step: ProposalStep, fromStatus: ProposalStatus | null, toStatus: ProposalStatus, actorLabel: string, actorRole: string | null, meeting: string | null, attendance: number | null, votesFor: number | null, comment: string | null }>, payment: { id: string, kind: LedgerEntryKind, amountFen: number, deltaFen: number, occurredOn: string } | null }
    | Record<PropertyKey, never>
   | null };

export type HomeStatementsQueryVariables = Exact<{
  householdId: string;
}>;


export type HomeStatementsQuery = { node:
    | { compound: { name: string, monthlyStatements: { totalCount: number, nodes: Array<{ id: string, month: string, status: StatementStatus, preparedBy: string, publishedAt: string | null, publishedBy: string | null, contentHash: string | null, verified: boolean, late: boolean, dueOn: string, documentPath: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, verification: { verified: boolean, contentMatchesLedger: boolean, hashMatches: boolean, openingMatchesPrevious: boolean } | null, lines: Array<{ entryId: string, occurredOn: string, kind: LedgerEntryKind, category: LedgerCategory, amountFen: number, deltaFen: number, description: string, reversesEntryId: string | null }>, proposalsPaid: Array<{ proposalId: string, purpose: string, amountFen: number }> }> } } }
    | Record<PropertyKey, never>
   | null };

export type CommunityMoneyQueryVariables = Exact<{
  id: string;
}>;


export type CommunityMoneyQuery = { community: { compounds: { nodes: Array<{ name: string, account: { balanceFen: number, custodians: Array<{ seat: CustodianSeat, person: { name: string } }>, proposals: { nodes: Array<{ status: ProposalStatus, transitions: Array<{ step: ProposalStep, actorRole: string | null }>, payment: { amountFen: number } | null }> }, statements: { nodes: Array<{ month: string, status: StatementStatus, closingBalanceFen: number, verified: boolean }> } } | null }> } } | null };

export type CommitteeViewFragment = { id: string, name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, termEnd: string | null, endedOn: string | null, endReason: string | null, members: Array<{ name: string, role: CommitteeRole, partyMember: boolean, person: { id: string } }>, chair: { name: string } | null, partySecretary: { id: string } | null, compliance: { memberCount: number, partyMemberCount: number, partyMemberRatio: number, requiredPercent: number, meetsPartyMemberRatio: boolean, secretaryIsBranchSecretary: boolean, termStatus: TermStatus, compliant: boolean, problems: Array<string> } };

export type OpenCommitteeElectionMutationVariables = Exact<{
  input: OpenCommitteeElectionInput;
}>;


export type OpenCommitteeElectionMutation = { openCommitteeElection: { election: { id: string, status: ElectionStatus, seats: number, version: number } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type NominateCommitteeCandidateMutationVariables = Exact<{
  input: NominateCommitteeCandidateInput;
}>;


export type NominateCommitteeCandidateMutation = { nominateCommitteeCandidate: { candidate: { id: string, name: string, partyMember: boolean, nomination: Nomination, review: CandidateReview, nominatingGroup: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ReviewCommitteeCandidateMutationVariables = Exact<{
  input: ReviewCommitteeCandidateInput;
}>;


export type ReviewCommitteeCandidateMutation = { reviewCommitteeCandidate: { candidate: { id: string, review: CandidateReview, reviewReason: string | null, reviewedBy: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordCommitteeElectionVoteMutationVariables = Exact<{
  input: RecordCommitteeElectionVoteInput;
}>;


export type RecordCommitteeElectionVoteMutation = { recordCommitteeElectionVote: { election: { id: string, status: ElectionStatus, votesCast: number | null, candidates: Array<{ id: string, name: string, votes: number | null, elected: boolean, partyMember: boolean, person: { id: string } }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CancelCommitteeElectionMutationVariables = Exact<{
  input: CancelCommitteeElectionInput;
}>;


export type CancelCommitteeElectionMutation = { cancelCommitteeElection: { election: { id: string, status: ElectionStatus, cancelReason: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ConfirmCommitteeElectionMutationVariables = Exact<{
  input: ConfirmCommitteeElectionInput;
}>;


export type ConfirmCommitteeElectionMutation = { confirmCommitteeElection: { committee: { id: string, name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, termEnd: string | null, endedOn: string | null, endReason: string | null, members: Array<{ name: string, role: CommitteeRole, partyMember: boolean, person: { id: string } }>, chair: { name: string } | null, partySecretary: { id: string } | null, compliance: { memberCount: number, partyMemberCount: number, partyMemberRatio: number, requiredPercent: number, meetsPartyMemberRatio: boolean, secretaryIsBranchSecretary: boolean, termStatus: TermStatus, compliant: boolean, problems: Array<string> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AppointInterimCommitteeMutationVariables = Exact<{
  input: AppointInterimCommitteeInput;
}>;


export type AppointInterimCommitteeMutation = { appointInterimCommittee: { committee: { id: string, name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, termEnd: string | null, endedOn: string | null, endReason: string | null, members: Array<{ name: string, role: CommitteeRole, partyMember: boolean, person: { id: string } }>, chair: { name: string } | null, partySecretary: { id: string } | null, compliance: { memberCount: number, partyMemberCount: number, partyMemberRatio: number, requiredPercent: number, meetsPartyMemberRatio: boolean, secretaryIsBranchSecretary: boolean, termStatus: TermStatus, compliant: boolean, problems: Array<string> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecallCommitteeMutationVariables = Exact<{
  input: RecallCommitteeInput;
}>;


export type RecallCommitteeMutation = { recallCommittee: { committee: { id: string, name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, termEnd: string | null, endedOn: string | null, endReason: string | null, members: Array<{ name: string, role: CommitteeRole, partyMember: boolean, person: { id: string } }>, chair: { name: string } | null, partySecretary: { id: string } | null, compliance: { memberCount: number, partyMemberCount: number, partyMemberRatio: number, requiredPercent: number, meetsPartyMemberRatio: boolean, secretaryIsBranchSecretary: boolean, termStatus: TermStatus, compliant: boolean, problems: Array<string> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CompoundCommitteesQueryVariables = Exact<{
  id: string;
  on: string;
  earlier: string;
}>;


export type CompoundCommitteesQuery = { node:
    | { name: string, propertyCommittee: { id: string, name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, termEnd: string | null, endedOn: string | null, endReason: string | null, members: Array<{ name: string, role: CommitteeRole, partyMember: boolean, person: { id: string } }>, chair: { name: string } | null, partySecretary: { id: string } | null, compliance: { memberCount: number, partyMemberCount: number, partyMemberRatio: number, requiredPercent: number, meetsPartyMemberRatio: boolean, secretaryIsBranchSecretary: boolean, termStatus: TermStatus, compliant: boolean, problems: Array<string> } } | null, propertyCommittees: Array<{ name: string, kind: CommitteeKind, status: CommitteeStatus, termStart: string, endedOn: string | null }>, onDay: { name: string, kind: CommitteeKind } | null, earlier: { name: string, kind: CommitteeKind } | null, committeeElections: Array<{ status: ElectionStatus, candidates: Array<{ name: string, review: CandidateReview, elected: boolean }> }> }
    | Record<PropertyKey, never>
   | null };

export type PublishServiceListMutationVariables = Exact<{
  input: PublishServiceListInput;
}>;


export type PublishServiceListMutation = { publishServiceList: { serviceList: { id: string, month: string, provider: ServiceProvider, propertyCompany: { name: string } | null, items: Array<{ id: string, title: string, schedule: string | null }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RaiseServiceObjectionMutationVariables = Exact<{
  input: RaiseServiceObjectionInput;
}>;


export type RaiseServiceObjectionMutation = { raiseServiceObjection: { objection: { id: string, text: string, answer: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AnswerServiceObjectionMutationVariables = Exact<{
  input: AnswerServiceObjectionInput;
}>;


export type AnswerServiceObjectionMutation = { answerServiceObjection: { objection: { id: string, text: string, answer: string | null, answeredBy: string | null, answeredAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EvaluateServiceMutationVariables = Exact<{
  input: EvaluateServiceInput;
}>;


export type EvaluateServiceMutation = { evaluateService: { evaluation: { id: string, quarter: string, score: number, comment: string | null, item: { title: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ServiceRankingQueryVariables = Exact<{
  id: string;
  quarter: string;
}>;


export type ServiceRankingQuery = { community: { name: string, settings: { redFlagMinScore: number, yellowFlagBelowScore: number }, serviceRanking: Array<{ rank: number | null, flag: RatingFlag, score: number | null, averageScore: number | null, evaluations: number, households: number, objections: number, unansweredObjections: number, provider: ServiceProvider, compound: { name: string }, propertyCompany: { name: string } | null }>, propertyCompanies: Array<{ name: string, ratings: Array<{ quarter: string, flag: RatingFlag, score: number | null, compound: { name: string } }> }> } | null };

export type HomeServicesQueryVariables = Exact<{
  householdId: string;
  quarter: string;
}>;


export type HomeServicesQuery = { node:
    | { serviceEvaluations: Array<{ score: number, item: { title: string } | null }>, compound: { name: string, serviceRating: { flag: RatingFlag, score: number | null, rank: number | null } | null, serviceLists: Array<{ month: string, provider: ServiceProvider, items: Array<{ id: string, title: string, objections: Array<{ text: string, answer: string | null }> }> }> } }
    | Record<PropertyKey, never>
   | null };

export type CreateFeeScheduleMutationVariables = Exact<{
  input: CreateFeeScheduleInput;
}>;


export type CreateFeeScheduleMutation = { createFeeSchedule: { schedule: { id: string, name: string, basis: FeeBasis, rateFen: number, period: FeePeriod, effectiveFrom: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type IssueFeeChargesMutationVariables = Exact<{
  input: IssueFeeChargesInput;
}>;


export type IssueFeeChargesMutation = { issueFeeCharges: { schedule: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordFeePaymentMutationVariables = Exact<{
  input: RecordFeePaymentInput;
}>;


export type RecordFeePaymentMutation = { recordFeePayment: { charge: { id: string, amountFen: number, paidFen: number, waivedFen: number, outstandingFen: number } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type WaiveFeeMutationVariables = Exact<{
  input: WaiveFeeInput;
}>;


export type WaiveFeeMutation = { waiveFee: { charge: { id: string, amountFen: number, paidFen: number, waivedFen: number, outstandingFen: number, waiverReason: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type FeeCollectionQueryVariables = Exact<{
  id: string;
  period: string;
  from: string;
  to: string;
}>;


export type FeeCollectionQuery = { node:
    | { name: string, feeSchedules: Array<{ id: string, name: string, rateFen: number }>, feeCollection: { period: string, chargedFen: number, waivedFen: number, dueFen: number, collectedFen: number, rate: number | null, households: number, settledHouseholds: number } | null, feeCollectionSeries: Array<{ period: string, rate: number | null }>, buildings: { nodes: Array<{ name: string, feeCollection: { rate: number | null, households: number } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type ArrearsQueryVariables = Exact<{
  id: string;
  period: string;
}>;


export type ArrearsQuery = { node:
    | { arrears: { totalCount: number, nodes: Array<{ id: string, outstandingFen: number, waiverReason: string | null, household: { id: string, doorNo: string } }> } }
    | Record<PropertyKey, never>
   | null };

export type CommunityCollectionQueryVariables = Exact<{
  id: string;
  period: string;
}>;


export type CommunityCollectionQuery = { community: { compounds: { nodes: Array<{ name: string, feeCollection: { rate: number | null, dueFen: number, collectedFen: number } | null }> } } | null };

export type BindServiceAccountSystemMutationVariables = Exact<{
  input: BindServiceAccountSystemInput;
}>;


export type BindServiceAccountSystemMutation = { bindServiceAccountSystem: { serviceAccount: { id: string, name: string, systems: Array<string> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UnbindServiceAccountSystemMutationVariables = Exact<{
  input: UnbindServiceAccountSystemInput;
}>;


export type UnbindServiceAccountSystemMutation = { unbindServiceAccountSystem: { serviceAccount: { id: string, systems: Array<string> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type SetExternalIdMutationVariables = Exact<{
  input: SetExternalIdInput;
}>;


export type SetExternalIdMutation = { setExternalId: { node:
      | { __typename: 'ApiKey', id: string }
      | { __typename: 'AuditEntry', id: string }
      | { __typename: 'Building', id: string }
      | { __typename: 'BuildingGroup', id: string }
      | { __typename: 'Candidate', id: string }
      | { __typename: 'CareHelpItem', id: string }
      | { __typename: 'CareLink', id: string }
      | { __typename: 'CareStaff', id: string }
      | { __typename: 'CareVisit', id: string }
      | { __typename: 'CoManagedAccount', id: string }
      | { __typename: 'CommitteeElection', id: string }
      | { __typename: 'CommitteeMember', id: string }
      | { __typename: 'Community', id: string, externalIds: Array<{ system: string, id: string }> }
      | { __typename: 'CommunityCommittee', id: string }
      | { __typename: 'Compound', id: string }
      | { __typename: 'CompoundBranch', id: string }
      | { __typename: 'CrossAppointment', id: string }
      | { __typename: 'Custodian', id: string }
      | { __typename: 'District', id: string, externalIds: Array<{ system: string, id: string }> }
      | { __typename: 'DutyAssignment', id: string }
      | { __typename: 'ExpenditureProposal', id: string }
      | { __typename: 'FeeCharge', id: string }
      | { __typename: 'FeeSchedule', id: string }
      | { __typename: 'GridPosting', id: string }
      | { __typename: 'GridUnit', id: string }
      | { __typename: 'Household', id: string, externalIds: Array<{ system: string, id: string }> }
      | { __typename: 'IssueQrPoint', id: string }
      | { __typename: 'LedgerEntry', id: string }
      | { __typename: 'MeetingAgendaItem', id: string }
      | { __typename: 'MeetingOccurrence', id: string }
      | { __typename: 'MeetingSchedule', id: string }
      | { __typename: 'MemberHousehold', id: string }
      | { __typename: 'MemberProfile', id: string }
      | { __typename: 'MonthlyStatement', id: string }
      | { __typename: 'PartyMembership', id: string }
      | { __typename: 'Person', id: string, externalIds: Array<{ system: string, id: string }> }
      | { __typename: 'PropertyCommittee', id: string }
      | { __typename: 'PropertyCompany', id: string }
      | { __typename: 'ProposalTransition', id: string }
      | { __typename: 'ReportingRelation', id: string }
      | { __typename: 'ResidentIssue', id: string }
      | { __typename: 'RoleBinding', id: string }
      | { __typename: 'ServiceAccount', id: string }
      | { __typename: 'ServiceClaim', id: string }
      | { __typename: 'ServiceEvaluation', id: string }
      | { __typename: 'ServiceItem', id: string }
      | { __typename: 'ServiceList', id: string }
      | { __typename: 'ServiceObjection', id: string }
      | { __typename: 'ServiceOffer', id: string }
      | { __typename: 'ServiceStation', id: string }
      | { __typename: 'StationCheckIn', id: string }
      | { __typename: 'StationInspection', id: string }
      | { __typename: 'StationRosterEntry', id: string }
      | { __typename: 'StationStandardItem', id: string }
      | { __typename: 'Street', id: string }
      | { __typename: 'Unit', id: string }
      | { __typename: 'User', id: string }
      | { __typename: 'VolunteerActivity', id: string }
      | { __typename: 'VolunteerAttendance', id: string }
      | { __typename: 'VolunteerHonour', id: string }
      | { __typename: 'VolunteerHours', id: string }
      | { __typename: 'VolunteerTeam', id: string }
      | { __typename: 'WebhookDelivery', id: string }
      | { __typename: 'WebhookSubscription', id: string }
     | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type NodeByExternalIdQueryVariables = Exact<{
  system: string;
  type: ExternalNodeType;
  id: string;
  communityId?: string | null | undefined;
}>;


export type NodeByExternalIdQuery = { nodeByExternalId:
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'AuditEntry', id: string }
    | { __typename: 'Building', id: string }
    | { __typename: 'BuildingGroup', id: string }
    | { __typename: 'Candidate', id: string }
    | { __typename: 'CareHelpItem', id: string }
    | { __typename: 'CareLink', id: string }
    | { __typename: 'CareStaff', id: string }
    | { __typename: 'CareVisit', id: string }
    | { __typename: 'CoManagedAccount', id: string }
    | { __typename: 'CommitteeElection', id: string }
    | { __typename: 'CommitteeMember', id: string }
    | { __typename: 'Community', id: string }
    | { __typename: 'CommunityCommittee', id: string }
    | { __typename: 'Compound', id: string }
    | { __typename: 'CompoundBranch', id: string }
    | { __typename: 'CrossAppointment', id: string }
    | { __typename: 'Custodian', id: string }
    | { __typename: 'District', id: string }
    | { __typename: 'DutyAssignment', id: string }
    | { __typename: 'ExpenditureProposal', id: string }
    | { __typename: 'FeeCharge', id: string }
    | { __typename: 'FeeSchedule', id: string }
    | { __typename: 'GridPosting', id: string }
    | { __typename: 'GridUnit', id: string }
    | { __typename: 'Household', doorNo: string, id: string }
    | { __typename: 'IssueQrPoint', id: string }
    | { __typename: 'LedgerEntry', id: string }
    | { __typename: 'MeetingAgendaItem', id: string }
    | { __typename: 'MeetingOccurrence', id: string }
    | { __typename: 'MeetingSchedule', id: string }
    | { __typename: 'MemberHousehold', id: string }
    | { __typename: 'MemberProfile', id: string }
    | { __typename: 'MonthlyStatement', id: string }
    | { __typename: 'PartyMembership', id: string }
    | { __typename: 'Person', id: string }
    | { __typename: 'PropertyCommittee', id: string }
    | { __typename: 'PropertyCompany', id: string }
    | { __typename: 'ProposalTransition', id: string }
    | { __typename: 'ReportingRelation', id: string }
    | { __typename: 'ResidentIssue', id: string }
    | { __typename: 'RoleBinding', id: string }
    | { __typename: 'ServiceAccount', id: string }
    | { __typename: 'ServiceClaim', id: string }
    | { __typename: 'ServiceEvaluation', id: string }
    | { __typename: 'ServiceItem', id: string }
    | { __typename: 'ServiceList', id: string }
    | { __typename: 'ServiceObjection', id: string }
    | { __typename: 'ServiceOffer', id: string }
    | { __typename: 'ServiceStation', id: string }
    | { __typename: 'StationCheckIn', id: string }
    | { __typename: 'StationInspection', id: string }
    | { __typename: 'StationRosterEntry', id: string }
    | { __typename: 'StationStandardItem', id: string }
    | { __typename: 'Street', id: string }
    | { __typename: 'Unit', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'VolunteerActivity', id: string }
    | { __typename: 'VolunteerAttendance', id: string }
    | { __typename: 'VolunteerHonour', id: string }
    | { __typename: 'VolunteerHours', id: string }
    | { __typename: 'VolunteerTeam', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookSubscription', id: string }
   | null };

export type BuildingHouseholdExternalIdsQueryVariables = Exact<{
  id: string;
}>;


export type BuildingHouseholdExternalIdsQuery = { node:
    | { externalIds: Array<{ system: string, id: string }>, households: { nodes: Array<{ id: string, externalIds: Array<{ system: string, id: string }>, persons: { nodes: Array<{ id: string, externalIds: Array<{ system: string, id: string }> }> } }> } }
    | Record<PropertyKey, never>
   | null };

export type ViewerSystemsQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerSystemsQuery = { viewer: { serviceAccount: { name: string, systems: Array<string> } | null } };

export type CreatePersonWithNumbersMutationVariables = Exact<{
  input: CreatePersonInput;
}>;


export type CreatePersonWithNumbersMutation = { createPerson: { person: { id: string, name: string, phone: string | null, idNumber: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdatePersonNumbersMutationVariables = Exact<{
  input: UpdatePersonInput;
}>;


export type UpdatePersonNumbersMutation = { updatePerson: { person: { id: string, phone: string | null, idNumber: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PersonByIdNumberQueryVariables = Exact<{
  idNumber: string;
  communityId?: string | null | undefined;
}>;


export type PersonByIdNumberQuery = { personByIdNumber: { id: string, name: string, phone: string | null, idNumber: string | null } | null };

export type ChangesQueryVariables = Exact<{
  communityId: string;
  after?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type ChangesQuery = { changes: { endCursor: string | null, hasMore: boolean, changes: Array<{ cursor: string, type: string, nodeId: string, operation: ChangeOperation, at: string, fields: Array<string>, externalIds: Array<{ system: string, id: string }> }> } };

export type CreatePersonForFeedMutationVariables = Exact<{
  input: CreatePersonInput;
}>;


export type CreatePersonForFeedMutation = { createPerson: { person: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CommunitiesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
  districtId?: string | null | undefined;
}>;


export type CommunitiesQuery = { communities: { totalCount: number, nodes: Array<{ id: string, name: string, areaKm2: number | null, registeredResidents: number | null, district: { name: string } }>, pageInfo: { hasNextPage: boolean, hasPreviousPage: boolean, startCursor: string | null, endCursor: string | null } } };

export type CommunityByIdQueryVariables = Exact<{
  id: string;
}>;


export type CommunityByIdQuery = { community: { id: string, name: string } | null };

export type NodeByIdQueryVariables = Exact<{
  id: string;
}>;


export type NodeByIdQuery = { node:
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { name: string, archivedAt: string | null, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { doorNo: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type NodesByIdsQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type NodesByIdsQuery = { nodes: Array<
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null> };

export type PersonDetailQueryVariables = Exact<{
  id: string;
}>;


export type PersonDetailQuery = { node:
    | { name: string, isPartyMember: boolean, partyMembership: { id: string, status: MembershipStatus, organizationRelation: OrganizationRelation, homeOrganization: string | null, active: boolean, branch: { name: string } | null } | null, partyMemberships: { totalCount: number, nodes: Array<{ id: string, endedOn: string | null }> }, dutyAssignments: { nodes: Array<{ id: string, role: DutyRole, active: boolean, endedOn: string | null, compound: { name: string }, building: { name: string } | null, unit: { name: string } | null }> }, household: { id: string, memberHousehold: { id: string } | null } | null }
    | Record<PropertyKey, never>
   | null };

export type MatrixBuildingQueryVariables = Exact<{
  id: string;
}>;


export type MatrixBuildingQuery = { node:
    | { id: string }
    | { id: string }
    | { name: string, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type MatrixHouseholdsQueryVariables = Exact<{
  id: string;
}>;


export type MatrixHouseholdsQuery = { node:
    | { households: { nodes: Array<{ id: string }> } }
    | Record<PropertyKey, never>
   | null };

export type MatrixPersonQueryVariables = Exact<{
  id: string;
}>;


export type MatrixPersonQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { name: string, phone: string | null, id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type MatrixDoorQueryVariables = Exact<{
  id: string;
}>;


export type MatrixDoorQuery = { node:
    | { doorNo: string }
    | Record<PropertyKey, never>
   | null };

export type MatrixAuditQueryVariables = Exact<{
  communityId: string;
}>;


export type MatrixAuditQuery = { auditEntries: { totalCount: number } };

export type MatrixUpdateBuildingGroupMutationVariables = Exact<{
  input: UpdateBuildingGroupInput;
}>;


export type MatrixUpdateBuildingGroupMutation = { updateBuildingGroup: { buildingGroup: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type MatrixUpdateCompoundBranchMutationVariables = Exact<{
  input: UpdateCompoundBranchInput;
}>;


export type MatrixUpdateCompoundBranchMutation = { updateCompoundBranch: { branch: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RefusalFragment = { field: Array<string>, code: UserErrorCode, message: string };

export type CreateDistrictMutationVariables = Exact<{
  input: CreateDistrictInput;
}>;


export type CreateDistrictMutation = { createDistrict: { district: { id: string, name: string, city: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateDistrictMutationVariables = Exact<{
  input: UpdateDistrictInput;
}>;


export type UpdateDistrictMutation = { updateDistrict: { district: { id: string, name: string, city: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateStreetMutationVariables = Exact<{
  input: CreateStreetInput;
}>;


export type CreateStreetMutation = { createStreet: { street: { id: string, name: string, district: { name: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateStreetMutationVariables = Exact<{
  input: UpdateStreetInput;
}>;


export type UpdateStreetMutation = { updateStreet: { street: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateCommunityMutationVariables = Exact<{
  input: CreateCommunityInput;
}>;


export type CreateCommunityMutation = { createCommunity: { community: { id: string, name: string, areaKm2: number | null, registeredResidents: number | null, district: { name: string }, committee: { id: string, name: string, brandName: string | null } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateCommunityMutationVariables = Exact<{
  input: UpdateCommunityInput;
}>;


export type UpdateCommunityMutation = { updateCommunity: { community: { id: string, name: string, areaKm2: number | null, registeredResidents: number | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateCommunityCommitteeMutationVariables = Exact<{
  input: UpdateCommunityCommitteeInput;
}>;


export type UpdateCommunityCommitteeMutation = { updateCommunityCommittee: { committee: { id: string, name: string, brandName: string | null, secretary: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateCompoundBranchMutationVariables = Exact<{
  input: CreateCompoundBranchInput;
}>;


export type CreateCompoundBranchMutation = { createCompoundBranch: { branch: { id: string, name: string, kind: BranchKind, establishedOn: string | null, secretary: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateCompoundBranchMutationVariables = Exact<{
  input: UpdateCompoundBranchInput;
}>;


export type UpdateCompoundBranchMutation = { updateCompoundBranch: { branch: { id: string, name: string, kind: BranchKind } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateBuildingGroupMutationVariables = Exact<{
  input: CreateBuildingGroupInput;
}>;


export type CreateBuildingGroupMutation = { createBuildingGroup: { buildingGroup: { id: string, name: string, branch: { name: string }, leader: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateBuildingGroupMutationVariables = Exact<{
  input: UpdateBuildingGroupInput;
}>;


export type UpdateBuildingGroupMutation = { updateBuildingGroup: { buildingGroup: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateCompoundMutationVariables = Exact<{
  input: CreateCompoundInput;
}>;


export type CreateCompoundMutation = { createCompound: { compound: { id: string, name: string, propertyMode: PropertyMode, builtYear: number | null, householdCount: number, branch: { name: string } | null, branchHistory: Array<{ since: string, reason: BranchAssignmentReason }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateCompoundMutationVariables = Exact<{
  input: UpdateCompoundInput;
}>;


export type UpdateCompoundMutation = { updateCompound: { compound: { id: string, name: string, propertyMode: PropertyMode, builtYear: number | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AssignCompoundToBranchMutationVariables = Exact<{
  input: AssignCompoundToBranchInput;
}>;


export type AssignCompoundToBranchMutation = { assignCompoundToBranch: { compound: { id: string, branch: { id: string, name: string } | null, branchHistory: Array<{ since: string, until: string | null, reason: BranchAssignmentReason, branch: { name: string } }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type GraduateCompoundMutationVariables = Exact<{
  input: GraduateCompoundInput;
}>;


export type GraduateCompoundMutation = { graduateCompound: { compound: { id: string, name: string, branch: { id: string, name: string, kind: BranchKind } | null, branchHistory: Array<{ since: string, until: string | null, reason: BranchAssignmentReason, branch: { name: string, kind: BranchKind } }>, buildings: { nodes: Array<{ id: string, buildingGroup: { id: string, branch: { name: string } } | null }> } } | null, branch: { id: string, name: string, kind: BranchKind, establishedOn: string | null, compounds: { totalCount: number }, buildingGroups: { totalCount: number } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateBuildingMutationVariables = Exact<{
  input: CreateBuildingInput;
}>;


export type CreateBuildingMutation = { createBuilding: { building: { id: string, name: string, floors: number | null, buildingGroup: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateBuildingMutationVariables = Exact<{
  input: UpdateBuildingInput;
}>;


export type UpdateBuildingMutation = { updateBuilding: { building: { id: string, name: string, floors: number | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type MoveBuildingMutationVariables = Exact<{
  input: MoveBuildingInput;
}>;


export type MoveBuildingMutation = { moveBuilding: { building: { id: string, buildingGroup: { id: string, name: string } | null, households: { nodes: Array<{ buildingGroup: { id: string } | null }> } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateUnitMutationVariables = Exact<{
  input: CreateUnitInput;
}>;


export type CreateUnitMutation = { createUnit: { unit: { id: string, name: string, building: { name: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateUnitMutationVariables = Exact<{
  input: UpdateUnitInput;
}>;


export type UpdateUnitMutation = { updateUnit: { unit: { id: string, name: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateHouseholdMutationVariables = Exact<{
  input: CreateHouseholdInput;
}>;


export type CreateHouseholdMutation = { createHousehold: { household: { id: string, doorNo: string, areaSqm: number | null, building: { name: string }, compound: { name: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateHouseholdMutationVariables = Exact<{
  input: UpdateHouseholdInput;
}>;


export type UpdateHouseholdMutation = { updateHousehold: { household: { id: string, doorNo: string, areaSqm: number | null, unit: { id: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreatePersonMutationVariables = Exact<{
  input: CreatePersonInput;
}>;


export type CreatePersonMutation = { createPerson: { person: { id: string, name: string, gender: Gender | null, birthYear: number | null, household: { doorNo: string } | null, community: { name: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdatePersonMutationVariables = Exact<{
  input: UpdatePersonInput;
}>;


export type UpdatePersonMutation = { updatePerson: { person: { id: string, name: string, birthYear: number | null, household: { id: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type DesignateMemberHouseholdMutationVariables = Exact<{
  input: DesignateMemberHouseholdInput;
}>;


export type DesignateMemberHouseholdMutation = { designateMemberHousehold: { memberHousehold: { id: string, active: boolean, designatedOn: string, displaysPlate: boolean, pledge: string | null, specialties: string | null, household: { id: string } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateMemberHouseholdMutationVariables = Exact<{
  input: UpdateMemberHouseholdInput;
}>;


export type UpdateMemberHouseholdMutation = { updateMemberHousehold: { memberHousehold: { id: string, displaysPlate: boolean, pledge: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UndesignateMemberHouseholdMutationVariables = Exact<{
  input: UndesignateMemberHouseholdInput;
}>;


export type UndesignateMemberHouseholdMutation = { undesignateMemberHousehold: { memberHousehold: { id: string, active: boolean, undesignatedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordPartyMembershipMutationVariables = Exact<{
  input: RecordPartyMembershipInput;
}>;


export type RecordPartyMembershipMutation = { recordPartyMembership: { partyMembership: { id: string, organizationRelation: OrganizationRelation, status: MembershipStatus, homeOrganization: string | null, joinedOn: string | null, active: boolean, branch: { name: string } | null, person: { isPartyMember: boolean } } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdatePartyMembershipMutationVariables = Exact<{
  input: UpdatePartyMembershipInput;
}>;


export type UpdatePartyMembershipMutation = { updatePartyMembership: { partyMembership: { id: string, status: MembershipStatus, organizationRelation: OrganizationRelation } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndPartyMembershipMutationVariables = Exact<{
  input: EndPartyMembershipInput;
}>;


export type EndPartyMembershipMutation = { endPartyMembership: { partyMembership: { id: string, active: boolean, endedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AssignDutyRoleMutationVariables = Exact<{
  input: AssignDutyRoleInput;
}>;


export type AssignDutyRoleMutation = { assignDutyRole: { dutyAssignment: { id: string, role: DutyRole, startedOn: string, active: boolean, compound: { name: string }, building: { name: string } | null, unit: { name: string } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndDutyAssignmentMutationVariables = Exact<{
  input: EndDutyAssignmentInput;
}>;


export type EndDutyAssignmentMutation = { endDutyAssignment: { dutyAssignment: { id: string, active: boolean, endedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ArchiveNodeMutationVariables = Exact<{
  input: ArchiveNodeInput;
}>;


export type ArchiveNodeMutation = { archiveNode: { node:
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
     | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RestoreNodeMutationVariables = Exact<{
  input: RestoreNodeInput;
}>;


export type RestoreNodeMutation = { restoreNode: { node:
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { archivedAt: string | null, id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
     | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ServiceStationPublicFragment = { id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> };

export type CommunityStationsPublicQueryVariables = Exact<{
  id: string;
}>;


export type CommunityStationsPublicQuery = { community: { serviceStations: Array<{ id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> }>, stationStandardItems: Array<{ id: string, name: string, position: number, retiredOn: string | null }> } | null };

export type CommunityStationsFullQueryVariables = Exact<{
  id: string;
}>;


export type CommunityStationsFullQuery = { community: { serviceStations: Array<{ id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, compound: { name: string } | null, inspections: Array<{ inspectedOn: string, inspector: string, photos: Array<string>, items: Array<{ name: string, met: boolean }> }>, roster: Array<{ weekday: number | null, startsAt: string | null, endsAt: string | null, person: { name: string } | null }>, grids: Array<{ name: string, postings: Array<{ post: GridPost, person: { name: string } | null }> }>, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> }> } | null };

export type StationInspectionsQueryVariables = Exact<{
  id: string;
}>;


export type StationInspectionsQuery = { node:
    | { inspections: Array<{ inspectedOn: string, items: Array<{ name: string, met: boolean }> }> }
    | Record<PropertyKey, never>
   | null };

export type StationStaffedHoursQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type StationStaffedHoursQuery = { node:
    | { staffedHours: { openSeconds: number, staffedSeconds: number, share: number | null }, checkIns: { nodes: Array<{ checkedInAt: string, checkedOutAt: string | null, person: { name: string } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type StationMonthQueryVariables = Exact<{
  id: string;
  month: string;
}>;


export type StationMonthQuery = { community: { stationMonth: { month: string, stations: number, meetingStandard: number, staffed: Array<{ station: { name: string, areaSquareMeters: number | null }, hours: { openSeconds: number, staffedSeconds: number, share: number | null } }> } } | null };

export type CommunityGridsQueryVariables = Exact<{
  id: string;
}>;


export type CommunityGridsQuery = { community: { gridUnits: Array<{ id: string, name: string, station: { name: string } | null, compounds: Array<{ name: string }>, buildings: Array<{ name: string }>, postings: Array<{ id: string, post: GridPost, endedOn: string | null, person: { name: string } | null }> }> } | null };

export type ViewerBindingRolesQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerBindingRolesQuery = { viewer: { bindings: Array<{ role: Role, scopeType: ScopeType, scope:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null }> } };

export type CreateServiceStationMutationVariables = Exact<{
  input: CreateServiceStationInput;
}>;


export type CreateServiceStationMutation = { createServiceStation: { station: { id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type SetStationOpeningHoursMutationVariables = Exact<{
  input: SetStationOpeningHoursInput;
}>;


export type SetStationOpeningHoursMutation = { setStationOpeningHours: { station: { id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AddStationStandardItemMutationVariables = Exact<{
  input: AddStationStandardItemInput;
}>;


export type AddStationStandardItemMutation = { addStationStandardItem: { standardItem: { id: string, name: string, position: number } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RetireStationStandardItemMutationVariables = Exact<{
  input: RetireStationStandardItemInput;
}>;


export type RetireStationStandardItemMutation = { retireStationStandardItem: { standardItem: { id: string, retiredOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type RecordStationInspectionMutationVariables = Exact<{
  input: RecordStationInspectionInput;
}>;


export type RecordStationInspectionMutation = { recordStationInspection: { inspection: { id: string, inspectedOn: string, inspector: string, photos: Array<string>, note: string | null, recordedBy: string, items: Array<{ name: string, met: boolean }>, station: { meetsStandard: boolean } | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type AddStationRosterEntryMutationVariables = Exact<{
  input: AddStationRosterEntryInput;
}>;


export type AddStationRosterEntryMutation = { addStationRosterEntry: { rosterEntry: { id: string, weekday: number | null, startsAt: string | null, endsAt: string | null, fromOn: string, untilOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndStationRosterEntryMutationVariables = Exact<{
  input: EndStationRosterEntryInput;
}>;


export type EndStationRosterEntryMutation = { endStationRosterEntry: { rosterEntry: { id: string, untilOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CheckInAtStationMutationVariables = Exact<{
  input: CheckInAtStationInput;
}>;


export type CheckInAtStationMutation = { checkInAtStation: { checkIn: { id: string, checkedInAt: string, checkedOutAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CheckOutOfStationMutationVariables = Exact<{
  input: CheckOutOfStationInput;
}>;


export type CheckOutOfStationMutation = { checkOutOfStation: { checkIn: { id: string, checkedInAt: string, checkedOutAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type CreateGridUnitMutationVariables = Exact<{
  input: CreateGridUnitInput;
}>;


export type CreateGridUnitMutation = { createGridUnit: { grid: { id: string, name: string, compounds: Array<{ name: string }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PostToGridMutationVariables = Exact<{
  input: PostToGridInput;
}>;


export type PostToGridMutation = { postToGrid: { posting: { id: string, post: GridPost, startedOn: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type EndGridPostingMutationVariables = Exact<{
  input: EndGridPostingInput;
}>;


export type EndGridPostingMutation = { endGridPosting: { posting: { id: string, endedOn: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpdateServiceStationMutationVariables = Exact<{
  input: UpdateServiceStationInput;
}>;


export type UpdateServiceStationMutation = { updateServiceStation: { station: { id: string, name: string, kind: StationKind, areaSquareMeters: number | null, facilities: Array<string>, meetsStandard: boolean, openingHours: Array<{ weekday: number, opensAt: string, closesAt: string }> } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type SweepNodesQueryVariables = Exact<{
  ids: Array<string> | string;
}>;


export type SweepNodesQuery = { nodes: Array<
    | { __typename: 'ApiKey', id: string }
    | { __typename: 'AuditEntry', id: string }
    | { __typename: 'Building', id: string }
    | { __typename: 'BuildingGroup', id: string }
    | { __typename: 'Candidate', id: string }
    | { __typename: 'CareHelpItem', id: string }
    | { __typename: 'CareLink', id: string }
    | { __typename: 'CareStaff', id: string }
    | { __typename: 'CareVisit', id: string }
    | { __typename: 'CoManagedAccount', id: string }
    | { __typename: 'CommitteeElection', id: string }
    | { __typename: 'CommitteeMember', id: string }
    | { __typename: 'Community', id: string }
    | { __typename: 'CommunityCommittee', id: string }
    | { __typename: 'Compound', id: string }
    | { __typename: 'CompoundBranch', id: string }
    | { __typename: 'CrossAppointment', id: string }
    | { __typename: 'Custodian', id: string }
    | { __typename: 'District', id: string }
    | { __typename: 'DutyAssignment', id: string }
    | { __typename: 'ExpenditureProposal', id: string }
    | { __typename: 'FeeCharge', id: string }
    | { __typename: 'FeeSchedule', id: string }
    | { __typename: 'GridPosting', id: string }
    | { __typename: 'GridUnit', id: string }
    | { __typename: 'Household', id: string }
    | { __typename: 'IssueQrPoint', id: string }
    | { __typename: 'LedgerEntry', id: string }
    | { __typename: 'MeetingAgendaItem', id: string }
    | { __typename: 'MeetingOccurrence', id: string }
    | { __typename: 'MeetingSchedule', id: string }
    | { __typename: 'MemberHousehold', id: string }
    | { __typename: 'MemberProfile', id: string }
    | { __typename: 'MonthlyStatement', id: string }
    | { __typename: 'PartyMembership', id: string }
    | { __typename: 'Person', id: string }
    | { __typename: 'PropertyCommittee', id: string }
    | { __typename: 'PropertyCompany', id: string }
    | { __typename: 'ProposalTransition', id: string }
    | { __typename: 'ReportingRelation', id: string }
    | { __typename: 'ResidentIssue', id: string }
    | { __typename: 'RoleBinding', id: string }
    | { __typename: 'ServiceAccount', id: string }
    | { __typename: 'ServiceClaim', id: string }
    | { __typename: 'ServiceEvaluation', id: string }
    | { __typename: 'ServiceItem', id: string }
    | { __typename: 'ServiceList', id: string }
    | { __typename: 'ServiceObjection', id: string }
    | { __typename: 'ServiceOffer', id: string }
    | { __typename: 'ServiceStation', id: string }
    | { __typename: 'StationCheckIn', id: string }
    | { __typename: 'StationInspection', id: string }
    | { __typename: 'StationRosterEntry', id: string }
    | { __typename: 'StationStandardItem', id: string }
    | { __typename: 'Street', id: string }
    | { __typename: 'Unit', id: string }
    | { __typename: 'User', id: string }
    | { __typename: 'VolunteerActivity', id: string }
    | { __typename: 'VolunteerAttendance', id: string }
    | { __typename: 'VolunteerHonour', id: string }
    | { __typename: 'VolunteerHours', id: string }
    | { __typename: 'VolunteerTeam', id: string }
    | { __typename: 'WebhookDelivery', id: string }
    | { __typename: 'WebhookSubscription', id: string }
   | null> };

export type SweepListsQueryVariables = Exact<{ [key: string]: never; }>;


export type SweepListsQuery = { districts: { nodes: Array<{ id: string, communities: { nodes: Array<{ id: string, name: string }> }, streets: { nodes: Array<{ id: string, communities: { nodes: Array<{ id: string, name: string }> } }> } }> }, communities: { nodes: Array<{ id: string, name: string, compounds: { nodes: Array<{ id: string }> }, persons: { nodes: Array<{ id: string }> }, roleBindings: { nodes: Array<{ id: string, user: { id: string } | null }> } }> }, viewer: { bindings: Array<{ id: string, scope:
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
        | { id: string }
       | null }> } };

export type VolunteerActivityViewFragment = { id: string, title: string, startsAt: string, durationMinutes: number, recurrence: string | null, place: string | null };

export type CommunityVolunteersQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type CommunityVolunteersQuery = { community: { volunteerTeams: Array<{ id: string, name: string, kind: VolunteerTeamKind, minutes: number, compound: { name: string } | null, activities: Array<{ occurrences: Array<string>, id: string, title: string, startsAt: string, durationMinutes: number, recurrence: string | null, place: string | null }> }>, volunteerHonours: Array<{ title: string, awardedBy: string, awardedOn: string, team: { name: string } | null }> } | null };

export type ActivityCodeQueryVariables = Exact<{
  id: string;
}>;


export type ActivityCodeQuery = { node:
    | { checkInCode: string, attendances: Array<{ occursOn: string, signedUpAt: string | null, checkedInAt: string | null, checkedOutAt: string | null, person: { name: string } | null }> }
    | Record<PropertyKey, never>
   | null };

export type TeamLedgerQueryVariables = Exact<{
  id: string;
}>;


export type TeamLedgerQuery = { node:
    | { minutes: number, hours: { totalCount: number, nodes: Array<{ id: string, minutes: number, servedOn: string, reason: string | null, reverses: { id: string } | null }> } }
    | Record<PropertyKey, never>
   | null };

export type MyVolunteerHoursQueryVariables = Exact<{ [key: string]: never; }>;


export type MyVolunteerHoursQuery = { myVolunteerHours: Array<{ id: string, servedOn: string, minutes: number, reason: string | null, recordedBy: string, team: { name: string } | null }> };

export type CreateVolunteerTeamMutationVariables = Exact<{
  input: CreateVolunteerTeamInput;
}>;


export type CreateVolunteerTeamMutation = { createVolunteerTeam: { team: { id: string, name: string, kind: VolunteerTeamKind } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type ScheduleVolunteerActivityMutationVariables = Exact<{
  input: ScheduleVolunteerActivityInput;
}>;


export type ScheduleVolunteerActivityMutation = { scheduleVolunteerActivity: { activity: { id: string, title: string, startsAt: string, durationMinutes: number, recurrence: string | null, place: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type SignUpForVolunteerActivityMutationVariables = Exact<{
  input: SignUpForVolunteerActivityInput;
}>;


export type SignUpForVolunteerActivityMutation = { signUpForVolunteerActivity: { attendance: { id: string, occursOn: string, signedUpAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type CheckInVolunteerMutationVariables = Exact<{
  input: CheckInVolunteerInput;
}>;


export type CheckInVolunteerMutation = { checkInVolunteer: { attendance: { id: string, occursOn: string, checkedInAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type CheckOutVolunteerMutationVariables = Exact<{
  input: CheckOutVolunteerInput;
}>;


export type CheckOutVolunteerMutation = { checkOutVolunteer: { attendance: { id: string, checkedOutAt: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type CorrectVolunteerHoursMutationVariables = Exact<{
  input: CorrectVolunteerHoursInput;
}>;


export type CorrectVolunteerHoursMutation = { correctVolunteerHours: { hours: { id: string, minutes: number, reason: string | null } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type AwardVolunteerHonourMutationVariables = Exact<{
  input: AwardVolunteerHonourInput;
}>;


export type AwardVolunteerHonourMutation = { awardVolunteerHonour: { honour: { title: string, awardedBy: string, awardedOn: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode }> } };

export type VolunteerMonthsQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type VolunteerMonthsQuery = { community: { volunteerMonths: Array<{ month: string, minutes: number, volunteers: number }> } | null };

export type OrganizationWalkQueryVariables = Exact<{
  first?: number | null | undefined;
}>;


export type OrganizationWalkQuery = { districts: { totalCount: number, nodes: Array<{ id: string, name: string, city: string, streets: { nodes: Array<{ name: string, communities: { nodes: Array<{ id: string, name: string, committee: { name: string, brandName: string | null, secretary: { name: string } | null, branches: { totalCount: number, nodes: Array<{ name: string, kind: BranchKind, establishedOn: string | null, secretary: { name: string } | null, buildingGroups: { nodes: Array<{ name: string, leader: { name: string } | null, memberHouseholds: { totalCount: number, nodes: Array<{ id: string, active: boolean, designatedOn: string, displaysPlate: boolean, pledge: string | null, household: { doorNo: string } }> } }> } }> } } | null }> } }> } }> } };

export type PlacesWalkQueryVariables = Exact<{
  id: string;
  compounds?: number | null | undefined;
  buildings?: number | null | undefined;
  units?: number | null | undefined;
  households?: number | null | undefined;
}>;


export type PlacesWalkQuery = { community: { id: string, name: string, compounds: { totalCount: number, nodes: Array<{ id: string, name: string, propertyMode: PropertyMode, householdCount: number, builtYear: number | null, branch: { name: string } | null, buildings: { totalCount: number, nodes: Array<{ id: string, name: string, floors: number | null, units: { nodes: Array<{ name: string, households: { totalCount: number, nodes: Array<{ id: string, doorNo: string, areaSqm: number | null, persons: { nodes: Array<{ id: string, name: string, gender: Gender | null, birthYear: number | null, isPartyMember: boolean }> } }> } }> } }> } }> } } | null };

export type BottomUpWalkQueryVariables = Exact<{
  id: string;
}>;


export type BottomUpWalkQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { doorNo: string, id: string, unit: { name: string, building: { name: string, compound: { name: string, community: { name: string } } } }, buildingGroup: { name: string, branch: { name: string, kind: BranchKind, committee: { name: string, community: { name: string, street: { name: string, district: { name: string, city: string } } } } } } | null }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };

export type PersonsUpWalkQueryVariables = Exact<{
  id: string;
}>;


export type PersonsUpWalkQuery = { community: { persons: { nodes: Array<{ name: string, household: { building: { buildingGroup: { branch: { committee: { community: { street: { district: { name: string } } } } } } | null } } | null }> } } | null };

export const CareLinkViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CareLinkView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CareLink"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"consentBy"}},{"kind":"Field","name":{"kind":"Name","value":"consentedOn"}},{"kind":"Field","name":{"kind":"Name","value":"consentScope"}},{"kind":"Field","name":{"kind":"Name","value":"linkedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"minutesSpent"}},{"kind":"Field","name":{"kind":"Name","value":"helpItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CareLinkViewFragment, unknown>;
export const CrossAppointmentViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CrossAppointmentViewFragment, unknown>;
export const AccountViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoManagedAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"custodians"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<AccountViewFragment, unknown>;
export const ProposalViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}}]} as unknown as DocumentNode<ProposalViewFragment, unknown>;
export const StatementViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<StatementViewFragment, unknown>;
export const CommitteeViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommitteeView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyCommittee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partySecretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPercent"}},{"kind":"Field","name":{"kind":"Name","value":"meetsPartyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryIsBranchSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"termStatus"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}}]} as unknown as DocumentNode<CommitteeViewFragment, unknown>;
export const RefusalFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RefusalFragment, unknown>;
export const ServiceStationPublicFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<ServiceStationPublicFragment, unknown>;
export const VolunteerActivityViewFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VolunteerActivityView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"}},{"kind":"Field","name":{"kind":"Name","value":"place"}}]}}]} as unknown as DocumentNode<VolunteerActivityViewFragment, unknown>;
export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"bindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scopeType"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const ViewerCanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerCan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"capability"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Capability"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"on"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"can"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"capability"},"value":{"kind":"Variable","name":{"kind":"Name","value":"capability"}}},{"kind":"Argument","name":{"kind":"Name","value":"on"},"value":{"kind":"Variable","name":{"kind":"Name","value":"on"}}}]}]}}]}}]} as unknown as DocumentNode<ViewerCanQuery, ViewerCanQueryVariables>;
export const LoginDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Login"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LoginInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}}]}}]}}]} as unknown as DocumentNode<LoginMutation, LoginMutationVariables>;
export const CreateUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateUserMutation, CreateUserMutationVariables>;
export const GrantRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleBinding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scopeType"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"capabilities"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"grantedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<GrantRoleMutation, GrantRoleMutationVariables>;
export const RevokeRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleBinding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeRoleMutation, RevokeRoleMutationVariables>;
export const CreateServiceAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateServiceAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateServiceAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createServiceAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateServiceAccountMutation, CreateServiceAccountMutationVariables>;
export const CreateApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"prefix"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateApiKeyMutation, CreateApiKeyMutationVariables>;
export const RevokeApiKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeApiKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeApiKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeApiKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"apiKey"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeApiKeyMutation, RevokeApiKeyMutationVariables>;
export const AuditEntriesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEntries"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"entity"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"entity"},"value":{"kind":"Variable","name":{"kind":"Name","value":"entity"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occurredAt"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"entity"}},{"kind":"Field","name":{"kind":"Name","value":"entityId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"requestId"}},{"kind":"Field","name":{"kind":"Name","value":"changes"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEntriesQuery, AuditEntriesQueryVariables>;
export const HouseholdPersonalDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HouseholdPersonal"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}},{"kind":"Field","name":{"kind":"Name","value":"persons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<HouseholdPersonalQuery, HouseholdPersonalQueryVariables>;
export const CommunityRoleBindingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityRoleBindings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"roleBindings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scopeType"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityRoleBindingsQuery, CommunityRoleBindingsQueryVariables>;
export const ChangePasswordDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ChangePassword"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ChangePasswordInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changePassword"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"token"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ChangePasswordMutation, ChangePasswordMutationVariables>;
export const LogoutDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"Logout"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logout"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"loggedOut"}}]}}]}}]} as unknown as DocumentNode<LogoutMutation, LogoutMutationVariables>;
export const RevokeTokensDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeTokens"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeTokensInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeTokens"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"login"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RevokeTokensMutation, RevokeTokensMutationVariables>;
export const DisableUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DisableUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DisableUserMutation, DisableUserMutationVariables>;
export const EnableUserDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableUser"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnableUserInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableUser"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EnableUserMutation, EnableUserMutationVariables>;
export const DisableServiceAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DisableServiceAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DisableServiceAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"disableServiceAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<DisableServiceAccountMutation, DisableServiceAccountMutationVariables>;
export const EnableServiceAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EnableServiceAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EnableServiceAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enableServiceAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"disabledAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EnableServiceAccountMutation, EnableServiceAccountMutationVariables>;
export const OfficeHoldersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OfficeHolders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"household"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"household"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"leaderProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"isPartyMember"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"specialties"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"secretaryProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OfficeHoldersQuery, OfficeHoldersQueryVariables>;
export const GrantedByDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GrantedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<GrantedByQuery, GrantedByQueryVariables>;
export const BranchHoldersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BranchHolders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"branch"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"branch"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CompoundBranch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"leaderProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BranchHoldersQuery, BranchHoldersQueryVariables>;
export const CommunityBranchesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityBranches"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kind"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"BranchKind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}},{"kind":"Field","name":{"kind":"Name","value":"compoundBranches"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"kind"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kind"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"compoundHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityBranchesQuery, CommunityBranchesQueryVariables>;
export const CompoundBranchHistoryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundBranchHistory"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"builtYear"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branchHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompoundBranchHistoryQuery, CompoundBranchHistoryQueryVariables>;
export const CommunityCompoundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityCompounds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"propertyMode"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyMode"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"archived"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ArchivedFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"propertyMode"},"value":{"kind":"Variable","name":{"kind":"Name","value":"propertyMode"}}},{"kind":"Argument","name":{"kind":"Name","value":"archived"},"value":{"kind":"Variable","name":{"kind":"Name","value":"archived"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityCompoundsQuery, CommunityCompoundsQueryVariables>;
export const CareHelpItemsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareHelpItems"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careHelpItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"retiredOn"}}]}}]}}]}}]} as unknown as DocumentNode<CareHelpItemsQuery, CareHelpItemsQueryVariables>;
export const CommunityCareCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityCareCoverage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagged"}},{"kind":"Field","name":{"kind":"Name","value":"linked"}},{"kind":"Field","name":{"kind":"Name","value":"share"}},{"kind":"Field","name":{"kind":"Name","value":"uncoveredHouseholds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"tagged"}},{"kind":"Field","name":{"kind":"Name","value":"linked"}},{"kind":"Field","name":{"kind":"Name","value":"uncovered"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityCareCoverageQuery, CommunityCareCoverageQueryVariables>;
export const BranchCareCoverageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BranchCareCoverage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CompoundBranch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careCoverage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tagged"}},{"kind":"Field","name":{"kind":"Name","value":"linked"}},{"kind":"Field","name":{"kind":"Name","value":"uncoveredHouseholds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"uncovered"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BranchCareCoverageQuery, BranchCareCoverageQueryVariables>;
export const MyCareLinksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyCareLinks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myCareLinks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CareLinkView"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CareLinkView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CareLink"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"consentBy"}},{"kind":"Field","name":{"kind":"Name","value":"consentedOn"}},{"kind":"Field","name":{"kind":"Name","value":"consentScope"}},{"kind":"Field","name":{"kind":"Name","value":"linkedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"minutesSpent"}},{"kind":"Field","name":{"kind":"Name","value":"helpItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<MyCareLinksQuery, MyCareLinksQueryVariables>;
export const HouseholdCareDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HouseholdCare"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}},{"kind":"Field","name":{"kind":"Name","value":"careLinks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<HouseholdCareQuery, HouseholdCareQueryVariables>;
export const BuildingHouseholdTagsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuildingHouseholdTags"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BuildingHouseholdTagsQuery, BuildingHouseholdTagsQueryVariables>;
export const CareMonthsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CareMonths"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careMonths"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"visits"}},{"kind":"Field","name":{"kind":"Name","value":"solved"}},{"kind":"Field","name":{"kind":"Name","value":"passedOn"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}}]}}]}}]}}]} as unknown as DocumentNode<CareMonthsQuery, CareMonthsQueryVariables>;
export const PersonalDataReadsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalDataReads"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalDataReads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"subjectId"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"dataOf"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalDataReadsQuery, PersonalDataReadsQueryVariables>;
export const LinkCareHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LinkCareHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"LinkCareHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkCareHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CareLinkView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CareLinkView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CareLink"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"tag"}},{"kind":"Field","name":{"kind":"Name","value":"consentBy"}},{"kind":"Field","name":{"kind":"Name","value":"consentedOn"}},{"kind":"Field","name":{"kind":"Name","value":"consentScope"}},{"kind":"Field","name":{"kind":"Name","value":"linkedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"vulnerabilityTags"}}]}},{"kind":"Field","name":{"kind":"Name","value":"member"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"visits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"minutesSpent"}},{"kind":"Field","name":{"kind":"Name","value":"helpItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<LinkCareHouseholdMutation, LinkCareHouseholdMutationVariables>;
export const RecordCareVisitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCareVisit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCareVisitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCareVisit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"visit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"visitedOn"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"minutesSpent"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}},{"kind":"Field","name":{"kind":"Name","value":"helpItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordCareVisitMutation, RecordCareVisitMutationVariables>;
export const EndCareLinkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndCareLink"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndCareLinkInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCareLink"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"link"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<EndCareLinkMutation, EndCareLinkMutationVariables>;
export const AddCareHelpItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddCareHelpItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddCareHelpItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addCareHelpItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"helpItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AddCareHelpItemMutation, AddCareHelpItemMutationVariables>;
export const AppointCareStaffDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AppointCareStaff"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointCareStaffInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointCareStaff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"careStaff"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"appointedOn"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AppointCareStaffMutation, AppointCareStaffMutationVariables>;
export const PersonalDataReadersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonalDataReaders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personalDataReads"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"subjectId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"subjectId"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"readerKind"}},{"kind":"Field","name":{"kind":"Name","value":"readerLabel"}},{"kind":"Field","name":{"kind":"Name","value":"subjectType"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"reader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"login"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readerServiceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonalDataReadersQuery, PersonalDataReadersQueryVariables>;
export const AppointCrossPostDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AppointCrossPost"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointCrossPostInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointCrossPost"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossAppointmentView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<AppointCrossPostMutation, AppointCrossPostMutationVariables>;
export const EndCrossAppointmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndCrossAppointment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndCrossAppointmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endCrossAppointment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossAppointmentView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<EndCrossAppointmentMutation, EndCrossAppointmentMutationVariables>;
export const CompoundCrossAppointmentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundCrossAppointments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"crossAppointments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossAppointmentView"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CompoundCrossAppointmentsQuery, CompoundCrossAppointmentsQueryVariables>;
export const CrossAppointmentHoldersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CrossAppointmentHolders"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"crossAppointments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossAppointmentView"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CrossAppointmentHoldersQuery, CrossAppointmentHoldersQueryVariables>;
export const CommunityServiceOffersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityServiceOffers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceOffers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"closedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"claims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"claimedOn"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}},{"kind":"Field","name":{"kind":"Name","value":"membership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organizationRelation"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrganization"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reportingRelations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"homeBranchId"}},{"kind":"Field","name":{"kind":"Name","value":"recordedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityServiceOffersQuery, CommunityServiceOffersQueryVariables>;
export const PublishServiceOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishServiceOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishServiceOfferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishServiceOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PublishServiceOfferMutation, PublishServiceOfferMutationVariables>;
export const ClaimServiceOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ClaimServiceOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ClaimServiceOfferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claimServiceOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"claimedOn"}},{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ClaimServiceOfferMutation, ClaimServiceOfferMutationVariables>;
export const CompleteServiceClaimDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteServiceClaim"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteServiceClaimInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeServiceClaim"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"claim"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CompleteServiceClaimMutation, CompleteServiceClaimMutationVariables>;
export const RecordReportingRelationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordReportingRelation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordReportingRelationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordReportingRelation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"homeBranchId"}},{"kind":"Field","name":{"kind":"Name","value":"recordedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordReportingRelationMutation, RecordReportingRelationMutationVariables>;
export const EndReportingRelationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndReportingRelation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndReportingRelationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endReportingRelation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EndReportingRelationMutation, EndReportingRelationMutationVariables>;
export const BranchReportedClaimsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BranchReportedClaims"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CompoundBranch"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"reportedServiceClaims"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberName"}},{"kind":"Field","name":{"kind":"Name","value":"communityName"}},{"kind":"Field","name":{"kind":"Name","value":"compoundName"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"claimedOn"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"completedOn"}}]}}]}}]}}]}}]} as unknown as DocumentNode<BranchReportedClaimsQuery, BranchReportedClaimsQueryVariables>;
export const EngagementNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EngagementNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<EngagementNodeQuery, EngagementNodeQueryVariables>;
export const UpdateMyMemberProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMyMemberProfile"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateMyMemberProfileInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMyMemberProfile"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"profile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"responsibilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"pioneerPost"}},{"kind":"Field","name":{"kind":"Name","value":"shown"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateMyMemberProfileMutation, UpdateMyMemberProfileMutationVariables>;
export const MyMemberProfileDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyMemberProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myMemberProfile"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"responsibilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"pioneerPost"}},{"kind":"Field","name":{"kind":"Name","value":"shown"}}]}}]}}]} as unknown as DocumentNode<MyMemberProfileQuery, MyMemberProfileQueryVariables>;
export const CompoundMemberProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundMemberProfiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberProfiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"responsibilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"pioneerPost"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompoundMemberProfilesQuery, CompoundMemberProfilesQueryVariables>;
export const HouseholdCompoundProfilesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HouseholdCompoundProfiles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"crossAppointments"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CrossAppointmentView"}},{"kind":"Field","name":{"kind":"Name","value":"holderName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberProfiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"duties"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"responsibilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"pioneerPost"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CrossAppointmentView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CrossAppointment"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"counterpart"}},{"kind":"Field","name":{"kind":"Name","value":"appointedBy"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<HouseholdCompoundProfilesQuery, HouseholdCompoundProfilesQueryVariables>;
export const CloseServiceOfferDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CloseServiceOffer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CloseServiceOfferInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"closeServiceOffer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"offer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"closedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CloseServiceOfferMutation, CloseServiceOfferMutationVariables>;
export const UpdateCommunitySettingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCommunitySettings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCommunitySettingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCommunitySettings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatioMin"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedSpendingBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumSpendingAboveFen"}},{"kind":"Field","name":{"kind":"Name","value":"statementDueDay"}},{"kind":"Field","name":{"kind":"Name","value":"allowNegativeBalance"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateCommunitySettingsMutation, UpdateCommunitySettingsMutationVariables>;
export const OpenCoManagedAccountDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenCoManagedAccount"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenCoManagedAccountInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openCoManagedAccount"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoManagedAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"custodians"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<OpenCoManagedAccountMutation, OpenCoManagedAccountMutationVariables>;
export const ReplaceCustodianDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReplaceCustodian"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplaceCustodianInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replaceCustodian"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"custodian"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"custodians"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includePast"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ReplaceCustodianMutation, ReplaceCustodianMutationVariables>;
export const RecordIncomeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordIncome"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordIncomeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordIncome"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordIncomeMutation, RecordIncomeMutationVariables>;
export const ReverseLedgerEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReverseLedgerEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReverseLedgerEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reverseLedgerEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"reverses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"reversedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ReverseLedgerEntryMutation, ReverseLedgerEntryMutationVariables>;
export const ProposeExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ProposeExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ProposeExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposeExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ProposeExpenditureMutation, ProposeExpenditureMutationVariables>;
export const DiscussExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DiscussExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DiscussExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"discussExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DiscussExpenditureMutation, DiscussExpenditureMutationVariables>;
export const ReviewExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviewExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ReviewExpenditureMutation, ReviewExpenditureMutationVariables>;
export const ResolveExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ResolveExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResolveExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resolveExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ResolveExpenditureMutation, ResolveExpenditureMutationVariables>;
export const RejectExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RejectExpenditureMutation, RejectExpenditureMutationVariables>;
export const WithdrawExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WithdrawExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WithdrawExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"withdrawExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<WithdrawExpenditureMutation, WithdrawExpenditureMutationVariables>;
export const PayExpenditureDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PayExpenditure"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PayExpenditureInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"payExpenditure"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PayExpenditureMutation, PayExpenditureMutationVariables>;
export const PrepareMonthlyStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PrepareMonthlyStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PrepareMonthlyStatementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"prepareMonthlyStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatementView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PrepareMonthlyStatementMutation, PrepareMonthlyStatementMutationVariables>;
export const PublishMonthlyStatementDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishMonthlyStatement"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishMonthlyStatementInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishMonthlyStatement"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"statement"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatementView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PublishMonthlyStatementMutation, PublishMonthlyStatementMutationVariables>;
export const CompoundMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatioMin"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedSpendingBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumSpendingAboveFen"}},{"kind":"Field","name":{"kind":"Name","value":"statementDueDay"}},{"kind":"Field","name":{"kind":"Name","value":"allowNegativeBalance"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"AccountView"}},{"kind":"Field","name":{"kind":"Name","value":"ledger"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"AccountView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CoManagedAccount"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"openedOn"}},{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"custodians"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<CompoundMoneyQuery, CompoundMoneyQueryVariables>;
export const CompoundStatementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundStatements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyStatements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatementView"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<CompoundStatementsQuery, CompoundStatementsQueryVariables>;
export const StatementByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StatementById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatementView"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<StatementByIdQuery, StatementByIdQueryVariables>;
export const ProposalByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ProposalById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ProposalView"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ProposalView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ExpenditureProposal"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"payee"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"spendingPath"}},{"kind":"Field","name":{"kind":"Name","value":"simplifiedBelowFen"}},{"kind":"Field","name":{"kind":"Name","value":"quorumRequired"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"fromStatus"}},{"kind":"Field","name":{"kind":"Name","value":"toStatus"}},{"kind":"Field","name":{"kind":"Name","value":"actorLabel"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}},{"kind":"Field","name":{"kind":"Name","value":"meeting"}},{"kind":"Field","name":{"kind":"Name","value":"attendance"}},{"kind":"Field","name":{"kind":"Name","value":"votesFor"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}}]}}]}}]} as unknown as DocumentNode<ProposalByIdQuery, ProposalByIdQueryVariables>;
export const HomeStatementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HomeStatements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyStatements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"StatementView"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"StatementView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MonthlyStatement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"preparedBy"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"verification"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"contentMatchesLedger"}},{"kind":"Field","name":{"kind":"Name","value":"hashMatches"}},{"kind":"Field","name":{"kind":"Name","value":"openingMatchesPrevious"}}]}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"dueOn"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"entryId"}},{"kind":"Field","name":{"kind":"Name","value":"occurredOn"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"deltaFen"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"reversesEntryId"}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposalsPaid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"proposalId"}},{"kind":"Field","name":{"kind":"Name","value":"purpose"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]} as unknown as DocumentNode<HomeStatementsQuery, HomeStatementsQueryVariables>;
export const CommunityMoneyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityMoney"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"account"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"balanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"custodians"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"seat"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"proposals"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"transitions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"step"}},{"kind":"Field","name":{"kind":"Name","value":"actorRole"}}]}},{"kind":"Field","name":{"kind":"Name","value":"payment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"amountFen"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"statements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityMoneyQuery, CommunityMoneyQueryVariables>;
export const OpenCommitteeElectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenCommitteeElection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenCommitteeElectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openCommitteeElection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"election"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"seats"}},{"kind":"Field","name":{"kind":"Name","value":"version"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<OpenCommitteeElectionMutation, OpenCommitteeElectionMutationVariables>;
export const NominateCommitteeCandidateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"NominateCommitteeCandidate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"NominateCommitteeCandidateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nominateCommitteeCandidate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"nomination"}},{"kind":"Field","name":{"kind":"Name","value":"review"}},{"kind":"Field","name":{"kind":"Name","value":"nominatingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<NominateCommitteeCandidateMutation, NominateCommitteeCandidateMutationVariables>;
export const ReviewCommitteeCandidateDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReviewCommitteeCandidate"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReviewCommitteeCandidateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reviewCommitteeCandidate"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"candidate"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"review"}},{"kind":"Field","name":{"kind":"Name","value":"reviewReason"}},{"kind":"Field","name":{"kind":"Name","value":"reviewedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ReviewCommitteeCandidateMutation, ReviewCommitteeCandidateMutationVariables>;
export const RecordCommitteeElectionVoteDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordCommitteeElectionVote"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordCommitteeElectionVoteInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordCommitteeElectionVote"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"election"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"votesCast"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"votes"}},{"kind":"Field","name":{"kind":"Name","value":"elected"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordCommitteeElectionVoteMutation, RecordCommitteeElectionVoteMutationVariables>;
export const CancelCommitteeElectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelCommitteeElection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelCommitteeElectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelCommitteeElection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"election"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"cancelReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CancelCommitteeElectionMutation, CancelCommitteeElectionMutationVariables>;
export const ConfirmCommitteeElectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmCommitteeElection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmCommitteeElectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmCommitteeElection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommitteeView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommitteeView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyCommittee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partySecretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPercent"}},{"kind":"Field","name":{"kind":"Name","value":"meetsPartyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryIsBranchSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"termStatus"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ConfirmCommitteeElectionMutation, ConfirmCommitteeElectionMutationVariables>;
export const AppointInterimCommitteeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AppointInterimCommittee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AppointInterimCommitteeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"appointInterimCommittee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommitteeView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommitteeView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyCommittee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partySecretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPercent"}},{"kind":"Field","name":{"kind":"Name","value":"meetsPartyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryIsBranchSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"termStatus"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AppointInterimCommitteeMutation, AppointInterimCommitteeMutationVariables>;
export const RecallCommitteeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecallCommittee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecallCommitteeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recallCommittee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommitteeView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommitteeView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyCommittee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partySecretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPercent"}},{"kind":"Field","name":{"kind":"Name","value":"meetsPartyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryIsBranchSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"termStatus"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecallCommitteeMutation, RecallCommitteeMutationVariables>;
export const CompoundCommitteesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CompoundCommittees"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"on"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"earlier"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"propertyCommittee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"CommitteeView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"propertyCommittees"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"onDay"},"name":{"kind":"Name","value":"propertyCommitteeOn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"on"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"earlier"},"name":{"kind":"Name","value":"propertyCommitteeOn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"date"},"value":{"kind":"Variable","name":{"kind":"Name","value":"earlier"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"committeeElections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"candidates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"review"}},{"kind":"Field","name":{"kind":"Name","value":"elected"}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"CommitteeView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"PropertyCommittee"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"termStart"}},{"kind":"Field","name":{"kind":"Name","value":"termEnd"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"endReason"}},{"kind":"Field","name":{"kind":"Name","value":"members"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"partyMember"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"chair"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"partySecretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberCount"}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"requiredPercent"}},{"kind":"Field","name":{"kind":"Name","value":"meetsPartyMemberRatio"}},{"kind":"Field","name":{"kind":"Name","value":"secretaryIsBranchSecretary"}},{"kind":"Field","name":{"kind":"Name","value":"termStatus"}},{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"problems"}}]}}]}}]} as unknown as DocumentNode<CompoundCommitteesQuery, CompoundCommitteesQueryVariables>;
export const PublishServiceListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PublishServiceList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PublishServiceListInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishServiceList"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceList"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"propertyCompany"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"schedule"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<PublishServiceListMutation, PublishServiceListMutationVariables>;
export const RaiseServiceObjectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RaiseServiceObjection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RaiseServiceObjectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"raiseServiceObjection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RaiseServiceObjectionMutation, RaiseServiceObjectionMutationVariables>;
export const AnswerServiceObjectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AnswerServiceObjection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AnswerServiceObjectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"answerServiceObjection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"objection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}},{"kind":"Field","name":{"kind":"Name","value":"answeredBy"}},{"kind":"Field","name":{"kind":"Name","value":"answeredAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AnswerServiceObjectionMutation, AnswerServiceObjectionMutationVariables>;
export const EvaluateServiceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EvaluateService"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EvaluateServiceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluateService"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"evaluation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"comment"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<EvaluateServiceMutation, EvaluateServiceMutationVariables>;
export const ServiceRankingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ServiceRanking"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"settings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"redFlagMinScore"}},{"kind":"Field","name":{"kind":"Name","value":"yellowFlagBelowScore"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceRanking"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rank"}},{"kind":"Field","name":{"kind":"Name","value":"flag"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"averageScore"}},{"kind":"Field","name":{"kind":"Name","value":"evaluations"}},{"kind":"Field","name":{"kind":"Name","value":"households"}},{"kind":"Field","name":{"kind":"Name","value":"objections"}},{"kind":"Field","name":{"kind":"Name","value":"unansweredObjections"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"propertyCompany"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"propertyCompanies"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"ratings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarters"},"value":{"kind":"IntValue","value":"4"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quarter"}},{"kind":"Field","name":{"kind":"Name","value":"flag"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ServiceRankingQuery, ServiceRankingQueryVariables>;
export const HomeServicesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HomeServices"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"householdId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceEvaluations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"serviceRating"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"quarter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quarter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"flag"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"rank"}}]}},{"kind":"Field","name":{"kind":"Name","value":"serviceLists"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"objections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"answer"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<HomeServicesQuery, HomeServicesQueryVariables>;
export const CreateFeeScheduleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFeeSchedule"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFeeScheduleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFeeSchedule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"basis"}},{"kind":"Field","name":{"kind":"Name","value":"rateFen"}},{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveFrom"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateFeeScheduleMutation, CreateFeeScheduleMutationVariables>;
export const IssueFeeChargesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IssueFeeCharges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"IssueFeeChargesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"issueFeeCharges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"schedule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<IssueFeeChargesMutation, IssueFeeChargesMutationVariables>;
export const RecordFeePaymentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordFeePayment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordFeePaymentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordFeePayment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"paidFen"}},{"kind":"Field","name":{"kind":"Name","value":"waivedFen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingFen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordFeePaymentMutation, RecordFeePaymentMutationVariables>;
export const WaiveFeeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"WaiveFee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"WaiveFeeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"waiveFee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"charge"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"amountFen"}},{"kind":"Field","name":{"kind":"Name","value":"paidFen"}},{"kind":"Field","name":{"kind":"Name","value":"waivedFen"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingFen"}},{"kind":"Field","name":{"kind":"Name","value":"waiverReason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<WaiveFeeMutation, WaiveFeeMutationVariables>;
export const FeeCollectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"FeeCollection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"feeSchedules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"rateFen"}}]}},{"kind":"Field","name":{"kind":"Name","value":"feeCollection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"chargedFen"}},{"kind":"Field","name":{"kind":"Name","value":"waivedFen"}},{"kind":"Field","name":{"kind":"Name","value":"dueFen"}},{"kind":"Field","name":{"kind":"Name","value":"collectedFen"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"households"}},{"kind":"Field","name":{"kind":"Name","value":"settledHouseholds"}}]}},{"kind":"Field","name":{"kind":"Name","value":"feeCollectionSeries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"period"}},{"kind":"Field","name":{"kind":"Name","value":"rate"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"feeCollection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"households"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<FeeCollectionQuery, FeeCollectionQueryVariables>;
export const ArrearsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Arrears"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"arrears"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"outstandingFen"}},{"kind":"Field","name":{"kind":"Name","value":"waiverReason"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ArrearsQuery, ArrearsQueryVariables>;
export const CommunityCollectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityCollection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"period"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"feeCollection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"period"},"value":{"kind":"Variable","name":{"kind":"Name","value":"period"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rate"}},{"kind":"Field","name":{"kind":"Name","value":"dueFen"}},{"kind":"Field","name":{"kind":"Name","value":"collectedFen"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityCollectionQuery, CommunityCollectionQueryVariables>;
export const BindServiceAccountSystemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"BindServiceAccountSystem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BindServiceAccountSystemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindServiceAccountSystem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<BindServiceAccountSystemMutation, BindServiceAccountSystemMutationVariables>;
export const UnbindServiceAccountSystemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnbindServiceAccountSystem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UnbindServiceAccountSystemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unbindServiceAccountSystem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UnbindServiceAccountSystemMutation, UnbindServiceAccountSystemMutationVariables>;
export const SetExternalIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetExternalId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetExternalIdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Community"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"District"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SetExternalIdMutation, SetExternalIdMutationVariables>;
export const NodeByExternalIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeByExternalId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"system"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"type"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ExternalNodeType"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeByExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"system"},"value":{"kind":"Variable","name":{"kind":"Name","value":"system"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"Variable","name":{"kind":"Name","value":"type"}}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByExternalIdQuery, NodeByExternalIdQueryVariables>;
export const BuildingHouseholdExternalIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BuildingHouseholdExternalIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"persons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BuildingHouseholdExternalIdsQuery, BuildingHouseholdExternalIdsQueryVariables>;
export const ViewerSystemsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerSystems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceAccount"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"systems"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerSystemsQuery, ViewerSystemsQueryVariables>;
export const CreatePersonWithNumbersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePersonWithNumbers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePersonWithNumbersMutation, CreatePersonWithNumbersMutationVariables>;
export const UpdatePersonNumbersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePersonNumbers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<UpdatePersonNumbersMutation, UpdatePersonNumbersMutationVariables>;
export const PersonByIdNumberDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonByIdNumber"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personByIdNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"idNumber"}}]}}]}}]} as unknown as DocumentNode<PersonByIdNumberQuery, PersonByIdNumberQueryVariables>;
export const ChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Changes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}},{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}}]}}]}}]} as unknown as DocumentNode<ChangesQuery, ChangesQueryVariables>;
export const CreatePersonForFeedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePersonForFeed"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreatePersonForFeedMutation, CreatePersonForFeedMutationVariables>;
export const CommunitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Communities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"last"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"before"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"districtId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"communities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"Variable","name":{"kind":"Name","value":"last"}}},{"kind":"Argument","name":{"kind":"Name","value":"before"},"value":{"kind":"Variable","name":{"kind":"Name","value":"before"}}},{"kind":"Argument","name":{"kind":"Name","value":"districtId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"districtId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"areaKm2"}},{"kind":"Field","name":{"kind":"Name","value":"registeredResidents"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"hasPreviousPage"}},{"kind":"Field","name":{"kind":"Name","value":"startCursor"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CommunitiesQuery, CommunitiesQueryVariables>;
export const CommunityByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<CommunityByIdQuery, CommunityByIdQueryVariables>;
export const NodeByIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodeById"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Community"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodeByIdQuery, NodeByIdQueryVariables>;
export const NodesByIdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"NodesByIds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Community"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<NodesByIdsQuery, NodesByIdsQueryVariables>;
export const PersonDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"isPartyMember"}},{"kind":"Field","name":{"kind":"Name","value":"partyMembership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRelation"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrganization"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"partyMemberships"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeEnded"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"dutyAssignments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"includeEnded"},"value":{"kind":"BooleanValue","value":true}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"memberHousehold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonDetailQuery, PersonDetailQueryVariables>;
export const MatrixBuildingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatrixBuilding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MatrixBuildingQuery, MatrixBuildingQueryVariables>;
export const MatrixHouseholdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatrixHouseholds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"3"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MatrixHouseholdsQuery, MatrixHouseholdsQueryVariables>;
export const MatrixPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatrixPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}}]}}]}}]} as unknown as DocumentNode<MatrixPersonQuery, MatrixPersonQueryVariables>;
export const MatrixDoorDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatrixDoor"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}}]}}]}}]} as unknown as DocumentNode<MatrixDoorQuery, MatrixDoorQueryVariables>;
export const MatrixAuditDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MatrixAudit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEntries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"last"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<MatrixAuditQuery, MatrixAuditQueryVariables>;
export const MatrixUpdateBuildingGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MatrixUpdateBuildingGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateBuildingGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateBuildingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<MatrixUpdateBuildingGroupMutation, MatrixUpdateBuildingGroupMutationVariables>;
export const MatrixUpdateCompoundBranchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MatrixUpdateCompoundBranch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCompoundBranchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCompoundBranch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<MatrixUpdateCompoundBranchMutation, MatrixUpdateCompoundBranchMutationVariables>;
export const CreateDistrictDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateDistrict"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateDistrictInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createDistrict"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateDistrictMutation, CreateDistrictMutationVariables>;
export const UpdateDistrictDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateDistrict"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateDistrictInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateDistrict"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateDistrictMutation, UpdateDistrictMutationVariables>;
export const CreateStreetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateStreet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateStreetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createStreet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateStreetMutation, CreateStreetMutationVariables>;
export const UpdateStreetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateStreet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateStreetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateStreet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateStreetMutation, UpdateStreetMutationVariables>;
export const CreateCommunityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCommunity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCommunityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCommunity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"areaKm2"}},{"kind":"Field","name":{"kind":"Name","value":"registeredResidents"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateCommunityMutation, CreateCommunityMutationVariables>;
export const UpdateCommunityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCommunity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCommunityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCommunity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"areaKm2"}},{"kind":"Field","name":{"kind":"Name","value":"registeredResidents"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateCommunityMutation, UpdateCommunityMutationVariables>;
export const UpdateCommunityCommitteeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCommunityCommittee"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCommunityCommitteeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCommunityCommittee"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateCommunityCommitteeMutation, UpdateCommunityCommitteeMutationVariables>;
export const CreateCompoundBranchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCompoundBranch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCompoundBranchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCompoundBranch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"establishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateCompoundBranchMutation, CreateCompoundBranchMutationVariables>;
export const UpdateCompoundBranchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCompoundBranch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCompoundBranchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCompoundBranch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateCompoundBranchMutation, UpdateCompoundBranchMutationVariables>;
export const CreateBuildingGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBuildingGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBuildingGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBuildingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"leader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateBuildingGroupMutation, CreateBuildingGroupMutationVariables>;
export const UpdateBuildingGroupDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateBuildingGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateBuildingGroupInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateBuildingGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateBuildingGroupMutation, UpdateBuildingGroupMutationVariables>;
export const CreateCompoundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateCompound"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateCompoundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createCompound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"propertyMode"}},{"kind":"Field","name":{"kind":"Name","value":"builtYear"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branchHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateCompoundMutation, CreateCompoundMutationVariables>;
export const UpdateCompoundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateCompound"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateCompoundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateCompound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"propertyMode"}},{"kind":"Field","name":{"kind":"Name","value":"builtYear"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateCompoundMutation, UpdateCompoundMutationVariables>;
export const AssignCompoundToBranchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignCompoundToBranch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignCompoundToBranchInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignCompoundToBranch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branchHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AssignCompoundToBranchMutation, AssignCompoundToBranchMutationVariables>;
export const GraduateCompoundDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GraduateCompound"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GraduateCompoundInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"graduateCompound"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branchHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"since"}},{"kind":"Field","name":{"kind":"Name","value":"until"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"establishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<GraduateCompoundMutation, GraduateCompoundMutationVariables>;
export const CreateBuildingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateBuilding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateBuildingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createBuilding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"floors"}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateBuildingMutation, CreateBuildingMutationVariables>;
export const UpdateBuildingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateBuilding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateBuildingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateBuilding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"floors"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateBuildingMutation, UpdateBuildingMutationVariables>;
export const MoveBuildingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"MoveBuilding"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MoveBuildingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"moveBuilding"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<MoveBuildingMutation, MoveBuildingMutationVariables>;
export const CreateUnitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateUnit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateUnitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateUnitMutation, CreateUnitMutationVariables>;
export const UpdateUnitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateUnit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateUnitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateUnitMutation, UpdateUnitMutationVariables>;
export const CreateHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"areaSqm"}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreateHouseholdMutation, CreateHouseholdMutationVariables>;
export const UpdateHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"areaSqm"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateHouseholdMutation, UpdateHouseholdMutationVariables>;
export const CreatePersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<CreatePersonMutation, CreatePersonMutationVariables>;
export const UpdatePersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdatePersonMutation, UpdatePersonMutationVariables>;
export const DesignateMemberHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DesignateMemberHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DesignateMemberHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"designateMemberHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberHousehold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"designatedOn"}},{"kind":"Field","name":{"kind":"Name","value":"displaysPlate"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"specialties"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<DesignateMemberHouseholdMutation, DesignateMemberHouseholdMutationVariables>;
export const UpdateMemberHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateMemberHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateMemberHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateMemberHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberHousehold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displaysPlate"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdateMemberHouseholdMutation, UpdateMemberHouseholdMutationVariables>;
export const UndesignateMemberHouseholdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UndesignateMemberHousehold"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UndesignateMemberHouseholdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"undesignateMemberHousehold"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"memberHousehold"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"undesignatedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UndesignateMemberHouseholdMutation, UndesignateMemberHouseholdMutationVariables>;
export const RecordPartyMembershipDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordPartyMembership"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordPartyMembershipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordPartyMembership"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partyMembership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRelation"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"homeOrganization"}},{"kind":"Field","name":{"kind":"Name","value":"joinedOn"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isPartyMember"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RecordPartyMembershipMutation, RecordPartyMembershipMutationVariables>;
export const UpdatePartyMembershipDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdatePartyMembership"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdatePartyMembershipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePartyMembership"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partyMembership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"organizationRelation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<UpdatePartyMembershipMutation, UpdatePartyMembershipMutationVariables>;
export const EndPartyMembershipDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndPartyMembership"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndPartyMembershipInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endPartyMembership"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"partyMembership"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<EndPartyMembershipMutation, EndPartyMembershipMutationVariables>;
export const AssignDutyRoleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AssignDutyRole"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AssignDutyRoleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"assignDutyRole"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dutyAssignment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<AssignDutyRoleMutation, AssignDutyRoleMutationVariables>;
export const EndDutyAssignmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndDutyAssignment"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndDutyAssignmentInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endDutyAssignment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dutyAssignment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<EndDutyAssignmentMutation, EndDutyAssignmentMutationVariables>;
export const ArchiveNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ArchiveNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ArchiveNodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archiveNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Person"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Unit"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<ArchiveNodeMutation, ArchiveNodeMutationVariables>;
export const RestoreNodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RestoreNode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RestoreNodeInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"restoreNode"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Compound"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Building"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"archivedAt"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"Refusal"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"Refusal"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UserError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]} as unknown as DocumentNode<RestoreNodeMutation, RestoreNodeMutationVariables>;
export const CommunityStationsPublicDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityStationsPublic"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceStations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceStationPublic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"stationStandardItems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}},{"kind":"Field","name":{"kind":"Name","value":"retiredOn"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<CommunityStationsPublicQuery, CommunityStationsPublicQueryVariables>;
export const CommunityStationsFullDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityStationsFull"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"serviceStations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceStationPublic"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"inspections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectedOn"}},{"kind":"Field","name":{"kind":"Name","value":"inspector"}},{"kind":"Field","name":{"kind":"Name","value":"photos"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"roster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"grids"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"postings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<CommunityStationsFullQuery, CommunityStationsFullQueryVariables>;
export const StationInspectionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StationInspections"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspections"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspectedOn"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StationInspectionsQuery, StationInspectionsQueryVariables>;
export const StationStaffedHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StationStaffedHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"staffedHours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"staffedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"share"}}]}},{"kind":"Field","name":{"kind":"Name","value":"checkIns"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedOutAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StationStaffedHoursQuery, StationStaffedHoursQueryVariables>;
export const StationMonthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"StationMonth"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"month"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stationMonth"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"month"},"value":{"kind":"Variable","name":{"kind":"Name","value":"month"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"stations"}},{"kind":"Field","name":{"kind":"Name","value":"meetingStandard"}},{"kind":"Field","name":{"kind":"Name","value":"staffed"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}}]}},{"kind":"Field","name":{"kind":"Name","value":"hours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"staffedSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"share"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<StationMonthQuery, StationMonthQueryVariables>;
export const CommunityGridsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityGrids"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"gridUnits"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"postings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityGridsQuery, CommunityGridsQueryVariables>;
export const ViewerBindingRolesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ViewerBindingRoles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"scopeType"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ViewerBindingRolesQuery, ViewerBindingRolesQueryVariables>;
export const CreateServiceStationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateServiceStation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateServiceStationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createServiceStation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceStationPublic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<CreateServiceStationMutation, CreateServiceStationMutationVariables>;
export const SetStationOpeningHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetStationOpeningHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetStationOpeningHoursInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setStationOpeningHours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceStationPublic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<SetStationOpeningHoursMutation, SetStationOpeningHoursMutationVariables>;
export const AddStationStandardItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddStationStandardItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddStationStandardItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addStationStandardItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standardItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"position"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AddStationStandardItemMutation, AddStationStandardItemMutationVariables>;
export const RetireStationStandardItemDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RetireStationStandardItem"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RetireStationStandardItemInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"retireStationStandardItem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"standardItem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"retiredOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RetireStationStandardItemMutation, RetireStationStandardItemMutationVariables>;
export const RecordStationInspectionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordStationInspection"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RecordStationInspectionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"recordStationInspection"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inspection"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"inspectedOn"}},{"kind":"Field","name":{"kind":"Name","value":"inspector"}},{"kind":"Field","name":{"kind":"Name","value":"photos"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"met"}}]}},{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordStationInspectionMutation, RecordStationInspectionMutationVariables>;
export const AddStationRosterEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddStationRosterEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddStationRosterEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addStationRosterEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rosterEntry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"endsAt"}},{"kind":"Field","name":{"kind":"Name","value":"fromOn"}},{"kind":"Field","name":{"kind":"Name","value":"untilOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<AddStationRosterEntryMutation, AddStationRosterEntryMutationVariables>;
export const EndStationRosterEntryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndStationRosterEntry"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndStationRosterEntryInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endStationRosterEntry"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rosterEntry"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"untilOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EndStationRosterEntryMutation, EndStationRosterEntryMutationVariables>;
export const CheckInAtStationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckInAtStation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckInAtStationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkInAtStation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedOutAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CheckInAtStationMutation, CheckInAtStationMutationVariables>;
export const CheckOutOfStationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckOutOfStation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckOutOfStationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkOutOfStation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkIn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedOutAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CheckOutOfStationMutation, CheckOutOfStationMutationVariables>;
export const CreateGridUnitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateGridUnit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateGridUnitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createGridUnit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grid"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<CreateGridUnitMutation, CreateGridUnitMutationVariables>;
export const PostToGridDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PostToGrid"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PostToGridInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"postToGrid"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"post"}},{"kind":"Field","name":{"kind":"Name","value":"startedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<PostToGridMutation, PostToGridMutationVariables>;
export const EndGridPostingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndGridPosting"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndGridPostingInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endGridPosting"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"posting"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"endedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<EndGridPostingMutation, EndGridPostingMutationVariables>;
export const UpdateServiceStationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateServiceStation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpdateServiceStationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateServiceStation"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"station"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ServiceStationPublic"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ServiceStationPublic"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ServiceStation"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"areaSquareMeters"}},{"kind":"Field","name":{"kind":"Name","value":"facilities"}},{"kind":"Field","name":{"kind":"Name","value":"openingHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"weekday"}},{"kind":"Field","name":{"kind":"Name","value":"opensAt"}},{"kind":"Field","name":{"kind":"Name","value":"closesAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"meetsStandard"}}]}}]} as unknown as DocumentNode<UpdateServiceStationMutation, UpdateServiceStationMutationVariables>;
export const SweepNodesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SweepNodes"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"__typename"}}]}}]}}]} as unknown as DocumentNode<SweepNodesQuery, SweepNodesQueryVariables>;
export const SweepListsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SweepLists"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"districts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"communities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"streets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"communities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"communities"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"persons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"roleBindings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"user"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"bindings"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"scope"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]} as unknown as DocumentNode<SweepListsQuery, SweepListsQueryVariables>;
export const CommunityVolunteersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityVolunteers"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DateTime"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"volunteerTeams"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"activities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VolunteerActivityView"}},{"kind":"Field","name":{"kind":"Name","value":"occurrences"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}]}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"volunteerHonours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"awardedBy"}},{"kind":"Field","name":{"kind":"Name","value":"awardedOn"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VolunteerActivityView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"}},{"kind":"Field","name":{"kind":"Name","value":"place"}}]}}]} as unknown as DocumentNode<CommunityVolunteersQuery, CommunityVolunteersQueryVariables>;
export const ActivityCodeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ActivityCode"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkInCode"}},{"kind":"Field","name":{"kind":"Name","value":"attendances"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"occursOn"}},{"kind":"Field","name":{"kind":"Name","value":"signedUpAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}},{"kind":"Field","name":{"kind":"Name","value":"checkedOutAt"}},{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ActivityCodeQuery, ActivityCodeQueryVariables>;
export const TeamLedgerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TeamLedger"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerTeam"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"hours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"servedOn"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"reverses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TeamLedgerQuery, TeamLedgerQueryVariables>;
export const MyVolunteerHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MyVolunteerHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"myVolunteerHours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"servedOn"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"recordedBy"}},{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<MyVolunteerHoursQuery, MyVolunteerHoursQueryVariables>;
export const CreateVolunteerTeamDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateVolunteerTeam"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateVolunteerTeamInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createVolunteerTeam"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"team"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateVolunteerTeamMutation, CreateVolunteerTeamMutationVariables>;
export const ScheduleVolunteerActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ScheduleVolunteerActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduleVolunteerActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduleVolunteerActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"activity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"VolunteerActivityView"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"VolunteerActivityView"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"VolunteerActivity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"startsAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"recurrence"}},{"kind":"Field","name":{"kind":"Name","value":"place"}}]}}]} as unknown as DocumentNode<ScheduleVolunteerActivityMutation, ScheduleVolunteerActivityMutationVariables>;
export const SignUpForVolunteerActivityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SignUpForVolunteerActivity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SignUpForVolunteerActivityInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"signUpForVolunteerActivity"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attendance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occursOn"}},{"kind":"Field","name":{"kind":"Name","value":"signedUpAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SignUpForVolunteerActivityMutation, SignUpForVolunteerActivityMutationVariables>;
export const CheckInVolunteerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckInVolunteer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckInVolunteerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkInVolunteer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attendance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"occursOn"}},{"kind":"Field","name":{"kind":"Name","value":"checkedInAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CheckInVolunteerMutation, CheckInVolunteerMutationVariables>;
export const CheckOutVolunteerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CheckOutVolunteer"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CheckOutVolunteerInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"checkOutVolunteer"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attendance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"checkedOutAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CheckOutVolunteerMutation, CheckOutVolunteerMutationVariables>;
export const CorrectVolunteerHoursDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CorrectVolunteerHours"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CorrectVolunteerHoursInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"correctVolunteerHours"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hours"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CorrectVolunteerHoursMutation, CorrectVolunteerHoursMutationVariables>;
export const AwardVolunteerHonourDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AwardVolunteerHonour"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AwardVolunteerHonourInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"awardVolunteerHonour"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"honour"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"awardedBy"}},{"kind":"Field","name":{"kind":"Name","value":"awardedOn"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<AwardVolunteerHonourMutation, AwardVolunteerHonourMutationVariables>;
export const VolunteerMonthsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"VolunteerMonths"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Date"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"volunteerMonths"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"minutes"}},{"kind":"Field","name":{"kind":"Name","value":"volunteers"}}]}}]}}]}}]} as unknown as DocumentNode<VolunteerMonthsQuery, VolunteerMonthsQueryVariables>;
export const OrganizationWalkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"OrganizationWalk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"districts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"streets"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"communities"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"brandName"}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"branches"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"establishedOn"}},{"kind":"Field","name":{"kind":"Name","value":"secretary"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"leader"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberHouseholds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"designatedOn"}},{"kind":"Field","name":{"kind":"Name","value":"displaysPlate"}},{"kind":"Field","name":{"kind":"Name","value":"pledge"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<OrganizationWalkQuery, OrganizationWalkQueryVariables>;
export const PlacesWalkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PlacesWalk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"compounds"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"buildings"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"units"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"households"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"compounds"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"propertyMode"}},{"kind":"Field","name":{"kind":"Name","value":"householdCount"}},{"kind":"Field","name":{"kind":"Name","value":"builtYear"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"buildings"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"floors"}},{"kind":"Field","name":{"kind":"Name","value":"units"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"units"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"households"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"households"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"areaSqm"}},{"kind":"Field","name":{"kind":"Name","value":"persons"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"birthYear"}},{"kind":"Field","name":{"kind":"Name","value":"isPartyMember"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlacesWalkQuery, PlacesWalkQueryVariables>;
export const BottomUpWalkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"BottomUpWalk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Household"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"doorNo"}},{"kind":"Field","name":{"kind":"Name","value":"unit"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"compound"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"street"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"city"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<BottomUpWalkQuery, BottomUpWalkQueryVariables>;
export const PersonsUpWalkDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonsUpWalk"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"persons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"household"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"building"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"buildingGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"branch"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"committee"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"community"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"street"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"district"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PersonsUpWalkQuery, PersonsUpWalkQueryVariables>;