import { getMetadataStorage, registerDecorator, validate, type ValidationError, type ValidationOptions } from 'class-validator';
import { systemClock, type Clock } from '../clock';
import { isCalendarDate } from '../graphql/scalars';
import { decodeGlobalId } from '../ids/global-id';
import { UserErrorCode, userError, type UserError } from './user-error';

/*
 * Field rules for mutation inputs, as class-validator decorators whose constraint name is the
 * UserErrorCode they produce. `undefined` (field not given) always passes: update inputs change
 * only what they name. `null` passes only where the rule says the field is nullable.
 */

// Control characters other than tab/newline have no place in names or notes.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

interface FieldRule {
  property: string;
  code: string;
  check: (value: unknown, object: object) => boolean;
  message: string;
}

/** The rules of each input class, as plain functions too: checkFields runs them without class-validator. */
const FIELD_RULES = new Map<Function, FieldRule[]>();

/**
 * The request's clock, noted for an input (and its nested objects) by validateInput, for rules about
 * today. A WeakMap, not a property: defining a property on each of 1,000 bulk items changed their
 * shapes and cost more than the rules.
 */
const CLOCKS = new WeakMap<object, Clock>();

/**
 * The input classes with a rule about today: only their objects are given the clock. A WeakMap entry
 * for every one of a bulk call's 1,000 items (none of which reads it) cost more than the rules.
 */
const READS_CLOCK = new Set<Function>();

function clockOf(object: object): Clock {
  return CLOCKS.get(object) ?? systemClock;
}

function rule(
  code: string,
  check: (value: unknown, object: object) => boolean,
  message: (property: string) => string,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) => {
    if (!options) {
      const rules = FIELD_RULES.get(target.constructor) ?? [];
      rules.push({ property: propertyName, code, check, message: message(propertyName) });
      FIELD_RULES.set(target.constructor, rules);
    }
    registerDecorator({
      name: code,
      target: target.constructor,
      propertyName,
      options: { ...options, message: () => message(propertyName) },
      validator: { validate: (value: unknown, args) => value === undefined || check(value, args?.object ?? {}) },
    });
  };
}

export interface TextRule {
  max: number;
  nullable?: boolean;
  multiline?: boolean;
}

/** A name or note: not blank (unless nullable and null), at most `max` characters, no control characters. */
export function Text({ max, nullable = false, multiline = false }: TextRule) {
  return (target: object, propertyName: string) => {
    rule(
      UserErrorCode.BLANK,
      (v) => (v === null ? nullable : typeof v === 'string' && v.trim() !== ''),
      (p) => `${p} must not be blank`,
    )(target, propertyName);
    rule(
      UserErrorCode.TOO_LONG,
      (v) => typeof v !== 'string' || [...v].length <= max,
      (p) => `${p} must be at most ${max} characters`,
    )(target, propertyName);
    rule(
      UserErrorCode.INVALID,
      (v) => typeof v !== 'string' || (!CONTROL.test(v) && (multiline || !/[\r\n]/.test(v))),
      (p) => `${p} contains characters that are not allowed`,
    )(target, propertyName);
  };
}

/** A whole number within [min, max]. */
export function IntRange(min: number, max: number, nullable = true) {
  return rule(
    UserErrorCode.OUT_OF_RANGE,
    (v) => (v === null ? nullable : Number.isInteger(v) && (v as number) >= min && (v as number) <= max),
    (p) => `${p} must be a whole number from ${min} to ${max}`,
  );
}

/** A decimal with at most `scale` fractional digits, greater than 0 and below `below`. */
export function PositiveDecimal(below: number, scale = 2, nullable = true) {
  return rule(
    UserErrorCode.OUT_OF_RANGE,
    (v) =>
      v === null
        ? nullable
        : typeof v === 'number' &&
          Number.isFinite(v) &&
          v > 0 &&
          v < below &&
          Math.abs(Math.round(v * 10 ** scale) - v * 10 ** scale) < 1e-6,
    (p) => `${p} must be greater than 0 and below ${below}, with at most ${scale} decimals`,
  );
}

/** A calendar date not after today + `maxDaysAhead` (dates of record are rarely in the future). */
export function PastOrNearDate(maxDaysAhead = 366, nullable = true) {
  const check = rule(
    UserErrorCode.OUT_OF_RANGE,
    (v, object) => {
      if (v === null) return nullable;
      if (typeof v !== 'string' || !isCalendarDate(v)) return false;
      return Date.parse(v) <= clockOf(object).now().getTime() + maxDaysAhead * 86_400_000;
    },
    (p) => `${p} must be a date no more than ${maxDaysAhead} days ahead`,
  );
  return (target: object, propertyName: string) => {
    READS_CLOCK.add(target.constructor);
    check(target, propertyName);
  };
}

function trimStrings(input: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(input)) {
    if (typeof value === 'string') input[key] = value.normalize('NFC').trim();
    else if (value && typeof value === 'object' && !Array.isArray(value)) trimStrings(value as Record<string, unknown>);
  }
}

function flatten(errors: ValidationError[], prefix: string[] = []): UserError[] {
  const out: UserError[] = [];
  for (const e of errors) {
    const path = [...prefix, e.property];
    for (const [code, message] of Object.entries(e.constraints ?? {})) {
      const known = (Object.values(UserErrorCode) as string[]).includes(code) ? code : UserErrorCode.INVALID;
      out.push(userError(path, known, message));
    }
    if (e.children?.length) out.push(...flatten(e.children, path));
  }
  return out;
}

function stampClock(value: unknown, clock: Clock): void {
  if (!value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) stampClock(item, clock);
    return;
  }
  if (READS_CLOCK.has(value.constructor)) CLOCKS.set(value, clock);
  // A class with only plain rules has no nested validation: class-validator never reaches the
  // objects below it (a bulk input's 1,000 items, which checkFields stamps itself when they need it).
  if (plainRules(value.constructor)) return;
  // for-in, not Object.values: no array per item of a bulk call.
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v && typeof v === 'object') stampClock(v, clock);
  }
}

/**
 * Trims (and NFC-normalizes) every string of a mutation input in place, then checks the field rules
 * (those about today against the request's clock). Returns one user error per broken rule; an
 * empty list means the input may go on to the service.
 */
export async function validateInput(input: object, clock: Clock = systemClock): Promise<UserError[]> {
  trimStrings(input as Record<string, unknown>);
  stampClock(input, clock);
  const errors = await validate(input, { forbidUnknownValues: false, validationError: { target: false, value: false } });
  return flatten(errors);
}

/** A password: 10 to 200 characters. */
export function Password() {
  return (target: object, propertyName: string) => {
    rule(
      UserErrorCode.TOO_SHORT,
      (v) => typeof v !== 'string' || [...v].length >= 10,
      (p) => `${p} must be at least 10 characters`,
    )(target, propertyName);
    rule(
      UserErrorCode.TOO_LONG,
      (v) => typeof v !== 'string' || [...v].length <= 200,
      (p) => `${p} must be at most 200 characters`,
    )(target, propertyName);
  };
}

/** A login or service account name: lower-case letters, digits, dots, dashes, underscores. */
export function LoginName() {
  return rule(
    UserErrorCode.INVALID,
    (v) => typeof v === 'string' && /^[a-z0-9][a-z0-9._-]{1,63}$/.test(v),
    (p) => `${p} must be 2 to 64 lower-case letters, digits, '.', '-' or '_'`,
  );
}

/** A phone number: digits, spaces, + and -, 5 to 20 characters. */
export function Phone() {
  return rule(
    UserErrorCode.INVALID,
    (v) => v === null || (typeof v === 'string' && /^[0-9+ -]{5,20}$/.test(v)),
    (p) => `${p} must be a phone number (digits, +, - and spaces)`,
  );
}

/** A resident identity card number: 17 digits and a check character (digit or X). */
export function IdNumber() {
  return rule(
    UserErrorCode.INVALID,
    (v) => v === null || (typeof v === 'string' && /^[0-9]{17}[0-9X]$/.test(v)),
    (p) => `${p} must be 18 characters: 17 digits and a digit or X`,
  );
}

/** A global ID as issued by this API (its type and existence are checked by the service). */
export function GlobalId(nullable = false) {
  return rule(
    UserErrorCode.INVALID,
    (v) => (v === null ? nullable : typeof v === 'string' && decodeGlobalId(v) !== undefined),
    (p) => `${p} is not a valid ID`,
  );
}

/** A calendar date "YYYY-MM-DD" (the Date scalar checks the format; this bounds the year). */
export function CalendarDate(nullable = true) {
  return rule(
    UserErrorCode.INVALID,
    (v) => (v === null ? nullable : typeof v === 'string' && isCalendarDate(v)),
    (p) => `${p} must be a date between 1900-01-01 and 2100-12-31`,
  );
}

/** Money in fen: a whole number within [min, max] (the Fen scalar already refuses fractions). */
export function FenRange(min: number, max: number) {
  return rule(
    UserErrorCode.OUT_OF_RANGE,
    (v) => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max,
    (p) => `${p} must be from ${min} to ${max} fen`,
  );
}

/** A list of short texts (references, tags): at most `count` items of at most `max` characters each. */
export function TextList(count: number, max: number) {
  return (target: object, propertyName: string) => {
    rule(
      UserErrorCode.TOO_LONG,
      (v) => v === null || (Array.isArray(v) && v.length <= count),
      (p) => `${p} takes at most ${count} items`,
    )(target, propertyName);
    rule(
      UserErrorCode.INVALID,
      (v) =>
        v === null ||
        (Array.isArray(v) &&
          v.every((x) => typeof x === 'string' && x.trim() !== '' && [...x].length <= max && !CONTROL.test(x) && !/[\r\n]/.test(x))),
      (p) => `${p} items must be non-blank single lines of at most ${max} characters`,
    )(target, propertyName);
  };
}

/** Whether checkFields can run a class's rules: decided once per class (its metadata is complete once it is loaded). */
const PLAIN = new Map<Function, FieldRule[] | null>();

function plainRules(cls: Function): FieldRule[] | undefined {
  let known = PLAIN.get(cls);
  if (known === undefined) {
    const rules = FIELD_RULES.get(cls);
    const all = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
    known = rules && all.length === rules.length ? rules : null;
    PLAIN.set(cls, known);
  }
  return known ?? undefined;
}

/**
 * validateInput for many objects of one flat input class (bulk upsert items): the same trimming,
 * rules and errors, run as plain synchronous functions — class-validator's per-object promises and
 * metadata walk cost more than the rules themselves at 1,000 items a call. Undefined when the class
 * has rules this cannot run (nested or foreign validators): then use validateInput.
 */
export function checkFields(input: object, clock: Clock = systemClock): UserError[] | undefined {
  const rules = plainRules(input.constructor);
  if (!rules) return undefined;
  trimStrings(input as Record<string, unknown>);
  // The rules read only the item's own fields: its clock, not its nested objects'.
  if (READS_CLOCK.has(input.constructor)) CLOCKS.set(input, clock);
  // As class-validator reports them: per property, one error per failed rule (its code), in order.
  const failed = new Map<string, Map<string, string>>();
  for (const r of rules) {
    const value = (input as Record<string, unknown>)[r.property];
    if (value === undefined || r.check(value, input)) continue;
    const codes = failed.get(r.property) ?? new Map<string, string>();
    codes.set(r.code, r.message);
    failed.set(r.property, codes);
  }
  const out: UserError[] = [];
  for (const [property, codes] of failed)
    for (const [code, message] of codes)
      out.push(userError([property], (Object.values(UserErrorCode) as string[]).includes(code) ? code : UserErrorCode.INVALID, message));
  return out;
}
