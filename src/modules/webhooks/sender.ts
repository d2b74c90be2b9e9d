import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { isPrivateAddress } from './address-policy';

/*
 * POSTs one delivery. The host is resolved here and every address it resolves to is checked
 * before connecting, and the connection goes to a checked address: a name that resolves to a
 * public address when saved and to a private one later (DNS rebinding) is refused at delivery.
 */

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export class AddressNotAllowed extends Error {}

const TIMEOUT_MS = 10_000;

/** Resolves `host`, refusing it if any of its addresses is private (unless allowed). */
export async function checkedAddresses(host: string, allowPrivate: boolean): Promise<Array<{ address: string; family: number }>> {
  const bare = host.replace(/^\[|\]$/g, '');
  const found = net.isIP(bare)
    ? [{ address: bare, family: net.isIP(bare) }]
    : await dns.promises.lookup(bare, { all: true, verbatim: true });
  if (found.length === 0) throw new AddressNotAllowed(`${host} resolves to no address`);
  if (!allowPrivate) {
    const bad = found.find((a) => isPrivateAddress(a.address));
    if (bad) throw new AddressNotAllowed(`${host} resolves to ${bad.address}, a loopback, link-local or private address`);
  }
  return found;
}

export async function send(url: string, headers: Record<string, string>, body: string, allowPrivate: boolean): Promise<SendResult> {
  const started = Date.now();
  const done = (statusCode: number | null, error: string | null): SendResult => ({ statusCode, error, durationMs: Date.now() - started });
  const target = new URL(url);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await checkedAddresses(target.hostname, allowPrivate);
  } catch (err) {
    return done(null, (err as Error).message.slice(0, 500));
  }
  const [first] = addresses;
  return new Promise<SendResult>((resolve) => {
    const request = (target.protocol === 'https:' ? https : http).request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
        timeout: TIMEOUT_MS,
        // Connect to the address checked above, whatever the resolver would answer now.
        lookup: (_host, options, callback) => {
          if ((options as { all?: boolean }).all) (callback as (e: null, a: typeof addresses) => void)(null, [first]);
          else (callback as (e: null, a: string, f: number) => void)(null, first.address, first.family);
        },
      },
      (response) => {
        response.resume(); // the receiver's body is not kept
        response.on('end', () => resolve(done(response.statusCode ?? null, null)));
        response.on('error', (err) => resolve(done(response.statusCode ?? null, err.message.slice(0, 500))));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (err) => resolve(done(null, err.message.slice(0, 500))));
    request.end(body);
  });
}
