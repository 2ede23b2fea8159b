import { isIPv6 } from 'node:net';

/**
 * The key every per-address limit counts under. One IPv6 client usually holds a whole /64
 * (SLAAC, privacy addresses), so counting full IPv6 addresses would give it 2^64 fresh limits:
 * IPv6 clients count by their /64, IPv4 clients (also as ::ffff:a.b.c.d) by their address.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  return `${expandIPv6(ip).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, '::' filled in (a zone index dropped). */
function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return groups.map((g) => Number.parseInt(g, 16).toString(16));
}
