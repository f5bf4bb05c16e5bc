import type { SavedPlan } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { makeStore, randomId, redisAdmin, STORE_KINDS } from '../../test/stores.ts';
import { applyCommand, createRoomState } from '../domain/room.ts';
import { RoomGoneError, type RoomRecord } from './types.ts';

function savedPlan(name: string, createdAt: number): SavedPlan {
  const [a, b] = defaultBank.all();
  return {
    id: randomId(),
    name,
    items: [
      { questionId: a?.id ?? '', budgetMinutes: 12 },
      { questionId: b?.id ?? '', budgetMinutes: 8 },
    ],
    createdAt,
  };
}

function newRecord(): RoomRecord {
  const state = createRoomState(
    {
      id: randomId(),
      title: 'Contract',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: defaultBank.all().slice(0, 3),
    },
    1_000,
  );
  return {
    id: state.id,
    tokenHashes: { interviewer: 'a'.repeat(64), candidate: 'b'.repeat(64) },
    version: 0,
    state,
  };
}

async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 5_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(STORE_KINDS)('RoomStore contract: %s', (kind) => {
  it('creates a room once and reads it back intact', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    expect(await store.createRoom(record)).toBe(true);
    expect(await store.createRoom({ ...record, state: { ...record.state, title: 'Other' } })).toBe(false);
    expect(await store.getRoom(record.id)).toEqual(record);
  });

  it('keeps what it stored apart from what callers hold: neither side can change the other', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    await store.createRoom(record);
    const next = { ...record.state, title: 'Saved' };
    expect(await store.saveRoomState(next, 0)).toBe(1);
    // The writer's own object stays its own (and writable).
    next.title = 'Changed by the writer';
    // A reader's copy is either frozen (memory shares one) or a copy of its own (Redis).
    const read = await store.getRoom(record.id);
    try {
      if (read) read.state.title = 'Changed by a reader';
    } catch (error) {
      expect(error).toBeInstanceOf(TypeError);
    }
    expect((await store.getRoom(record.id))?.state.title).toBe('Saved');
  });

  it('answers null for an unknown room', async () => {
    const store = await makeStore(kind);
    expect(await store.getRoom(randomId())).toBeNull();
  });

  it('saves a new state without touching the token hashes', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    await store.createRoom(record);
    const result = applyCommand(record.state, { type: 'next' }, 2_000);
    if (!result.ok) throw new Error('next failed');
    const withNotes = applyCommand(
      result.state,
      { type: 'save-notes', questionId: record.state.plan[0]?.id ?? '', notes: 'n', opId: 'contract-op-1' },
      3_000,
    );
    if (!withNotes.ok) throw new Error('notes failed');
    expect(await store.saveRoomState(withNotes.state, 0)).toBe(1);
    const stored = await store.getRoom(record.id);
    expect(stored?.state).toEqual(withNotes.state);
    expect(stored?.version).toBe(1);
    expect(stored?.tokenHashes).toEqual(record.tokenHashes);
  });

  it('refuses a write based on a stale version, so concurrent writers cannot clobber each other', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    await store.createRoom(record);
    const first = { ...record.state, title: 'First writer' };
    const second = { ...record.state, title: 'Second writer' };
    const results = await Promise.all([store.saveRoomState(first, 0), store.saveRoomState(second, 0)]);
    expect(results.filter((v) => v === 1)).toHaveLength(1);
    expect(results.filter((v) => v === null)).toHaveLength(1);
    const winner = results[0] === 1 ? 'First writer' : 'Second writer';
    expect((await store.getRoom(record.id))?.state.title).toBe(winner);
    expect(await store.saveRoomState({ ...record.state, title: 'Retry' }, 1)).toBe(2);
  });

  it('replaces token hashes compare-and-set, keeping the state, so older writes cannot restore them', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    await store.createRoom(record);
    const fresh = { interviewer: record.tokenHashes.interviewer, candidate: 'c'.repeat(64) };
    expect(await store.replaceTokenHashes(record.id, fresh, 0)).toBe(1);
    const stored = await store.getRoom(record.id);
    expect(stored?.tokenHashes).toEqual(fresh);
    expect(stored?.version).toBe(1);
    expect(stored?.state).toEqual(record.state);
    // A writer that read the room before the replacement loses, for hashes and for state alike.
    expect(await store.replaceTokenHashes(record.id, record.tokenHashes, 0)).toBeNull();
    expect(await store.saveRoomState({ ...record.state, title: 'Stale' }, 0)).toBeNull();
    expect((await store.getRoom(record.id))?.tokenHashes).toEqual(fresh);
    // A state write after it keeps the new hashes.
    expect(await store.saveRoomState({ ...record.state, title: 'After' }, 1)).toBe(2);
    expect((await store.getRoom(record.id))?.tokenHashes).toEqual(fresh);
    await expect(store.replaceTokenHashes(randomId(), fresh, 0)).rejects.toThrow();
  });

  it('deletes a room with its presence', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    await store.createRoom(record);
    await store.putPresence(
      { roomId: record.id, id: 'p1', name: 'Ada', role: 'candidate', color: '#112233' },
      60_000,
    );
    expect(await store.deleteRoom(record.id)).toBe(true);
    expect(await store.getRoom(record.id)).toBeNull();
    expect(await store.listPresence(record.id)).toEqual([]);
    expect(await store.deleteRoom(record.id)).toBe(false);
  });

  it('refuses to save the state of a room that does not exist', async () => {
    const store = await makeStore(kind);
    await expect(store.saveRoomState(newRecord().state, 0)).rejects.toBeInstanceOf(RoomGoneError);
  });

  it('peeks at the record it last read or wrote, and at none once the room is gone', async () => {
    const store = await makeStore(kind);
    const record = newRecord();
    expect(store.peekRoom(record.id)).toBeNull();
    await store.createRoom(record);
    expect(store.peekRoom(record.id)).toEqual(record);
    expect(await store.saveRoomState({ ...record.state, title: 'Peeked' }, 0)).toBe(1);
    expect(store.peekRoom(record.id)).toMatchObject({ version: 1, state: { title: 'Peeked' } });
    await store.deleteRoom(record.id);
    expect(store.peekRoom(record.id)).toBeNull();
  });

  it('lists presence, removes it, and expires entries that are not refreshed', async () => {
    const store = await makeStore(kind);
    const roomId = randomId();
    const ada = { roomId, id: 'p1', name: 'Ada', role: 'candidate' as const, color: '#112233' };
    const grace = { roomId, id: 'p2', name: 'Grace', role: 'interviewer' as const, color: '#445566' };
    await store.putPresence(ada, 60_000);
    await store.putPresence(grace, 300);
    expect((await store.listPresence(roomId)).map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    const afterExpiry = await eventually(
      () => store.listPresence(roomId),
      (list) => list.length === 1,
    );
    expect(afterExpiry).toEqual([ada]);
    await store.removePresence(roomId, 'p1');
    expect(await store.listPresence(roomId)).toEqual([]);
  });

  it('refreshes many presence entries of several rooms at once', async () => {
    const store = await makeStore(kind);
    const [roomA, roomB] = [randomId(), randomId()];
    const entry = (roomId: string, id: string) => ({
      roomId,
      id,
      name: id,
      role: 'interviewer' as const,
      color: '#112233',
    });
    const a1 = entry(roomA, 'a1');
    const a2 = entry(roomA, 'a2');
    const b1 = entry(roomB, 'b1');
    await store.putPresence(a1, 300);
    await store.putPresenceMany([a1, a2, b1], 60_000);
    await store.putPresenceMany([], 60_000);
    // a1's first TTL passes: the batch refreshed it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await store.listPresence(roomA)).map((p) => p.id).sort()).toEqual(['a1', 'a2']);
    expect(await store.listPresence(roomB)).toEqual([b1]);
  });

  it('a refreshed presence entry outlives its first TTL', async () => {
    const store = await makeStore(kind);
    const roomId = randomId();
    const entry = { roomId, id: 'p1', name: 'Ada', role: 'candidate' as const, color: '#112233' };
    await store.putPresence(entry, 400);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await store.putPresence(entry, 400);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await store.listPresence(roomId)).toEqual([entry]);
  });

  // Code documents are in the DocLog now (src/docs, with its own contract test).
  it('drops a room after the retention period', async () => {
    const store = await makeStore(kind, { retentionMs: 1_000 });
    const record = newRecord();
    await store.createRoom(record);
    const gone = await eventually(
      () => store.getRoom(record.id),
      (room) => room === null,
    );
    expect(gone).toBeNull();
  });

  it('saves plans for reuse, lists them newest first, and deletes them', async () => {
    const store = await makeStore(kind, { keyPrefix: `ir-test-${randomId(6)}:` });
    const older = savedPlan('Python screen, 30 min', 1_000);
    const newer = savedPlan('Senior deep dive', 2_000);
    expect(await store.listSavedPlans()).toEqual([]);
    expect(await store.createSavedPlan(older, 10)).toBe(true);
    expect(await store.createSavedPlan(newer, 10)).toBe(true);
    expect(await store.listSavedPlans()).toEqual([newer, older]);
    expect(await store.getSavedPlan(older.id)).toEqual(older);
    expect(await store.getSavedPlan(randomId())).toBeNull();
    expect(await store.deleteSavedPlan(older.id)).toBe(true);
    expect(await store.deleteSavedPlan(older.id)).toBe(false);
    expect(await store.listSavedPlans()).toEqual([newer]);
  });

  it('keeps at most the given number of saved plans, even when many are created at once', async () => {
    const store = await makeStore(kind, { keyPrefix: `ir-test-${randomId(6)}:` });
    const created = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.createSavedPlan(savedPlan(`Plan ${i}`, i), 5)),
    );
    expect(created.filter(Boolean)).toHaveLength(5);
    expect(await store.listSavedPlans()).toHaveLength(5);
    // Room for one more once one is deleted.
    const [first] = await store.listSavedPlans();
    await store.deleteSavedPlan(first?.id ?? '');
    expect(await store.createSavedPlan(savedPlan('Plan 9', 9), 5)).toBe(true);
  });

  it('answers a ping when ready', async () => {
    const store = await makeStore(kind);
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe('RoomStore on Redis, two instances (each remembers the records it read or wrote)', () => {
  it('reads the other instance’s writes, loses a write based on a version it replaced, and sees a deletion', async () => {
    const a = await makeStore('redis');
    const b = await makeStore('redis');
    const record = newRecord();
    await a.createRoom(record);
    expect((await b.getRoom(record.id))?.version).toBe(0);

    expect(await b.saveRoomState({ ...record.state, title: 'Written on B' }, 0)).toBe(1);
    // A remembers version 0 (it created it): a peek says so, its next read returns B's write.
    expect(a.peekRoom(record.id)?.version).toBe(0);
    expect(await a.getRoom(record.id)).toMatchObject({ version: 1, state: { title: 'Written on B' } });
    // A write based on version 0 loses, from either instance.
    expect(await a.saveRoomState({ ...record.state, title: 'Stale on A' }, 0)).toBeNull();
    expect(await a.saveRoomState({ ...record.state, title: 'Written on A' }, 1)).toBe(2);
    expect(await b.getRoom(record.id)).toMatchObject({
      version: 2,
      tokenHashes: record.tokenHashes,
      state: { title: 'Written on A' },
    });

    // B replaces the token hashes (version 3) while A remembers version 2 (its own write): A's
    // write based on version 2 loses, and the one after it keeps B's hashes.
    const fresh = { interviewer: 'c'.repeat(64), candidate: 'd'.repeat(64) };
    expect(await b.replaceTokenHashes(record.id, fresh, 2)).toBe(3);
    expect(await a.saveRoomState({ ...record.state, title: 'Stale hashes on A' }, 2)).toBeNull();
    expect(await a.saveRoomState({ ...record.state, title: 'After the new links' }, 3)).toBe(4);
    expect(await b.getRoom(record.id)).toMatchObject({
      version: 4,
      tokenHashes: fresh,
      state: { title: 'After the new links' },
    });

    // B remembers version 4, but the room is gone: its write is refused, its read finds nothing.
    expect(await a.deleteRoom(record.id)).toBe(true);
    await expect(b.saveRoomState({ ...record.state, title: 'After the deletion' }, 4)).rejects.toBeInstanceOf(
      RoomGoneError,
    );
    expect(await b.getRoom(record.id)).toBeNull();
  });
});

describe('RoomStore on Redis: how a room is kept', () => {
  /** A room created on A, with B a second instance on the same Redis, and the room's hash key. */
  async function roomOnTwoInstances() {
    const redis = await redisAdmin();
    const a = await makeStore('redis');
    const b = await makeStore('redis');
    const record = newRecord();
    await a.createRoom(record);
    return { redis, a, b, record, key: `ir:room:${record.id}:record` };
  }

  it('moves a room stored as one JSON string (the layout before the hash) on its first read, keeping its TTL', async () => {
    const redis = await redisAdmin();
    const store = await makeStore('redis');
    const record = { ...newRecord(), version: 7 };
    await redis.set(`ir:room:${record.id}`, JSON.stringify(record), { EX: 3_600 });

    expect(await store.getRoom(record.id)).toEqual(record);
    expect(await redis.exists(`ir:room:${record.id}`)).toBe(0);
    const ttl = await redis.ttl(`ir:room:${record.id}:record`);
    expect(ttl).toBeGreaterThan(3_500);
    expect(ttl).toBeLessThanOrEqual(3_600);
    // It carries on from its version, on any instance.
    expect(await store.saveRoomState({ ...record.state, title: 'Moved' }, 7)).toBe(8);
    const other = await makeStore('redis');
    expect(await other.getRoom(record.id)).toMatchObject({ version: 8, state: { title: 'Moved' } });

    // One stored without a TTL gets the retention when it moves.
    const forever = newRecord();
    await redis.set(`ir:room:${forever.id}`, JSON.stringify(forever));
    expect(await store.getRoom(forever.id)).toEqual(forever);
    expect(await redis.ttl(`ir:room:${forever.id}:record`)).toBeGreaterThan(500);

    // One never read is deleted all the same, and a new room cannot take its id.
    const unread = newRecord();
    await redis.set(`ir:room:${unread.id}`, JSON.stringify(unread));
    expect(await store.createRoom(unread)).toBe(false);
    expect(await store.deleteRoom(unread.id)).toBe(true);
    expect(await redis.exists(`ir:room:${unread.id}`)).toBe(0);
  });

  it('gives presence keys the TTL of their entries, so a room whose instances all died leaves none', async () => {
    const redis = await redisAdmin();
    const store = await makeStore('redis');
    const roomId = randomId();
    const entry = { roomId, id: 'p1', name: 'Ada', role: 'candidate' as const, color: '#112233' };
    await store.putPresenceMany([entry, { ...entry, id: 'p2' }], 60_000);
    for (const key of [`ir:presence:${roomId}:expiry`, `ir:presence:${roomId}:data`]) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(58);
      expect(ttl).toBeLessThanOrEqual(61);
    }
    expect(await redis.hLen(`ir:presence:${roomId}:data`)).toBe(2);
  });

  it('tells apart two writes of one version (a Redis that lost a write): neither read nor written over', async () => {
    const { redis, a, b, record, key } = await roomOnTwoInstances();
    const before = await redis.hGetAll(key);
    expect(await a.saveRoomState({ ...record.state, title: 'Lost by Redis' }, 0)).toBe(1);
    // Redis comes back from a crash without that write; B writes version 1 again.
    await redis.hSet(key, before);
    expect(await b.saveRoomState({ ...record.state, title: 'Written on B' }, 0)).toBe(1);
    // A remembers another version 1: it reads B's, and a write based on its own loses.
    expect(a.peekRoom(record.id)?.state.title).toBe('Lost by Redis');
    expect(await a.saveRoomState({ ...record.state, title: 'Over B' }, 1)).toBeNull();
    expect(await a.getRoom(record.id)).toMatchObject({ version: 1, state: { title: 'Written on B' } });
    expect(await a.saveRoomState({ ...record.state, title: 'After B' }, 1)).toBe(2);
  });

  it('writes after Redis has forgotten its scripts (a restart or SCRIPT FLUSH)', async () => {
    const redis = await redisAdmin();
    const store = await makeStore('redis');
    const record = newRecord();
    await store.createRoom(record);
    await redis.scriptFlush();
    expect(await store.saveRoomState({ ...record.state, title: 'After the flush' }, 0)).toBe(1);
    expect(await (await makeStore('redis')).getRoom(record.id)).toMatchObject({
      state: { title: 'After the flush' },
    });
  });

  it('sends the plan only when it changed, and another instance reads the new one', async () => {
    const { redis, a, b, record, key } = await roomOnTwoInstances();
    // Marked behind the store's back: a write that sent the plan would overwrite the mark.
    const marked = JSON.stringify(record.state.plan.map((q, i) => (i === 0 ? { ...q, title: 'Marked' } : q)));
    await redis.hSet(key, 'plan', marked);

    // A note, applied (as the room service does) to the record the store holds: it changes no
    // plan, and the plan field stays as it was.
    const base = a.peekRoom(record.id);
    if (!base) throw new Error('A should remember the room it created');
    const notes = applyCommand(
      base.state,
      { type: 'save-notes', questionId: record.state.plan[0]?.id ?? '', notes: 'n', opId: 'op-1' },
      2_000,
    );
    if (!notes.ok) throw new Error(notes.error.message);
    expect(notes.state.plan).toBe(base.state.plan);
    expect(await a.saveRoomState(notes.state, 0)).toBe(1);
    expect(await redis.hGet(key, 'plan')).toBe(marked);

    // A new plan is written, and B, which has never seen the room, reads it whole.
    const shorter = { ...notes.state, plan: notes.state.plan.slice(0, 2) };
    expect(await a.saveRoomState(shorter, 1)).toBe(2);
    const read = await b.getRoom(record.id);
    expect(read?.state.plan).toEqual(record.state.plan.slice(0, 2));
    expect(read?.state.records[record.state.plan[0]?.id ?? '']?.notes).toBe('n');
  });

  it('parses a plan once per instance: rooms read with the same plan share it, frozen', async () => {
    const a = await makeStore('redis');
    const b = await makeStore('redis');
    const first = newRecord();
    const second = newRecord();
    const third = newRecord();
    const other = { ...third, state: { ...third.state, plan: first.state.plan.slice(0, 1) } };
    for (const record of [first, second, other]) await a.createRoom(record);

    // B has seen none of them: each is parsed from its hash.
    const [readFirst, readSecond, readOther] = await Promise.all(
      [first, second, other].map((record) => b.getRoom(record.id)),
    );
    expect(readFirst?.state.plan).toEqual(first.state.plan);
    expect(readSecond?.state.plan).toBe(readFirst?.state.plan);
    expect(readOther?.state.plan).toEqual(first.state.plan.slice(0, 1));
    expect(readOther?.state.plan).not.toBe(readFirst?.state.plan);
  });
});
