import type { IncomingMessage } from 'node:http';

/**
 * Whether a realtime connection (Socket.io handshake, Yjs upgrade) comes from a page we trust.
 *
 * A browser sends `Origin` on every WebSocket and cross-site request, and a page cannot forge it,
 * so checking it stops another site from opening a connection through a visitor's browser
 * (cross-site WebSocket hijacking; Socket.io's `cors` option sets headers and stops nothing).
 * A request without `Origin` is not from a browser page (our Node clients, curl): it is allowed,
 * since such a client can send any header it likes and still needs a token to get anywhere.
 */
export type OriginPolicy = (req: IncomingMessage) => boolean;

/**
 * `allowed` lists the exact origins (`https://interviews.example.com`) that may connect; without
 * a list, only the app's own origin may: the `Origin`'s host must be the request's `Host`.
 */
export function createOriginPolicy(allowed: readonly string[] | undefined): OriginPolicy {
  const list = allowed ? new Set(allowed.map((origin) => normalizeOrigin(origin))) : null;
  return (req) => {
    const header = req.headers.origin;
    if (header === undefined) return true;
    const origin = parseOrigin(header);
    // `null` (sandboxed frames, file: pages), several origins, or anything unparsable.
    if (!origin) return false;
    if (list) return list.has(origin.origin);
    const host = req.headers.host;
    if (!host) return false;
    // Parsed with the Origin's scheme so a default port (`:443`) compares equal to none.
    const own = parseOrigin(`${origin.protocol}//${host}`);
    return own !== null && own.host === origin.host;
  };
}

/** The origin (`scheme://host[:port]`) of a URL; throws if it has none a browser would send. */
export function normalizeOrigin(url: string): string {
  const origin = parseOrigin(url);
  if (!origin) throw new Error(`not an http(s) origin: ${url}`);
  return origin.origin;
}

function parseOrigin(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
