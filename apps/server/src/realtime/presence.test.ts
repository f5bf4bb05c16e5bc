import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { silentLogger } from '../logger.ts';
import { MemoryRoomStore } from '../store/memory.ts';
import { PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS, PresenceTracker } from './presence.ts';

const person = (id: string, name: string, role: 'interviewer' | 'candidate' = 'interviewer') => ({
  id,
  name,
  role,
  color: '#4363d8',
});

describe('PresenceTracker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts a person’s connections in one room only: a second tab is not a second arrival', async () => {
    const tracker = new PresenceTracker(new MemoryRoomStore({ retentionMs: 60_000 }), silentLogger);
    onTestFinished(() => tracker.stop());
    await tracker.join('room-a', person('p1', 'Grace'));
    await tracker.join('room-a', person('p2', 'Grace'));
    await tracker.join('room-b', person('p3', 'Grace'));
    await tracker.join('room-a', person('p4', 'Ada', 'candidate'));
    expect(tracker.localCount('room-a', 'interviewer', 'Grace')).toBe(2);
    expect(tracker.localCount('room-b', 'interviewer', 'Grace')).toBe(1);
    expect(tracker.localCount('room-a', 'candidate', 'Grace')).toBe(0);

    await tracker.leave('room-a', 'p1');
    expect(tracker.localCount('room-a', 'interviewer', 'Grace')).toBe(1);
    await tracker.leave('room-a', 'p2');
    expect(tracker.localCount('room-a', 'interviewer', 'Grace')).toBe(0);
    expect(tracker.localCount('room-b', 'interviewer', 'Grace')).toBe(1);
    expect((await tracker.list('room-a')).map((p) => p.name)).toEqual(['Ada']);
  });

  it('does not bring back someone who left while its heartbeat was going round', async () => {
    vi.useFakeTimers();
    // A store whose writes wait, as Redis round trips do on a busy instance.
    let release = () => {};
    class SlowStore extends MemoryRoomStore {
      slow = false;
      override async putPresenceMany(
        entries: Parameters<MemoryRoomStore['putPresenceMany']>[0],
        ttlMs: number,
      ) {
        if (this.slow) await new Promise<void>((resolve) => (release = resolve));
        await super.putPresenceMany(entries, ttlMs);
      }
    }
    const store = new SlowStore({ retentionMs: 60_000 });
    // One entry per batch, so the heartbeat goes round in several writes.
    const tracker = new PresenceTracker(store, silentLogger, 1);
    onTestFinished(() => tracker.stop());
    await tracker.join('room-a', person('p1', 'Grace'));
    await tracker.join('room-a', person('p2', 'Ada', 'candidate'));
    store.slow = true;
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    // The heartbeat waits on Grace's write; Ada leaves meanwhile.
    store.slow = false;
    await tracker.leave('room-a', 'p2');
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect((await tracker.list('room-a')).map((p) => p.id)).toEqual(['p1']);
  });

  it('refreshes the connections in batches, one store call each', async () => {
    vi.useFakeTimers();
    const calls: string[][] = [];
    class CountingStore extends MemoryRoomStore {
      override async putPresenceMany(
        entries: Parameters<MemoryRoomStore['putPresenceMany']>[0],
        ttlMs: number,
      ) {
        calls.push(entries.map((entry) => entry.id));
        await super.putPresenceMany(entries, ttlMs);
      }
    }
    const tracker = new PresenceTracker(new CountingStore({ retentionMs: 60_000 }), silentLogger, 2);
    onTestFinished(() => tracker.stop());
    for (const [room, id] of [
      ['a', 'p1'],
      ['a', 'p2'],
      ['b', 'p3'],
      ['c', 'p4'],
      ['c', 'p5'],
    ] as const)
      await tracker.join(room, person(id, id));
    await vi.advanceTimersByTimeAsync(PRESENCE_HEARTBEAT_MS);
    expect(calls).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);
  });

  it('keeps every connection of every room alive in the store past the TTL, by its heartbeat', async () => {
    vi.useFakeTimers();
    const store = new MemoryRoomStore({ retentionMs: 60_000 });
    const tracker = new PresenceTracker(store, silentLogger);
    await tracker.join('room-a', person('p1', 'Grace'));
    await tracker.join('room-b', person('p2', 'Linus'));
    await tracker.join('room-b', person('p3', 'Ada', 'candidate'));
    await vi.advanceTimersByTimeAsync(PRESENCE_TTL_MS + PRESENCE_HEARTBEAT_MS);
    expect((await tracker.list('room-a')).map((p) => p.id)).toEqual(['p1']);
    expect((await tracker.list('room-b')).map((p) => p.id)).toEqual(['p3', 'p2']);

    // Without the heartbeat, the entries expire: what a crashed instance's users do.
    tracker.stop();
    await vi.advanceTimersByTimeAsync(PRESENCE_TTL_MS + 1);
    expect(await tracker.list('room-b')).toEqual([]);
  });
});
