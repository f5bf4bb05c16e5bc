import type { ProtocolError } from '@interview-room/protocol';
import type { Request, Response } from 'express';

export const MINUTE_MS = 60_000;
/** Room creations per client address per minute, unless configured otherwise. */
export const DEFAULT_ROOM_CREATIONS_PER_MINUTE = 20;
/**
 * Buckets kept at most. Beyond this the least recently used are dropped: an attacker rotating
 * addresses must not grow memory without bound, and a dropped bucket only forgets a past burst.
 */
const MAX_BUCKETS = 10_000;

export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket per key: `capacity` tokens, refilled continuously at `capacity` per `periodMs`.
 * A burst of `capacity` is allowed, then one request per `periodMs / capacity`. In memory and
 * per instance: behind several instances the effective limit is at most that many times higher.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;

  constructor(
    private readonly capacity: number,
    periodMs: number,
    private readonly maxBuckets = MAX_BUCKETS,
  ) {
    if (!(capacity >= 1) || !(periodMs > 0))
      throw new Error('a token bucket needs capacity >= 1 and a period');
    this.refillPerMs = capacity / periodMs;
  }

  take(key: string, now: number): TakeResult {
    const bucket = this.buckets.get(key);
    const elapsed = bucket ? Math.max(0, now - bucket.at) : 0;
    const tokens = bucket
      ? Math.min(this.capacity, bucket.tokens + elapsed * this.refillPerMs)
      : this.capacity;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(key);
    if (tokens < 1 - 1e-9) {
      this.buckets.set(key, { tokens, at: now });
      // The epsilon keeps float noise (1.9999999 tokens) from adding a millisecond.
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / this.refillPerMs - 1e-6) };
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    for (const oldest of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(oldest);
    }
    return { ok: true };
  }

  get size(): number {
    return this.buckets.size;
  }
}

/**
 * A per-client-address limit for one kind of request: call it where the request would start to
 * cost something. Returns true to go on; otherwise it has answered 429 with Retry-After. The
 * address is `req.ip`, which honours X-Forwarded-For only from the trusted proxy addresses set in
 * routes.ts, so a client cannot pick its own bucket.
 */
export function rateLimit(options: {
  perMinute: number;
  now: () => number;
  what: string;
}): (req: Request, res: Response) => boolean {
  const buckets = new TokenBuckets(options.perMinute, MINUTE_MS);
  return (req, res) => {
    const taken = buckets.take(req.ip ?? req.socket.remoteAddress ?? 'unknown', options.now());
    if (taken.ok) return true;
    const retryAfterSeconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    const error: ProtocolError = {
      code: 'RATE_LIMITED',
      message: `Too many ${options.what}; try again in ${retryAfterSeconds} s`,
    };
    res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(429).json({ error });
    return false;
  };
}
