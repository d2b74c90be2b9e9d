import net from 'node:net';

/*
 * Where a webhook may not deliver unless the deployment allows it (WEBHOOK_ALLOW_PRIVATE_URLS):
 * the machine itself, its link-local neighbours (cloud metadata at 169.254.169.254) and private
 * networks. Otherwise a community admin could make the server call into its own network.
 */

const blocked = new net.BlockList();
for (const [address, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  blocked.addSubnet(address, prefix, 'ipv4');
}
for (const [address, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['64:ff9b::', 96], // NAT64: an IPv4 address inside
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: a tunnel whose server and client addresses are IPv4, the client's obscured
  ['2001:db8::', 32], // documentation
  ['fec0::', 10], // site-local (deprecated, still routed by some stacks)
] as const) {
  blocked.addSubnet(address, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (net.isIP has accepted it). */
function groupsOf(address: string): number[] {
  let text = address.replace(/%.*$/, '');
  // A dotted IPv4 tail is two groups.
  const tail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (tail) {
    const [a, b, c, d] = tail.slice(1).map(Number);
    text = `${text.slice(0, tail.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = parse(rest);
  return rest === undefined ? left : [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 address an IPv6 address carries where a stack may deliver to it: mapped (::ffff:a.b.c.d),
 * translated (::ffff:0:a.b.c.d), compatible (::a.b.c.d, deprecated but still routed by some), 6to4
 * (2002:aabb:ccdd::); the NAT64 and Teredo prefixes are refused whole above.
 */
function ipv4Inside(g: number[]): string | null {
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return ipv4Of(g[6], g[7]);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return ipv4Of(g[6], g[7]);
  if (zero(0, 6) && (g[6] !== 0 || g[7] > 1)) return ipv4Of(g[6], g[7]);
  if (g[0] === 0x2002) return ipv4Of(g[1], g[2]);
  return null;
}

/** True for an address a webhook may not reach without the allowance. */
export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse
  if (blocked.check(address, 'ipv6')) return true;
  // An IPv4 address written as IPv6 is that IPv4 address.
  const inside = ipv4Inside(groupsOf(address));
  return inside !== null && blocked.check(inside, 'ipv4');
}

/** Why a URL cannot be a webhook's, or null: http(s) only, with a host, no credentials in it. */
export function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs';
  if (!url.hostname) return 'no host';
  if (url.username || url.password) return 'no credentials in the URL (use the signature to authenticate)';
  return null;
}
