import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/*
 * The secrets of reporting by QR code: a point's token (printed in the QR code) and a report's
 * tracking code (given to the reporter). Both are 256 random bits; only their SHA-256 is stored, and
 * the database finds a row by that digest, so no comparison ever runs over the secret itself.
 */

/** 32 random bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** What a secret looks like: anything else is answered like an unknown one, without a statement. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time equality of two strings (the form's anti-forgery value against its cookie). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
