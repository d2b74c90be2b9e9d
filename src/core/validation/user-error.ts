import { Field, ObjectType, registerEnumType } from 'type-graphql';

/*
 * Why an input was refused: a closed set of codes, so frontends can translate each one; the message
 * is a readable English default. The core's codes are here; each module declares its own with
 * defineUserErrors (in its manifest), and all of them together are the UserErrorCode enum.
 */

/** Codes and what each means (the description reaches the schema). */
export type UserErrorCodes = { readonly [code: string]: string };

/** The codes any module may use. */
export const CORE_USER_ERRORS = {
  BLANK: 'A required value is missing or only whitespace.',
  TOO_LONG: 'Longer than the field allows (counted in characters, not bytes).',
  TOO_SHORT: 'Shorter than the field requires (a password).',
  INVALID: 'Malformed: wrong format, control characters, an impossible date.',
  OUT_OF_RANGE: 'A number or date outside the allowed range.',
  REQUIRED: 'Required in this combination (e.g. a building head needs a building).',
  TAKEN: 'Unique among its siblings, and already taken.',
  MISMATCH: 'The referenced objects do not belong together (a unit of another building).',
  HAS_ACTIVE_CHILDREN: 'Cannot be archived while it has active children; archive or move them first.',
  PARENT_ARCHIVED: 'Its parent is archived; restore the parent first.',
  ARCHIVED: 'Already archived (or, for restore, not archived).',
  NOT_ARCHIVED: 'Not archived (restoring needs an archived object), or not disabled.',
  ALREADY_ENDED: 'The record was already ended (un-designated, membership ended, duty ended).',
  DATE_ORDER: 'A date comes before the date it must follow (an end before its start).',
  ALREADY_GRANTED: 'The principal (or person) already holds this role, seat or grant.',
  INVALID_TRANSITION: 'The step does not follow from where the proposal stands (e.g. resolving before review).',
} as const;

/** A module's own codes: each becomes a value of UserErrorCode, described as given. */
export function defineUserErrors<T extends UserErrorCodes>(codes: T): { readonly [K in keyof T]: K } & { readonly descriptions: T } {
  const values = Object.fromEntries(Object.keys(codes).map((k) => [k, k])) as { [K in keyof T]: K };
  return Object.assign(values, { descriptions: codes });
}

/** The core's codes, as values: `refuse('name', UserErrorCode.BLANK, …)`. */
export const UserErrorCode = defineUserErrors(CORE_USER_ERRORS);

/** The GraphQL enum: the core's codes, and each module's once the platform is assembled. */
const enumValues: Record<string, string> = {};
const valuesConfig: Record<string, { description: string }> = {};

/** Adds codes to the UserErrorCode enum (the platform does it for every module's manifest). */
export function installUserErrors(codes: UserErrorCodes): void {
  for (const [code, description] of Object.entries(codes)) {
    if (code in enumValues && valuesConfig[code].description !== description) throw new Error(`user error ${code} is declared twice`);
    enumValues[code] = code;
    valuesConfig[code] = { description };
  }
}

installUserErrors(CORE_USER_ERRORS);

registerEnumType(enumValues, {
  name: 'UserErrorCode',
  description: 'Why a mutation refused its input. Stable: frontends translate these.',
  valuesConfig,
});

@ObjectType({
  description: 'A refused input: where (a path into the mutation input), why (code) and a readable message.',
  simpleResolvers: true,
})
export class UserError {
  @Field(() => [String], { description: 'Path into the input, e.g. ["name"] or ["members", "0", "personId"].' })
  field!: string[];

  @Field(() => enumValues, { description: 'Why: one of UserErrorCode.' })
  code!: string;

  @Field({ description: 'A readable message: English, or Chinese when the request asks for it (Accept-Language: zh).' })
  message!: string;
}

export function userError(field: string | string[], code: string, message: string): UserError {
  return { field: Array.isArray(field) ? field : [field], code, message };
}

/** Thrown by services to refuse a mutation; the mutation's savepoint is rolled back, so nothing changes. */
export class UserInputRefused extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((e) => `${e.field.join('.')}: ${e.message}`).join('; '));
  }
}

export function refuse(field: string | string[], code: string, message: string): never {
  throw new UserInputRefused([userError(field, code, message)]);
}
