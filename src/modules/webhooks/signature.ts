import { createHmac } from 'node:crypto';

/*
 * Stripe's scheme: `Lianxin-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one
 * v1 per active secret (two during a rotation; a receiver accepts the delivery if any v1 matches a
 * secret it holds). The timestamp is signed too, so a receiver can refuse old replays.
 */

export const SIGNATURE_HEADER = 'Lianxin-Signature';
export const DELIVERY_HEADER = 'Lianxin-Delivery';

export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  const signed = `${timestamp}.${body}`;
  return [`t=${timestamp}`, ...secrets.map((s) => `v1=${createHmac('sha256', s).update(signed, 'utf8').digest('hex')}`)].join(',');
}
