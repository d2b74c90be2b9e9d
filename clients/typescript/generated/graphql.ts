/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** A building as a source system lists it. */
export type BuildingUpsertItem = {
  /** The compound's ID in the same source system (upserted before, or carrying it already). */
  compoundExternalId: string;
  /** The building's ID in the source system. */
  externalId: string;
  /** Floors above ground. */
  floors?: number | null | undefined;
  /** Name, unique within the compound, e.g. 3号楼. */
  name: string;
};

/** What happened to the object. */
export type ChangeOperation =
  /** It was created. */
  | 'CREATED'
  /** It was removed (rows are archived, so rarely seen). */
  | 'DELETED'
  /** Fields changed (archiving and restoring too: archivedAt among the fields). */
  | 'UPDATED';

/** A compound as a source system lists it. */
export type CompoundUpsertItem = {
  /** Year built. */
  builtYear?: number | null | undefined;
  /** The compound's ID in the source system (at most 128 characters). */
  externalId: string;
  /** Name, unique within the community. */
  name: string;
  /** How it is managed; required when the compound is new. */
  propertyMode?: PropertyMode | null | undefined;
};

/** A person's gender. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** A household as a source system lists it. */
export type HouseholdUpsertItem = {
  /** Floor area in m². */
  areaSqm?: number | null | undefined;
  /** Room number on the door, unique within the unit, e.g. 101. */
  doorNo: string;
  /** The household's ID in the source system. */
  externalId: string;
  /** The unit's ID in the same source system. */
  unitExternalId: string;
};

/** A person as a source system lists them. */
export type PersonUpsertItem = {
  /** Year of birth. */
  birthYear?: number | null | undefined;
  /** The person's ID in the source system. */
  externalId: string;
  /** Gender. */
  gender?: Gender | null | undefined;
  /** The household's ID in the same source system; null: on record without a household. */
  householdExternalId?: string | null | undefined;
  /** Resident identity card number (18 characters), unique in the community. Personal data: sealed at rest. */
  idNumber?: string | null | undefined;
  /** Full name (personal data). */
  name: string;
  /** Personal data: sealed at rest; matched by its blind index, never returned. */
  phone?: string | null | undefined;
};

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

/** Records an object's ID in a source system (replacing the one it had there). */
export type SetExternalIdInput = {
  /** The object's ID in that system (at most 128 characters). */
  id: string;
  /** The object: a district, street, community, compound, building, unit, household or person. */
  nodeId: string;
  /** The source system: 2 to 64 lower-case letters, digits, ".", "-" or "_" (e.g. taiyuan-population). */
  system: string;
};

/** DRAFT: computed from the ledger when read; PUBLISHED: frozen. */
export type StatementStatus =
  /** Computed from the ledger when read; not yet published. */
  | 'DRAFT'
  /** Frozen when published; verified against the ledger on every read. */
  | 'PUBLISHED';

/** A unit (stairwell) as a source system lists it. */
export type UnitUpsertItem = {
  /** The building's ID in the same source system. */
  buildingExternalId: string;
  /** The unit's ID in the source system. */
  externalId: string;
  /** Name, unique within the building, e.g. 2单元. */
  name: string;
};

/** Buildings of a community as a source system lists them, matched by their external IDs. */
export type UpsertBuildingsInput = {
  /** Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list. */
  archiveMissing?: boolean | null | undefined;
  /** Required with archiveMissing: the community or a place (a compound) within which the items are the whole list. */
  archiveScopeId?: string | null | undefined;
  /** The community the items belong to. */
  communityId: string;
  /** At most 1000 items; each external ID once. */
  items: Array<BuildingUpsertItem>;
  /** The source system whose IDs key the items (a service account: one it is bound to). */
  system: string;
};

/** Compounds of a community as a source system lists them, matched by their external IDs. */
export type UpsertCompoundsInput = {
  /** Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list. */
  archiveMissing?: boolean | null | undefined;
  /** Required with archiveMissing: the community or a place (none below the community) within which the items are the whole list. */
  archiveScopeId?: string | null | undefined;
  /** The community the items belong to. */
  communityId: string;
  /** At most 1000 items; each external ID once. */
  items: Array<CompoundUpsertItem>;
  /** The source system whose IDs key the items (a service account: one it is bound to). */
  system: string;
};

/** Households of a community as a source system lists them, matched by their external IDs. */
export type UpsertHouseholdsInput = {
  /** Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list. */
  archiveMissing?: boolean | null | undefined;
  /** Required with archiveMissing: the community or a place (a compound, building or unit) within which the items are the whole list. */
  archiveScopeId?: string | null | undefined;
  /** The community the items belong to. */
  communityId: string;
  /** At most 1000 items; each external ID once. */
  items: Array<HouseholdUpsertItem>;
  /** The source system whose IDs key the items (a service account: one it is bound to). */
  system: string;
};

/** Persons of a community as a source system lists them, matched by their external IDs. */
export type UpsertPersonsInput = {
  /** Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list. */
  archiveMissing?: boolean | null | undefined;
  /** Required with archiveMissing: the community or a place (a compound, building, unit or household) within which the items are the whole list. */
  archiveScopeId?: string | null | undefined;
  /** The community the items belong to. */
  communityId: string;
  /** At most 1000 items; each external ID once. */
  items: Array<PersonUpsertItem>;
  /** The source system whose IDs key the items (a service account: one it is bound to). */
  system: string;
};

/** What an upsert did with one item. */
export type UpsertStatus =
  /** No object carried the external ID: one was created and now carries it. */
  | 'CREATED'
  /** Refused: userErrors name the item by its index (`items.<index>.<field>`); the other items went ahead. */
  | 'ERROR'
  /** The object carrying the external ID already was as the item says. */
  | 'UNCHANGED'
  /** The object carrying the external ID was changed (or restored from the archive). */
  | 'UPDATED';

/** Units of a community as a source system lists them, matched by their external IDs. */
export type UpsertUnitsInput = {
  /** Left out or false: nothing is archived. True: archive (never delete) the objects of this kind carrying an ID of the system within archiveScopeId that the items no longer list. */
  archiveMissing?: boolean | null | undefined;
  /** Required with archiveMissing: the community or a place (a compound or building) within which the items are the whole list. */
  archiveScopeId?: string | null | undefined;
  /** The community the items belong to. */
  communityId: string;
  /** At most 1000 items; each external ID once. */
  items: Array<UnitUpsertItem>;
  /** The source system whose IDs key the items (a service account: one it is bound to). */
  system: string;
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

export type CommunityStatementsQueryVariables = Exact<{
  communityId: string;
  after?: string | null | undefined;
}>;


export type CommunityStatementsQuery = { node:
    | { name: string, compounds: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, nodes: Array<{ id: string, name: string, monthlyStatements: { nodes: Array<{ id: string, month: string, status: StatementStatus, placeName: string, openingBalanceFen: number, incomeFen: number, expenseFen: number, closingBalanceFen: number, contentHash: string | null, publishedAt: string | null, verified: boolean, documentPath: string }> } }> } }
    | Record<PropertyKey, never>
   | null };

export type UpsertOutcomeFragment = { index: number, externalId: string, status: UpsertStatus, id: string | null };

export type UpsertRegisterCompoundsMutationVariables = Exact<{
  input: UpsertCompoundsInput;
}>;


export type UpsertRegisterCompoundsMutation = { upsertCompounds: { results: Array<{ index: number, externalId: string, status: UpsertStatus, id: string | null }>, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpsertRegisterBuildingsMutationVariables = Exact<{
  input: UpsertBuildingsInput;
}>;


export type UpsertRegisterBuildingsMutation = { upsertBuildings: { results: Array<{ index: number, externalId: string, status: UpsertStatus, id: string | null }>, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpsertRegisterUnitsMutationVariables = Exact<{
  input: UpsertUnitsInput;
}>;


export type UpsertRegisterUnitsMutation = { upsertUnits: { results: Array<{ index: number, externalId: string, status: UpsertStatus, id: string | null }>, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpsertRegisterHouseholdsMutationVariables = Exact<{
  input: UpsertHouseholdsInput;
}>;


export type UpsertRegisterHouseholdsMutation = { upsertHouseholds: { results: Array<{ index: number, externalId: string, status: UpsertStatus, id: string | null }>, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type UpsertRegisterPersonsMutationVariables = Exact<{
  input: UpsertPersonsInput;
}>;


export type UpsertRegisterPersonsMutation = { upsertPersons: { results: Array<{ index: number, externalId: string, status: UpsertStatus, id: string | null }>, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type PersonByIdCardQueryVariables = Exact<{
  idNumber: string;
  communityId?: string | null | undefined;
}>;


export type PersonByIdCardQuery = { personByIdNumber: { id: string, externalIds: Array<{ system: string, id: string }> } | null };

export type RecordRegisterIdMutationVariables = Exact<{
  input: SetExternalIdInput;
}>;


export type RecordRegisterIdMutation = { setExternalId: { node:
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
      | { id: string }
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

export type ChangesSinceQueryVariables = Exact<{
  communityId: string;
  after?: string | null | undefined;
}>;


export type ChangesSinceQuery = { changes: { endCursor: string | null, hasMore: boolean, changes: Array<{ type: string, nodeId: string, operation: ChangeOperation, fields: Array<string> }> } };

export const UpsertOutcomeFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertOutcomeFragment, unknown>;
export const CommunityStatementsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommunityStatements"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Community"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"compounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"monthlyStatements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"month"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"placeName"}},{"kind":"Field","name":{"kind":"Name","value":"openingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"incomeFen"}},{"kind":"Field","name":{"kind":"Name","value":"expenseFen"}},{"kind":"Field","name":{"kind":"Name","value":"closingBalanceFen"}},{"kind":"Field","name":{"kind":"Name","value":"contentHash"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"verified"}},{"kind":"Field","name":{"kind":"Name","value":"documentPath"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CommunityStatementsQuery, CommunityStatementsQueryVariables>;
export const UpsertRegisterCompoundsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertRegisterCompounds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertCompoundsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertCompounds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpsertOutcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertRegisterCompoundsMutation, UpsertRegisterCompoundsMutationVariables>;
export const UpsertRegisterBuildingsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertRegisterBuildings"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertBuildingsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertBuildings"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpsertOutcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertRegisterBuildingsMutation, UpsertRegisterBuildingsMutationVariables>;
export const UpsertRegisterUnitsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertRegisterUnits"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertUnitsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertUnits"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpsertOutcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertRegisterUnitsMutation, UpsertRegisterUnitsMutationVariables>;
export const UpsertRegisterHouseholdsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertRegisterHouseholds"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertHouseholdsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertHouseholds"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpsertOutcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertRegisterHouseholdsMutation, UpsertRegisterHouseholdsMutationVariables>;
export const UpsertRegisterPersonsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpsertRegisterPersons"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertPersonsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"upsertPersons"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"results"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"UpsertOutcome"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"UpsertOutcome"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"UpsertItemResult"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"index"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]} as unknown as DocumentNode<UpsertRegisterPersonsMutation, UpsertRegisterPersonsMutationVariables>;
export const PersonByIdCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonByIdCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personByIdNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<PersonByIdCardQuery, PersonByIdCardQueryVariables>;
export const RecordRegisterIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordRegisterId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetExternalIdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordRegisterIdMutation, RecordRegisterIdMutationVariables>;
export const ChangesSinceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChangesSince"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}}]}}]}}]} as unknown as DocumentNode<ChangesSinceQuery, ChangesSinceQueryVariables>;