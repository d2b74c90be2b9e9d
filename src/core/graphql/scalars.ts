import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/*
 * DateTime: an instant, always written as ISO 8601 in UTC ("2026-11-23T09:57:00.123456Z").
 * PostgreSQL hands timestamptz over as text ("2026-11-23 09:57:00.123456+00", the session runs in
 * UTC); rewriting that text is cheaper than a Date round trip and keeps the microseconds.
 * Date: a calendar date ("2026-11-23") where a day is meant (designations, terms, graduations).
 */

const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?)\+00(?::00)?$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function serializeDateTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') {
    const m = PG_UTC.exec(value);
    if (m) return `${m[1]}T${m[2]}Z`;
    if (ISO_INSTANT.test(value)) return new Date(value).toISOString();
  }
  throw new TypeError(`DateTime cannot represent ${String(value)}`);
}

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
    throw new GraphQLError('DateTime must be an ISO 8601 instant with a time zone, e.g. 2026-11-23T09:57:00Z', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return new Date(value);
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant in ISO 8601, always in UTC on output, e.g. 2026-11-23T09:57:00.000Z.',
  serialize: serializeDateTime,
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
});

/** Whether "YYYY-MM-DD" names a real calendar day. */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && y >= 1900 && y <= 2100;
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) {
    throw new GraphQLError('Date must be a calendar date written YYYY-MM-DD, e.g. 2026-11-23', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD.',
  serialize(value) {
    if (typeof value === 'string' && ISO_DATE.test(value)) return value;
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    throw new TypeError(`Date cannot represent ${String(value)}`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDate(ast.value);
  },
});

function parseFen(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new GraphQLError('Fen must be a whole number of fen (1 yuan = 100 fen), e.g. 12800 for ¥128.00', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/*
 * Fen: money as a whole number of fen (分; 1 yuan = 100 fen), never a float. GraphQL's Int stops at
 * 2^31 (¥21 million); a balance or a district total may not, so money has a scalar of its own up to
 * 2^53 - 1. PostgreSQL keeps it in bigint.
 */
export const FenScalar = new GraphQLScalarType({
  name: 'Fen',
  description: 'Money in fen (分): a whole number, 1 yuan = 100 fen (¥128.50 is 12850). Never fractional.',
  serialize(value) {
    const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new TypeError(`Fen cannot represent ${String(value)}`);
    return n;
  },
  parseValue: parseFen,
  parseLiteral(ast) {
    if (ast.kind !== Kind.INT) throw new GraphQLError('Fen must be a whole number', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseFen(Number(ast.value));
  },
});
