import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { createRoomState } from '../domain/room.ts';
import { RecordCache } from './recordCache.ts';
import type { RoomRecord } from './types.ts';

function record(id: string, version = 0): RoomRecord {
  const state = createRoomState(
    {
      id,
      title: 'Cache',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: defaultBank.all().slice(0, 2),
    },
    1_000,
  );
  return { id, tokenHashes: { interviewer: 'a'.repeat(64), candidate: 'b'.repeat(64) }, version, state };
}

describe('RecordCache', () => {
  it('parses a stored record once: the same JSON again gives the same frozen record', () => {
    const cache = new RecordCache();
    const raw = JSON.stringify(record('r1'));
    const first = cache.parse('r1', raw);
    expect(Object.isFrozen(first.state.plan[0])).toBe(true);
    expect(cache.parse('r1', raw)).toBe(first);
    // Another write (any other JSON) is parsed afresh.
    const next = cache.parse('r1', JSON.stringify(record('r1', 1)));
    expect(next).not.toBe(first);
    expect(next.version).toBe(1);
  });

  it('refuses stored JSON that is not a room record, as parsing always did', () => {
    expect(() => new RecordCache().parse('r1', JSON.stringify({ id: 'r1', version: 'one' }))).toThrow();
  });

  it('answers a write’s base only at the version it remembers, and copies what it is given', () => {
    const cache = new RecordCache();
    const written = record('r1', 3);
    cache.remember('r1', JSON.stringify(written), written);
    expect(cache.atVersion('r1', 2)).toBeNull();
    const base = cache.atVersion('r1', 3);
    expect(base).toEqual(written);
    expect(base).not.toBe(written);
    expect(Object.isFrozen(written)).toBe(false);
    cache.forget('r1');
    expect(cache.atVersion('r1', 3)).toBeNull();
  });

  it('keeps the most recently used rooms up to its capacity', () => {
    const cache = new RecordCache({ capacity: 2 });
    const raws = ['r1', 'r2', 'r3'].map((id) => JSON.stringify(record(id)));
    const r1 = cache.parse('r1', raws[0] ?? '');
    cache.parse('r2', raws[1] ?? '');
    // r1 used again: r2 is now the least recently used, and the one dropped for r3.
    expect(cache.parse('r1', raws[0] ?? '')).toBe(r1);
    cache.parse('r3', raws[2] ?? '');
    expect(cache.atVersion('r1', 0)).toBe(r1);
    expect(cache.atVersion('r2', 0)).toBeNull();
    expect(cache.atVersion('r3', 0)).not.toBeNull();
  });

  it('drops a room not used for a while, so idle rooms cost no memory here', () => {
    let now = 0;
    const cache = new RecordCache({ idleMs: 1_000, now: () => now });
    const raw = JSON.stringify(record('r1'));
    const first = cache.parse('r1', raw);
    now = 999;
    expect(cache.parse('r1', raw)).toBe(first);
    // Last used at 999: still there at 1 998, gone at 1 999, then parsed afresh.
    now = 1_998;
    expect(cache.atVersion('r1', 0)).toBe(first);
    now = 1_999;
    expect(cache.atVersion('r1', 0)).toBeNull();
    expect(cache.parse('r1', raw)).not.toBe(first);
  });

  it('sweeps the rooms gone idle, without anything else happening', () => {
    let now = 0;
    const cache = new RecordCache({ idleMs: 1_000, now: () => now });
    for (const id of ['r1', 'r2']) cache.remember(id, JSON.stringify(record(id)), record(id));
    now = 600;
    cache.parse('r2', JSON.stringify(record('r2')));
    now = 1_000;
    cache.sweep();
    expect(cache.size).toBe(1);
    now = 1_600;
    cache.sweep();
    expect(cache.size).toBe(0);
  });

  it('sweeps idle rooms when it remembers another', () => {
    let now = 0;
    const cache = new RecordCache({ idleMs: 1_000, now: () => now });
    const idle = record('idle');
    cache.remember('idle', JSON.stringify(idle), idle);
    now = 5_000;
    const busy = record('busy');
    cache.remember('busy', JSON.stringify(busy), busy);
    now = 0;
    // Back in time, the idle room would be live again if it were still held.
    expect(cache.atVersion('idle', 0)).toBeNull();
  });
});
