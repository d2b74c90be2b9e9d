import net from 'node:net';
import type { IncomingMessage } from 'node:http';

/*
 * Who "the source" of a request is, for anonymous budgets and sign-in limits: the peer's address,
 * or — when the peer is a proxy named in TRUSTED_PROXIES — the rightmost address in
 * X-Forwarded-For that is not one of those proxies (a client can prepend anything it likes, but
 * not what the proxies append). IPv6 sources are taken per /64, the block one subscriber holds, so
 * that walking through addresses of one's own network does not give fresh budgets.
 */

export class ClientAddresses {
  private readonly trusted = new net.BlockList();
  private readonly any: boolean;

  constructor(trustedProxies: readonly string[]) {
    this.any = trustedProxies.length > 0;
    for (const entry of trustedProxies) {
      const [address, bits] = entry.split('/');
      const type = net.isIPv6(address) ? 'ipv6' : 'ipv4';
      if (bits === undefined) this.trusted.addAddress(address, type);
      else this.trusted.addSubnet(address, Number(bits), type);
    }
  }

  private isTrusted(address: string): boolean {
    const type = net.isIPv6(address) ? 'ipv6' : net.isIPv4(address) ? 'ipv4' : undefined;
    return !!type && this.trusted.check(address, type);
  }

  /** The client's address as seen through trusted proxies. */
  addressOf(req: IncomingMessage): string {
    const peer = plain(req.socket.remoteAddress ?? '');
    if (!this.any || !this.isTrusted(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((h) => plain(h.trim()))
      .filter((h) => net.isIP(h));
    let client = peer;
    for (let i = hops.length - 1; i >= 0 && this.isTrusted(client); i--) client = hops[i];
    return client;
  }

  /** The key budgets and sign-in limits use for that address: IPv4 as is, IPv6 by its /64. */
  sourceOf(req: IncomingMessage): string {
    return sourceKey(this.addressOf(req));
  }
}

/** `::ffff:1.2.3.4` is the IPv4 client 1.2.3.4. */
function plain(address: string): string {
  return address.startsWith('::ffff:') && net.isIPv4(address.slice(7)) ? address.slice(7) : address;
}

export function sourceKey(address: string): string {
  if (!net.isIPv6(address)) return address || 'unknown';
  const groups = expandIPv6(address);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIPv6(address: string): string[] {
  const [head, tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail !== undefined ? Math.max(0, missing) : 0).fill('0'), ...right].map((g) =>
    g.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}
