import { BadUserInputError } from '../errors/errors';

/*
 * Opaque global IDs (Relay): base64url of "<Type>:<primary key>". Clients must treat them as
 * opaque; the encoding only has to be stable. A well-formed ID of another type, of a row that does
 * not exist or of another community all behave the same: not found.
 */

export interface DecodedId {
  type: string;
  pk: number;
}

/*
 * Every row read gets an ID (a Q2 answer has ~1,250), and encoding through a Buffer cost two native
 * calls per ID (≈ 230 ns; bench/RESULTS.md, issue 15, 2026-12-04). The text is ASCII — a type name
 * of letters, ':' and digits — so it is encoded here: the whole 3-byte groups of "<Type>:" once per
 * type, the rest per call, two base64 letters per 12 bits (≈ 90 ns). A unit test holds it to
 * Buffer's base64url for every type and many keys.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const PAIRS: string[] = Array.from({ length: 4096 }, (_, i) => ALPHABET[i >> 6] + ALPHABET[i & 63]);

interface Prefix {
  /** base64url of the leading whole 3-byte groups of "<Type>:". */
  encoded: string;
  /** What is left of "<Type>:" (0–2 characters), encoded with the key. */
  rest: string;
}

const prefixes = new Map<string, Prefix | null>();

function prefixOf(type: string): Prefix | null {
  let prefix = prefixes.get(type);
  if (prefix === undefined) {
    const head = `${type}:`;
    const whole = head.length - (head.length % 3);
    // Only letters are ever a type name; anything else goes through Buffer.
    prefix = /^[A-Za-z]{1,64}$/.test(type)
      ? { encoded: Buffer.from(head.slice(0, whole), 'latin1').toString('base64url'), rest: head.slice(whole) }
      : null;
    prefixes.set(type, prefix);
  }
  return prefix;
}

export function toGlobalId(type: string, pk: number): string {
  const prefix = prefixOf(type);
  if (prefix === null || !Number.isSafeInteger(pk) || pk < 0) return Buffer.from(`${type}:${pk}`, 'utf8').toString('base64url');
  const text = prefix.rest + pk;
  let out = prefix.encoded;
  const n = text.length;
  let i = 0;
  for (; i + 3 <= n; i += 3) {
    const bits = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += PAIRS[bits >> 12] + PAIRS[bits & 4095];
  }
  if (n - i === 1) out += PAIRS[text.charCodeAt(i) << 4];
  else if (n - i === 2) {
    const bits = (text.charCodeAt(i) << 10) | (text.charCodeAt(i + 1) << 2);
    out += PAIRS[bits >> 6] + ALPHABET[bits & 63];
  }
  return out;
}

/** Decodes without throwing; undefined for anything that is not one of our IDs. */
export function decodeGlobalId(id: string): DecodedId | undefined {
  if (typeof id !== 'string' || id.length === 0 || id.length > 64 || !/^[A-Za-z0-9_-]+$/.test(id)) return undefined;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const sep = text.indexOf(':');
  if (sep <= 0) return undefined;
  const type = text.slice(0, sep);
  const digits = text.slice(sep + 1);
  if (!/^[A-Za-z]+$/.test(type) || !/^[1-9]\d{0,9}$/.test(digits)) return undefined;
  const pk = Number(digits);
  if (pk > 2147483647) return undefined;
  return { type, pk };
}

/**
 * The primary key behind an ID argument that must name one of `types`. A malformed ID is a
 * BAD_USER_INPUT error; a well-formed ID of another type resolves to undefined (callers answer
 * NOT_FOUND, as for any missing row).
 */
export function pkOf(id: string, types: string | readonly string[], argument = 'id'): number | undefined {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw new BadUserInputError(`${argument} is not a valid ID`, { argument });
  const allowed = typeof types === 'string' ? [types] : types;
  return allowed.includes(decoded.type) ? decoded.pk : undefined;
}
