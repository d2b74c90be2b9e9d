import { Field, ObjectType, registerEnumType } from 'type-graphql';

/**
 * Why an input was refused. A closed set, so frontends can translate each one; the message is a
 * readable English default.
 */
export enum UserErrorCode {
  /** A required value is missing or only whitespace. */
  BLANK = 'BLANK',
  /** Longer than the field allows (counted in characters, not bytes). */
  TOO_LONG = 'TOO_LONG',
  /** Malformed: wrong format, control characters, an impossible date. */
  INVALID = 'INVALID',
  /** A number or date outside the allowed range. */
  OUT_OF_RANGE = 'OUT_OF_RANGE',
  /** Required in this combination (e.g. a building head needs a building). */
  REQUIRED = 'REQUIRED',
  /** Unique among its siblings, and already taken. */
  TAKEN = 'TAKEN',
  /** The referenced objects do not belong together (a unit of another building). */
  MISMATCH = 'MISMATCH',
  /** Cannot be archived while it has active children; archive or move them first. */
  HAS_ACTIVE_CHILDREN = 'HAS_ACTIVE_CHILDREN',
  /** Its parent is archived; restore the parent first. */
  PARENT_ARCHIVED = 'PARENT_ARCHIVED',
  /** Already archived (or, for restore, not archived). */
  ARCHIVED = 'ARCHIVED',
  NOT_ARCHIVED = 'NOT_ARCHIVED',
  /** Only a compound in a joint branch can graduate. */
  NOT_IN_JOINT_BRANCH = 'NOT_IN_JOINT_BRANCH',
  /** A building group of the compound also covers other compounds' buildings. */
  GROUP_SPANS_COMPOUNDS = 'GROUP_SPANS_COMPOUNDS',
  /** A member household needs a current party member living in it. */
  NO_PARTY_MEMBER = 'NO_PARTY_MEMBER',
  /** The household is already a member household. */
  ALREADY_DESIGNATED = 'ALREADY_DESIGNATED',
  /** The person already has a current party membership. */
  ALREADY_MEMBER = 'ALREADY_MEMBER',
  /** The record was already ended (un-designated, membership ended, duty ended). */
  ALREADY_ENDED = 'ALREADY_ENDED',
  /** A date comes before the date it must follow (an end before its start). */
  DATE_ORDER = 'DATE_ORDER',
  /** Shorter than the field requires (a password). */
  TOO_SHORT = 'TOO_SHORT',
  /** The role cannot be held at this kind of node (a resident at a street). */
  INVALID_SCOPE = 'INVALID_SCOPE',
  /** The principal already holds this role at this scope. */
  ALREADY_GRANTED = 'ALREADY_GRANTED',
  /** The step does not follow from where the proposal stands (e.g. resolving before review). */
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  /** The same person may not take both steps (propose, and resolve or pay). */
  SAME_PERSON = 'SAME_PERSON',
  /** The meeting did not reach its quorum (two thirds of those eligible attending). */
  QUORUM_NOT_MET = 'QUORUM_NOT_MET',
  /** The votes recorded do not carry the step (a majority of those attending, or of votes cast). */
  NOT_CARRIED = 'NOT_CARRIED',
  /** Paying would take the account below zero, which the community does not allow. */
  INSUFFICIENT_FUNDS = 'INSUFFICIENT_FUNDS',
  /** The month's statement is published; the ledger of that month is closed. */
  MONTH_PUBLISHED = 'MONTH_PUBLISHED',
  /** The statement is already published and frozen. */
  ALREADY_PUBLISHED = 'ALREADY_PUBLISHED',
  /** A month's statement is published only after the month has ended. */
  MONTH_NOT_OVER = 'MONTH_NOT_OVER',
  /** The entry was already reversed (or is itself a reversal). */
  ALREADY_REVERSED = 'ALREADY_REVERSED',
  /** The elected members' share of party members is below the community's minimum. */
  RATIO_NOT_MET = 'RATIO_NOT_MET',
  /** Candidates still await the street office's review. */
  PENDING_REVIEW = 'PENDING_REVIEW',
  /** Candidates tie for the last seat: a run-off decides. */
  TIE = 'TIE',
  /** The quarter's evaluation has closed (or has not opened yet). */
  QUARTER_CLOSED = 'QUARTER_CLOSED',
  /** An earlier month of the account is not published yet: statements are published in order. */
  PREVIOUS_MONTH_UNPUBLISHED = 'PREVIOUS_MONTH_UNPUBLISHED',
  /** Resolving or paying is a personal act: the caller's person holds no seat that gives the mandate (or there is no person). */
  NO_MANDATE = 'NO_MANDATE',
  /** The caller's login or role was created or granted, directly or through others, by the proposer. */
  NOT_INDEPENDENT = 'NOT_INDEPENDENT',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input. Stable: frontends translate these.',
});

@ObjectType({ description: 'A refused input: where (a path into the mutation input), why (code) and a readable message.', simpleResolvers: true })
export class UserError {
  @Field(() => [String], { description: 'Path into the input, e.g. ["name"] or ["members", "0", "personId"].' })
  field!: string[];

  @Field(() => UserErrorCode)
  code!: UserErrorCode;

  @Field()
  message!: string;
}

export function userError(field: string | string[], code: UserErrorCode, message: string): UserError {
  return { field: Array.isArray(field) ? field : [field], code, message };
}

/** Thrown by services to refuse a mutation; the mutation's savepoint is rolled back, so nothing changes. */
export class UserInputRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
  }
}

export function refuse(field: string | string[], code: UserErrorCode, message: string): never {
  throw new UserInputRefused([userError(field, code, message)]);
}
