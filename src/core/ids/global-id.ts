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

/** Scratch space for encoding: every row read gets an ID, and a Buffer per ID was garbage at once. */
const scratch = Buffer.allocUnsafe(512);

export function toGlobalId(type: string, pk: number): string {
  const text = `${type}:${pk}`;
  // At most 3 UTF-8 bytes per UTF-16 unit: 128 units always fit the scratch space.
  if (text.length > 128) return Buffer.from(text, 'utf8').toString('base64url');
  const length = scratch.write(text, 0, 'utf8');
  return scratch.toString('base64url', 0, length);
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
