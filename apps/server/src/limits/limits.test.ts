import { LIMITS } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLogger } from '../logger.ts';
import { clientAddress } from './clientAddress.ts';
import { HandshakeGuard } from './handshakeGuard.ts';
import { DEFAULT_LIMITS, LimitOverridesSchema, resolveLimits } from './limits.ts';
import { TokenBucket } from './tokenBucket.ts';
import { LimitExceeded, YjsGuard } from './yjsGuard.ts';

describe('TokenBucket', () => {
  it('allows the burst, then the rate, and never more than the burst after a pause', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // one token at 10/s
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000;
    expect(bucket.isFull()).toBe(true);
    for (let i = 0; i < 5; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('weighs an event by its count and takes nothing when it does not fit', () => {
    let now = 0;
    const bytes = new TokenBucket(1_000, 4_000, () => now);
    expect(bytes.take(3_000)).toBe(true);
    expect(bytes.take(2_000)).toBe(false);
    expect(bytes.take(1_000)).toBe(true);
    now -= 5_000; // a clock stepping back mints nothing
    expect(bytes.hasToken()).toBe(false);
  });
});

describe('clientAddress', () => {
  it('is the peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientAddress('::ffff:203.0.113.9', undefined)).toBe('203.0.113.9');
  });

  it('behind a trusted proxy, is the nearest untrusted hop (a client-written prefix is skipped)', () => {
    expect(clientAddress('127.0.0.1', '198.51.100.7')).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', '1.2.3.4, 198.51.100.7, 172.16.0.9')).toBe('198.51.100.7');
    expect(clientAddress('::1', ['1.2.3.4', '198.51.100.7'])).toBe('198.51.100.7');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
    // Garbage stops the walk at the last good hop.
    expect(clientAddress('127.0.0.1', 'evil, 10.1.1.1')).toBe('10.1.1.1');
  });

  it('keys IPv6 clients by their /64', () => {
    expect(clientAddress('2001:db8:1:2:aaaa::1', undefined)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8:1:2:bbbb:cccc:dddd:eeee', undefined)).toBe('2001:db8:1:2::/64');
    expect(clientAddress('2001:db8::1', undefined)).toBe('2001:db8:0:0::/64');
  });
});

describe('limits', () => {
  it('defaults to the protocol LIMITS and takes overrides', () => {
    expect(DEFAULT_LIMITS.yjsDocBytes).toBe(LIMITS.yjsDocBytes);
    expect(resolveLimits({ socketEventBurst: 1_000 })).toEqual({
      ...DEFAULT_LIMITS,
      socketEventBurst: 1_000,
    });
    expect(LimitOverridesSchema.safeParse({ socketEventBurst: 5 }).success).toBe(true);
    expect(LimitOverridesSchema.safeParse({ nope: 5 }).success).toBe(false);
    expect(LimitOverridesSchema.safeParse({ yjsDocBytes: -1 }).success).toBe(false);
  });

  it('keeps the whole document inside one Yjs message', () => {
    expect(LIMITS.yjsDocBytes + 16).toBeLessThan(LIMITS.yjsMessageBytes);
  });
});

describe('HandshakeGuard', () => {
  it('forgets addresses beyond its bound, oldest first', async () => {
    const guard = new HandshakeGuard({
      limits: { handshakeFailuresPerWindow: 30, handshakeFailureWindowMs: 10_000 },
      log: silentLogger,
    });
    const failing = (address: string) => ({ handshake: { address, headers: {} } });
    for (let i = 0; i < 12_000; i++)
      guard.socketFailed(failing(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`));
    // Behind no proxy these are private addresses, trusted, with no X-Forwarded-For: each is its own key.
    expect(guard.size).toBe(10_000);
  });
});

describe('YjsGuard.admitUpdate', () => {
  const guard = (yjsDocBytes: number) =>
    new YjsGuard({
      limits: {
        yjsDocBytes,
        yjsMessagesPerSecond: 1,
        yjsMessageBurst: 1,
        yjsBytesPerSecond: 1,
        yjsByteBurst: 1,
      },
      log: silentLogger,
    });
  const insertion = (text: string) => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, text);
    return Y.encodeStateAsUpdate(doc);
  };

  it('refuses an update that would pass the limit, and leaves the doc as it was', () => {
    const sizes = guard(10_000);
    const doc = new Y.Doc();
    const first = insertion('a'.repeat(6_000));
    sizes.admitUpdate(doc, first);
    Y.applyUpdate(doc, first);
    const second = insertion('b'.repeat(6_000));
    expect(() => sizes.admitUpdate(doc, second)).toThrow(LimitExceeded);
    expect(doc.getText('t').length).toBe(6_000);
  });

  it('admits what the doc already has (a reconnecting client resends it) near the limit', () => {
    const sizes = guard(10_000);
    const doc = new Y.Doc();
    const first = insertion('a'.repeat(6_000));
    Y.applyUpdate(doc, first);
    sizes.admitUpdate(doc, first);
    Y.applyUpdate(doc, first);
    // The estimate (6 000 + 6 000 + 6 000) is over; the state and the merge are not.
    expect(() => sizes.admitUpdate(doc, first)).not.toThrow();
  });

  it('counts updates from every origin, not only the ones it admitted', () => {
    const sizes = guard(10_000);
    const doc = new Y.Doc();
    sizes.admitUpdate(doc, insertion('x'));
    // Arrives from the relay or the server's own starter code: applied without asking.
    Y.applyUpdate(doc, insertion('r'.repeat(9_000)));
    expect(() => sizes.admitUpdate(doc, insertion('y'.repeat(2_000)))).toThrow(LimitExceeded);
  });
});
