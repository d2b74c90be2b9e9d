import { createHash } from 'node:crypto';

/*
 * Keys for personal values at rest (identity card numbers, phones): AES-256-GCM keys by key id, the
 * first the one new values are sealed with (older ones still open what they sealed: rotation), and
 * the HMAC keys of the blind indexes, the first the one new indexes are computed with; older ones
 * are still looked up under until `npm run keys:reencrypt` has computed every index again with the
 * first (docs/integration.md, "Rotation").
 *
 *   FIELD_ENCRYPTION_KEYS=k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>
 *   FIELD_INDEX_KEY=<base64 of 32 bytes>[,<base64 of the previous index key>…]
 *
 * Outside production, without them, a deterministic development key (a published constant: it
 * protects nothing, and production refuses to start without real keys).
 */

export interface FieldKeys {
  /** The key id new values are sealed with. */
  current: string;
  keys: ReadonlyMap<string, Buffer>;
  /** The HMAC key new blind indexes are computed with. */
  indexKey: Buffer;
  /** Index keys being rotated away from: lookups also try them until the indexes are recomputed. */
  previousIndexKeys?: readonly Buffer[];
  /** True for the published development keys. */
  development: boolean;
}

export class FieldKeyError extends Error {}

function key32(text: string, name: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new FieldKeyError(`${name} must be 32 bytes, base64-encoded (openssl rand -base64 32)`);
  return key;
}

const DEVELOPMENT: FieldKeys = {
  current: 'dev',
  keys: new Map([['dev', createHash('sha256').update('lianxin development field key').digest()]]),
  indexKey: createHash('sha256').update('lianxin development index key').digest(),
  development: true,
};

/** The keys the environment gives; the development keys outside production when it gives none. */
export function fieldKeysFromEnv(env: Record<string, string | undefined>, production: boolean): FieldKeys {
  const list = env.FIELD_ENCRYPTION_KEYS?.trim();
  const index = env.FIELD_INDEX_KEY?.trim();
  if (!list && !index) {
    if (production)
      throw new FieldKeyError(
        'FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY are required in production: identity card numbers and phones are stored encrypted',
      );
    return DEVELOPMENT;
  }
  if (!list || !index) throw new FieldKeyError('set FIELD_ENCRYPTION_KEYS and FIELD_INDEX_KEY together');
  const keys = new Map<string, Buffer>();
  for (const entry of list.split(',')) {
    const [id, value] = entry.split(':');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || !value)
      throw new FieldKeyError('FIELD_ENCRYPTION_KEYS must be a list of <key id>:<base64 key>, the current key first');
    if (keys.has(id)) throw new FieldKeyError(`FIELD_ENCRYPTION_KEYS names the key id ${id} twice`);
    keys.set(id, key32(value, `the key ${id} of FIELD_ENCRYPTION_KEYS`));
  }
  const indexKeys = index.split(',').map((k, i) => key32(k, i === 0 ? 'FIELD_INDEX_KEY' : `the previous key ${i} of FIELD_INDEX_KEY`));
  if (new Set(indexKeys.map((k) => k.toString('hex'))).size !== indexKeys.length)
    throw new FieldKeyError('FIELD_INDEX_KEY lists a key twice');
  const current = [...keys.keys()][0];
  // The development keys are published: production never seals or indexes under them (as an older
  // key they may stay listed, so that values sealed under them can be re-sealed away from them).
  if (production && keys.get(current)!.equals(DEVELOPMENT.keys.get('dev')!))
    throw new FieldKeyError(
      `the current key ${current} of FIELD_ENCRYPTION_KEYS is the published development key; generate one (openssl rand -base64 32) and list it first`,
    );
  if (production && indexKeys[0].equals(DEVELOPMENT.indexKey))
    throw new FieldKeyError(
      'FIELD_INDEX_KEY is the published development index key; generate one (openssl rand -base64 32) and list it first',
    );
  return { current, keys, indexKey: indexKeys[0], previousIndexKeys: indexKeys.slice(1), development: false };
}

let installed: FieldKeys | undefined;

/** Installs the keys the configuration read (at start-up). */
export function installFieldKeys(keys: FieldKeys): void {
  installed = keys;
}

/** The installed keys; scripts that never installed any (seeds, migrations) read the environment. */
export function fieldKeys(): FieldKeys {
  installed ??= fieldKeysFromEnv(process.env, process.env.NODE_ENV === 'production');
  return installed;
}
