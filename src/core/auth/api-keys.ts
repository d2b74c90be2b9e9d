import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * API keys look like `lxk_<keyId>_<secret>`: the prefix tells them from JWTs, the key id finds the
 * row, the 32-byte secret is stored only as its SHA-256 (a fast hash is right for a random secret).
 */
export const API_KEY_PREFIX = 'lxk_';

export interface NewApiKey {
  keyId: string;
  secret: string;
  token: string;
  secretHash: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function newApiKey(): NewApiKey {
  const keyId = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  const secret = randomBytes(32).toString('base64url');
  return { keyId, secret, token: `${API_KEY_PREFIX}${keyId}_${secret}`, secretHash: hashSecret(secret) };
}

export function parseApiKey(token: string): { keyId: string; secret: string } | undefined {
  const m = /^lxk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
  return m ? { keyId: m[1], secret: m[2] } : undefined;
}

export function secretMatches(secret: string, storedHash: string | null | undefined): boolean {
  if (!storedHash) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
