import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { fieldKeys, type FieldKeys } from './field-keys';

/*
 * A personal value at rest: `v1:<key id>:<base64url of iv ‖ tag ‖ ciphertext>` (AES-256-GCM, a fresh
 * 96-bit IV each time), so equal values never look equal in the table. Beside it a blind index, an
 * HMAC-SHA256 of the normalized value under a separate key, for finding and uniqueness without
 * decrypting: whoever holds only the database learns neither.
 */

const PREFIX = 'v1';

export function seal(plain: string, keys: FieldKeys = fieldKeys()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.keys.get(keys.current)!, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${PREFIX}:${keys.current}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function open(sealed: string, keys: FieldKeys = fieldKeys()): string {
  const [version, keyId, data] = sealed.split(':');
  const key = keys.keys.get(keyId);
  if (version !== PREFIX || !data) throw new Error('not a sealed value');
  if (!key) throw new Error(`the key ${keyId} that sealed a value is not configured (FIELD_ENCRYPTION_KEYS)`);
  const raw = Buffer.from(data, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function openOrNull(sealed: string | null | undefined): string | null {
  return sealed === null || sealed === undefined ? null : open(sealed);
}

/**
 * Leaves a sealed value on `row[key]` to be opened when it is first read (then kept as a plain
 * property): a list of persons pays AES-GCM (≈ 5–10 µs a value) only for the values the query
 * selects — a compound's 800 persons read without phone or ID number open none, where opening
 * every row's two values cost ≈ 13–19 ms a request. A value sealed with a key no longer configured
 * fails when read, not when the row is loaded.
 */
export function openOnRead<T extends object>(row: T, key: keyof T & string, keys?: FieldKeys): void {
  // A column a list did not read stays absent (node-spec's projections), not null.
  if (!(key in row)) return;
  const sealed = row[key] as unknown as string | null | undefined;
  if (sealed === null || sealed === undefined) {
    // A plain write, not a redefinition: most persons have no ID number, and redefining a property
    // of each of a compound's 800 rows cost ≈ 3 % of Q2's Node CPU (bench/RESULTS.md).
    (row as Record<string, unknown>)[key] = null;
    return;
  }
  const settle = (value: unknown) => Object.defineProperty(row, key, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(row, key, {
    enumerable: true,
    configurable: true,
    get() {
      const plain = open(sealed, keys);
      settle(plain);
      return plain;
    },
    set: settle,
  });
}

/** The id of the key a value was sealed with (rotation: which rows still need re-sealing). */
export function sealedKeyId(sealed: string): string {
  return sealed.split(':')[1];
}

/** What kind of value an index is of: the same digits as a phone and as an ID number index differently. */
export type IndexedKind = 'id-number' | 'phone';

function normalized(kind: IndexedKind, value: string): string {
  return kind === 'phone' ? value.replace(/\D/g, '') : value.trim().toUpperCase();
}

function hmac(key: Buffer, kind: IndexedKind, value: string): string {
  return createHmac('sha256', key)
    .update(`${kind}:${normalized(kind, value)}`)
    .digest('hex');
}

/** The blind index of a value under the current index key (hex): what is stored. Null for none. */
export function blindIndex(kind: IndexedKind, value: string | null | undefined, keys: FieldKeys = fieldKeys()): string | null {
  if (value === null || value === undefined) return null;
  return hmac(keys.indexKey, kind, value);
}

/**
 * Every index a stored value may have while the index key is rotated: under the current key first,
 * then under each previous one (rows not yet re-indexed by keys:reencrypt). Lookups match any.
 */
export function blindIndexes(kind: IndexedKind, value: string, keys: FieldKeys = fieldKeys()): string[] {
  return [keys.indexKey, ...(keys.previousIndexKeys ?? [])].map((key) => hmac(key, kind, value));
}
