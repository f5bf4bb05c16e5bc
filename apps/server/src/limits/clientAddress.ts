import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * Peers whose X-Forwarded-For is believed: the reverse proxy in front of the app. The same set as
 * Express's `trust proxy` in http/routes.ts ('loopback, linklocal, uniquelocal'), so an address
 * means the same on the HTTP API, the Socket.io handshake and the Yjs upgrade.
 */
const TRUSTED_PROXIES = new BlockList();
TRUSTED_PROXIES.addSubnet('127.0.0.0', 8, 'ipv4');
TRUSTED_PROXIES.addAddress('::1', 'ipv6');
TRUSTED_PROXIES.addSubnet('169.254.0.0', 16, 'ipv4');
TRUSTED_PROXIES.addSubnet('fe80::', 10, 'ipv6');
TRUSTED_PROXIES.addSubnet('10.0.0.0', 8, 'ipv4');
TRUSTED_PROXIES.addSubnet('172.16.0.0', 12, 'ipv4');
TRUSTED_PROXIES.addSubnet('192.168.0.0', 16, 'ipv4');
TRUSTED_PROXIES.addSubnet('fc00::', 7, 'ipv6');

/**
 * The client a request comes from, as a key for per-client limits: the peer, or, when the peer is
 * a trusted proxy, the nearest untrusted hop of X-Forwarded-For (what a client writes there itself
 * sits to the left of what our proxy appended, and is never reached). An IPv6 client is keyed by
 * its /64, the block one subscriber gets, so it cannot rotate addresses to escape its limit.
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined): string {
  let address = normalize(peer ?? '');
  if (isTrusted(address) && forwardedFor !== undefined) {
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalize(hops[i]?.trim() ?? '');
      if (!isIPv4(hop) && !isIPv6(hop)) break;
      address = hop;
      if (!isTrusted(hop)) break;
    }
  }
  return isIPv6(address) ? ipv6Prefix64(address) : address || 'unknown';
}

function isTrusted(address: string): boolean {
  if (isIPv4(address)) return TRUSTED_PROXIES.check(address, 'ipv4');
  if (isIPv6(address)) return TRUSTED_PROXIES.check(address, 'ipv6');
  return false;
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`, a dual-stack socket's view of IPv4) as plain IPv4. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address.toLowerCase();
}

function ipv6Prefix64(address: string): string {
  const [head = '', tail] = address.split('%')[0]?.split('::') ?? [''];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}
