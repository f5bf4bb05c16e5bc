import { describe, expect, it } from 'vitest';
import { MINUTE_MS, TokenBuckets } from './rateLimit.ts';

describe('TokenBuckets', () => {
  it('allows a burst of `capacity`, then refuses with the time until the next token', () => {
    const buckets = new TokenBuckets(20, MINUTE_MS);
    for (let i = 0; i < 20; i++) expect(buckets.take('1.2.3.4', 0)).toEqual({ ok: true });
    // One token comes back every 60 s / 20 = 3 s.
    expect(buckets.take('1.2.3.4', 0)).toEqual({ ok: false, retryAfterMs: 3_000 });
    expect(buckets.take('1.2.3.4', 1_000)).toEqual({ ok: false, retryAfterMs: 2_000 });
    expect(buckets.take('1.2.3.4', 3_000)).toEqual({ ok: true });
    expect(buckets.take('1.2.3.4', 3_000).ok).toBe(false);
  });

  it('keeps one bucket per key', () => {
    const buckets = new TokenBuckets(1, MINUTE_MS);
    expect(buckets.take('a', 0).ok).toBe(true);
    expect(buckets.take('a', 0).ok).toBe(false);
    expect(buckets.take('b', 0).ok).toBe(true);
  });

  it('refills to capacity at most, however long the pause', () => {
    const buckets = new TokenBuckets(2, MINUTE_MS);
    buckets.take('a', 0);
    const later = 100 * MINUTE_MS;
    expect(buckets.take('a', later).ok).toBe(true);
    expect(buckets.take('a', later).ok).toBe(true);
    expect(buckets.take('a', later).ok).toBe(false);
  });

  it('does not refill when the clock goes backwards', () => {
    const buckets = new TokenBuckets(1, MINUTE_MS);
    expect(buckets.take('a', 10_000).ok).toBe(true);
    expect(buckets.take('a', 0).ok).toBe(false);
  });

  it('keeps at most maxBuckets keys, dropping the least recently used', () => {
    const buckets = new TokenBuckets(1, MINUTE_MS, 3);
    for (const key of ['a', 'b', 'c']) buckets.take(key, 0);
    buckets.take('a', 0); // refused, but `a` is now the most recent
    buckets.take('d', 0);
    expect(buckets.size).toBe(3);
    // `b` was dropped and starts afresh; `a` is still empty.
    expect(buckets.take('b', 0).ok).toBe(true);
    expect(buckets.take('a', 0).ok).toBe(false);
  });

  it('refuses a configuration that would block everything', () => {
    expect(() => new TokenBuckets(0, MINUTE_MS)).toThrow(/capacity/);
  });
});
