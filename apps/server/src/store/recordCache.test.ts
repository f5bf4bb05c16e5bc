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
  it('keeps a frozen copy of what it is given, answered at that version (and stamp) only', () => {
    const cache = new RecordCache();
    const written = record('r1', 3);
    const { record: kept } = cache.remember('r1', written, 's3');
    expect(kept).toEqual(written);
    expect(kept).not.toBe(written);
    expect(Object.isFrozen(kept.state.plan[0])).toBe(true);
    expect(Object.isFrozen(written)).toBe(false);
    expect(cache.atVersion('r1', 3)).toEqual({ record: kept, stamp: 's3' });
    expect(cache.atVersion('r1', 2)).toBeNull();
    expect(cache.atVersion('r1', 4)).toBeNull();
    expect(cache.matching('r1', 3, 's3')).toBe(kept);
    // The same version written again by another write (a Redis that lost writes) is not this one.
    expect(cache.matching('r1', 3, 'other')).toBeNull();
    // A peek takes whatever version is remembered.
    expect(cache.latest('r1')).toBe(kept);
    cache.forget('r1');
    expect(cache.atVersion('r1', 3)).toBeNull();
    expect(cache.latest('r1')).toBeNull();
  });

  it('replaces a room’s record with the newer one it is given', () => {
    const cache = new RecordCache();
    cache.remember('r1', record('r1', 0), 's0');
    const next = cache.remember('r1', record('r1', 1), 's1');
    expect(cache.atVersion('r1', 0)).toBeNull();
    expect(cache.matching('r1', 1, 's1')).toBe(next.record);
  });

  it('keeps the most recently used rooms up to its capacity', () => {
    const cache = new RecordCache({ capacity: 2 });
    const r1 = cache.remember('r1', record('r1'), 's').record;
    cache.remember('r2', record('r2'), 's');
    // r1 used again: r2 is now the least recently used, and the one dropped for r3.
    expect(cache.matching('r1', 0, 's')).toBe(r1);
    cache.remember('r3', record('r3'), 's');
    expect(cache.latest('r1')).toBe(r1);
    expect(cache.latest('r2')).toBeNull();
    expect(cache.latest('r3')).not.toBeNull();
  });

  it('drops a room not used for a while, so idle rooms cost no memory here', () => {
    let now = 0;
    const cache = new RecordCache({ idleMs: 1_000, now: () => now });
    const first = cache.remember('r1', record('r1'), 's').record;
    now = 999;
    expect(cache.matching('r1', 0, 's')).toBe(first);
    // Last used at 999: still there at 1 998, gone at 1 999.
    now = 1_998;
    expect(cache.latest('r1')).toBe(first);
    now = 1_999;
    expect(cache.atVersion('r1', 0)).toBeNull();
  });

  it('sweeps the rooms gone idle, without anything else happening', () => {
    let now = 0;
    const cache = new RecordCache({ idleMs: 1_000, now: () => now });
    for (const id of ['r1', 'r2']) cache.remember(id, record(id), 's');
    now = 600;
    cache.atVersion('r2', 0);
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
    cache.remember('idle', record('idle'), 's');
    now = 5_000;
    cache.remember('busy', record('busy'), 's');
    now = 0;
    // Back in time, the idle room would be live again if it were still held.
    expect(cache.atVersion('idle', 0)).toBeNull();
  });
});
