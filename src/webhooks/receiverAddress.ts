import { BlockList, isIP } from 'node:net';

/**
 * Which addresses a webhook may be sent to. A receiver is somewhere on the internet; an address
 * inside this server's own network (loopback, private ranges, the cloud metadata service on
 * link-local 169.254.169.254) would let whoever configures an endpoint make the server call into
 * places it can reach and they cannot (server-side request forgery).
 */
export type AddressKind =
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unspecified'
  | 'multicast'
  | 'reserved';

/** The kinds RAPPORT_WEBHOOK_ALLOW_PRIVATE lets through, for receivers on the organisation's own network. */
const ALLOWED_WHEN_PRIVATE: ReadonlySet<AddressKind> = new Set(['loopback', 'private', 'shared']);

const RANGES: [AddressKind, string, number, 'ipv4' | 'ipv6'][] = [
  ['unspecified', '0.0.0.0', 8, 'ipv4'], // "this network"; 0.0.0.0 reaches this host on Linux
  ['private', '10.0.0.0', 8, 'ipv4'],
  ['shared', '100.64.0.0', 10, 'ipv4'], // carrier-grade NAT (RFC 6598)
  ['loopback', '127.0.0.0', 8, 'ipv4'],
  ['link-local', '169.254.0.0', 16, 'ipv4'], // cloud metadata services answer on 169.254.169.254
  ['private', '172.16.0.0', 12, 'ipv4'],
  ['reserved', '192.0.0.0', 24, 'ipv4'], // IETF protocol assignments
  ['reserved', '192.0.2.0', 24, 'ipv4'], // documentation
  ['private', '192.168.0.0', 16, 'ipv4'],
  ['reserved', '198.18.0.0', 15, 'ipv4'], // benchmarking
  ['reserved', '198.51.100.0', 24, 'ipv4'], // documentation
  ['reserved', '203.0.113.0', 24, 'ipv4'], // documentation
  ['multicast', '224.0.0.0', 4, 'ipv4'],
  ['reserved', '240.0.0.0', 4, 'ipv4'], // future use, and the broadcast address
  ['unspecified', '::', 128, 'ipv6'],
  ['loopback', '::1', 128, 'ipv6'],
  ['reserved', '100::', 64, 'ipv6'], // discard-only
  ['private', '64:ff9b:1::', 48, 'ipv6'], // NAT64 for local use
  ['reserved', '2001:db8::', 32, 'ipv6'], // documentation
  ['private', 'fc00::', 7, 'ipv6'], // unique local
  ['link-local', 'fe80::', 10, 'ipv6'],
  ['private', 'fec0::', 10, 'ipv6'], // site-local (deprecated)
  ['multicast', 'ff00::', 8, 'ipv6'],
];

const LISTS = new Map<AddressKind, BlockList>();
for (const [kind, network, prefix, family] of RANGES) {
  const list = LISTS.get(kind) ?? new BlockList();
  list.addSubnet(network, prefix, family);
  LISTS.set(kind, list);
}

/** The sixteen-bit groups of a valid IPv6 address (a zone id is ignored). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0];
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a, b, c, d] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = text.split('::');
  const parse = (part: string | undefined) =>
    part ? part.split(':').map((g) => Number.parseInt(g, 16)) : [];
  const before = parse(head);
  const after = parse(rest);
  if (rest === undefined) return before;
  return [...before, ...new Array(8 - before.length - after.length).fill(0), ...after];
}

const dotted = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/**
 * The IPv4 address an IPv6 address stands for, when it carries one the network may act on:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d),
 * NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::).
 */
export function embeddedIpv4(address: string): string | null {
  const g = ipv6Groups(address);
  const zero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zero(0, 5) && g[5] === 0xffff) return dotted(g[6], g[7]);
  if (zero(0, 4) && g[4] === 0xffff && g[5] === 0) return dotted(g[6], g[7]);
  if (zero(0, 6) && (g[6] !== 0 || g[7] > 1)) return dotted(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zero(2, 6)) return dotted(g[6], g[7]);
  if (g[0] === 0x2002) return dotted(g[1], g[2]);
  return null;
}

export interface AddressClass {
  kind: AddressKind;
  /** The IPv4 address classified in place of an IPv6 one that carries it. */
  ipv4?: string;
}

/** What an IP address is when it is not a public one; null for a public address (or not an address). */
export function classifyAddress(address: string): AddressClass | null {
  const family = isIP(address.split('%')[0]);
  if (family === 0) return null;
  if (family === 6) {
    const bare = address.split('%')[0];
    const ipv4 = embeddedIpv4(bare);
    if (ipv4 !== null) {
      const inner = classifyAddress(ipv4);
      return inner && { kind: inner.kind, ipv4 };
    }
    for (const [kind, list] of LISTS) if (list.check(bare, 'ipv6')) return { kind };
    return null;
  }
  for (const [kind, list] of LISTS) if (list.check(address, 'ipv4')) return { kind };
  return null;
}

const DESCRIPTIONS: Record<AddressKind, string> = {
  loopback: 'loopback (this server itself)',
  private: 'private',
  shared: 'in the carrier-grade NAT range 100.64.0.0/10',
  'link-local': 'link-local (where cloud metadata services answer)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  reserved: 'reserved',
};

/**
 * Why a webhook may not be sent to `address`, or null when it may. `resolvedFrom` names the host
 * name the address was looked up for, so the message says where it came from.
 */
export function receiverAddressRefusal(
  address: string,
  options: { allowPrivate: boolean; resolvedFrom?: string },
): string | null {
  const found = classifyAddress(address);
  if (!found) return null;
  if (options.allowPrivate && ALLOWED_WHEN_PRIVATE.has(found.kind)) return null;
  const origins = [
    ...(found.ipv4 ? [`IPv4 ${found.ipv4}`] : []),
    ...(options.resolvedFrom ? [`resolved from ${options.resolvedFrom}`] : []),
  ];
  const shown = origins.length ? `${address} (${origins.join(', ')})` : address;
  const hint = ALLOWED_WHEN_PRIVATE.has(found.kind)
    ? ' Set RAPPORT_WEBHOOK_ALLOW_PRIVATE=1 to deliver to receivers on your own network.'
    : '';
  return `The receiver's address ${shown} is ${DESCRIPTIONS[found.kind]}; refused.${hint}`;
}

/** Host names that always mean this machine (RFC 6761), whatever DNS says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why an endpoint may not be given this URL, judged from the URL alone: a literal IP address that
 * is not public, or `localhost`. Other host names are checked at each delivery, on the address
 * actually connected to, as what they resolve to can change.
 */
export function receiverUrlRefusal(url: string, options: { allowPrivate: boolean }): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null; // the URL's own validation reports it
  }
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  if (isIP(bare)) return receiverAddressRefusal(bare, options);
  if (isLocalhostName(bare) && !options.allowPrivate)
    return `${hostname} is this server itself; refused. Set RAPPORT_WEBHOOK_ALLOW_PRIVATE=1 to deliver to receivers on your own network.`;
  return null;
}
