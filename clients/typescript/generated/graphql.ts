/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** What happened to the object. */
export type ChangeOperation =
  /** It was created. */
  | 'CREATED'
  /** It was removed (rows are archived, so rarely seen). */
  | 'DELETED'
  /** Fields changed (archiving and restoring too: archivedAt among the fields). */
  | 'UPDATED';

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

/** A person's gender. */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE';

/** Records an object's ID in a source system (replacing the one it had there). */
export type SetExternalIdInput = {
  /** The object's ID in that system (at most 128 characters). */
  id: string;
  /** The object: a district, street, community, compound, building, unit, household or person. */
  nodeId: string;
  /** The source system: 2 to 64 lower-case letters, digits, ".", "-" or "_" (e.g. taiyuan-population). */
  system: string;
};

/** Why a mutation refused its input. Stable: frontends translate these. */
export type UserErrorCode =
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
  /** The help item has been retired from the community’s list. */
  | 'ITEM_RETIRED'
  /** There is no level above (escalating at the street) or below (handing down at the building group). */
  | 'LADDER_END'
  /** The care link has ended; visits are recorded on an active link. */
  | 'LINK_ENDED'
  /** The referenced objects do not belong together (a unit of another building). */
  | 'MISMATCH'
  /** A month's statement is published only after the month has ended. */
  | 'MONTH_NOT_OVER'
  /** The month's statement is published; the ledger of that month is closed. */
  | 'MONTH_PUBLISHED'
  /** The activity does not take place on that day. */
  | 'NOT_AN_OCCURRENCE'
  /** Not archived (restoring needs an archived object), or not disabled. */
  | 'NOT_ARCHIVED'
  /** The votes recorded do not carry the step (a majority of those attending, or of votes cast). */
  | 'NOT_CARRIED'
  /** Check-out needs a check-in first. */
  | 'NOT_CHECKED_IN'
  /** The caller's login or role was created or granted, directly or through others, by the proposer. */
  | 'NOT_INDEPENDENT'
  /** Only a compound in a joint branch can graduate. */
  | 'NOT_IN_JOINT_BRANCH'
  /** The household does not carry the special-group tag the link is for. */
  | 'NOT_TAGGED'
  /** Resolving or paying is a personal act: the caller's person holds no seat that gives the mandate (or there is no person). */
  | 'NO_MANDATE'
  /** The issue has no mediation going on. */
  | 'NO_MEDIATION'
  /** A member household needs a current party member living in it. */
  | 'NO_PARTY_MEMBER'
  /** A number or date outside the allowed range. */
  | 'OUT_OF_RANGE'
  /** Its parent is archived; restore the parent first. */
  | 'PARENT_ARCHIVED'
  /** Candidates still await the street office's review. */
  | 'PENDING_REVIEW'
  /** An earlier month of the account is not published yet: statements are published in order. */
  | 'PREVIOUS_MONTH_UNPUBLISHED'
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
  /** Unique among its siblings, and already taken. */
  | 'TAKEN'
  /** Candidates tie for the last seat: a run-off decides. */
  | 'TIE'
  /** Longer than the field allows (counted in characters, not bytes). */
  | 'TOO_LONG'
  /** Shorter than the field requires (a password). */
  | 'TOO_SHORT'
  /** Not one of the community's issue categories. */
  | 'UNKNOWN_CATEGORY'
  /** The check-in code is not the activity’s (scan the QR code at the activity). */
  | 'WRONG_CODE'
  /** The step does not follow from where the issue stands (e.g. closing an issue that is not resolved). */
  | 'WRONG_STATUS';

export type HouseholdByRegisterIdQueryVariables = Exact<{
  system: string;
  id: string;
  communityId?: string | null | undefined;
}>;


export type HouseholdByRegisterIdQuery = { nodeByExternalId:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
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

export type PersonByRegisterIdQueryVariables = Exact<{
  system: string;
  id: string;
  communityId?: string | null | undefined;
}>;


export type PersonByRegisterIdQuery = { nodeByExternalId:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
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

export type PersonByIdCardQueryVariables = Exact<{
  idNumber: string;
  communityId?: string | null | undefined;
}>;


export type PersonByIdCardQuery = { personByIdNumber: { id: string, externalIds: Array<{ system: string, id: string }> } | null };

export type RecordPersonMutationVariables = Exact<{
  input: CreatePersonInput;
}>;


export type RecordPersonMutation = { createPerson: { person: { id: string } | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

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
     | null, userErrors: Array<{ field: Array<string>, code: UserErrorCode, message: string }> } };

export type ChangesSinceQueryVariables = Exact<{
  communityId: string;
  after?: string | null | undefined;
}>;


export type ChangesSinceQuery = { changes: { endCursor: string | null, hasMore: boolean, changes: Array<{ type: string, nodeId: string, operation: ChangeOperation, fields: Array<string> }> } };


export const HouseholdByRegisterIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HouseholdByRegisterId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"system"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeByExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"system"},"value":{"kind":"Variable","name":{"kind":"Name","value":"system"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"HOUSEHOLD"}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<HouseholdByRegisterIdQuery, HouseholdByRegisterIdQueryVariables>;
export const PersonByRegisterIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonByRegisterId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"system"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeByExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"system"},"value":{"kind":"Variable","name":{"kind":"Name","value":"system"}}},{"kind":"Argument","name":{"kind":"Name","value":"type"},"value":{"kind":"EnumValue","value":"PERSON"}},{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<PersonByRegisterIdQuery, PersonByRegisterIdQueryVariables>;
export const PersonByIdCardDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PersonByIdCard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"personByIdNumber"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"idNumber"},"value":{"kind":"Variable","name":{"kind":"Name","value":"idNumber"}}},{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"externalIds"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"system"}},{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]}}]} as unknown as DocumentNode<PersonByIdCardQuery, PersonByIdCardQueryVariables>;
export const RecordPersonDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordPerson"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreatePersonInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPerson"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"person"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordPersonMutation, RecordPersonMutationVariables>;
export const RecordRegisterIdDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RecordRegisterId"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetExternalIdInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setExternalId"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<RecordRegisterIdMutation, RecordRegisterIdMutationVariables>;
export const ChangesSinceDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ChangesSince"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"communityId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"communityId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1000"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"nodeId"}},{"kind":"Field","name":{"kind":"Name","value":"operation"}},{"kind":"Field","name":{"kind":"Name","value":"fields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}},{"kind":"Field","name":{"kind":"Name","value":"hasMore"}}]}}]}}]} as unknown as DocumentNode<ChangesSinceQuery, ChangesSinceQueryVariables>;