/**
 * One token bucket: holds up to `burst` tokens, refilled continuously at `perSecond`. Each event
 * takes a token (or as many as it weighs); an event finding too few is over the limit. Used per
 * connection (events, messages, bytes) and, keyed by address, for failed handshakes.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    if (!(perSecond > 0) || !(burst >= 1))
      throw new Error('a token bucket needs a rate > 0 and a burst >= 1');
    this.tokens = burst;
    this.updatedAt = now();
  }

  /** Takes `count` tokens if there are that many; false (and nothing taken) otherwise. */
  take(count = 1): boolean {
    this.refill();
    if (this.tokens < count) return false;
    this.tokens -= count;
    return true;
  }

  /** Whether at least one token is left, without taking it. */
  hasToken(): boolean {
    this.refill();
    return this.tokens >= 1;
  }

  /** Whether the bucket has refilled completely: it remembers nothing and may be dropped. */
  isFull(): boolean {
    this.refill();
    return this.tokens >= this.burst;
  }

  private refill(): void {
    const at = this.now();
    // A clock that steps back must not mint tokens, nor take them.
    const elapsedMs = Math.max(0, at - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsedMs / 1000) * this.perSecond);
    this.updatedAt = at;
  }
}
