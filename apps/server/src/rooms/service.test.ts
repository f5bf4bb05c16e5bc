import { defaultBank } from '@interview-room/questions';
import { describe, expect, it, vi } from 'vitest';
import { makeStore, randomId } from '../../test/stores.ts';
import type { RoomCommand } from '../domain/room.ts';
import { silentLogger } from '../logger.ts';
import { SavedPlans } from '../plans/savedPlans.ts';
import type { RoomStore } from '../store/types.ts';
import { type CodeEffects, RoomService } from './service.ts';

const bank = defaultBank;
const [first, second, third] = bank.all().map((question) => question.id);

/** One server instance's room service over its own connection to the shared store. */
function instance(store: RoomStore): RoomService {
  const deps = { store, bank, log: silentLogger, now: Date.now };
  return new RoomService({ ...deps, savedPlans: new SavedPlans(deps), onChange: () => {} });
}

/** Two instances on one Redis; the room is created on A, which then remembers it. */
async function twoInstances(questionIds = [first, second, third]) {
  const storeA = await makeStore('redis');
  const storeB = await makeStore('redis');
  const a = instance(storeA);
  const b = instance(storeB);
  const created = await a.create({
    title: 'Service',
    candidateName: 'Ada',
    questionIds: questionIds.map((id) => id ?? ''),
  });
  if (!created.ok) throw new Error(created.message);
  return { a, b, storeA, roomId: created.id };
}

const notes = (questionId: string | undefined, text: string): RoomCommand => ({
  type: 'save-notes',
  questionId: questionId ?? '',
  notes: text,
  opId: randomId(9),
});

describe('RoomService: commands from a remembered record (two instances on Redis)', () => {
  it('a write based on a record another instance replaced lands on the newest state', async () => {
    const { a, b, storeA, roomId } = await twoInstances();
    expect(await b.execute(roomId, notes(first, 'written on B'))).toMatchObject({ ok: true });
    // A still remembers the version it created: its write fails the version check and goes again.
    expect(storeA.peekRoom(roomId)?.version).toBe(0);
    expect(await a.execute(roomId, notes(second, 'written on A'))).toMatchObject({ ok: true });

    const stored = await b.readState(roomId);
    expect(stored?.version).toBe(2);
    expect(stored?.state.records[first ?? '']?.notes).toBe('written on B');
    expect(stored?.state.records[second ?? '']?.notes).toBe('written on A');
  });

  it('a refusal is decided on a fresh read, not on the remembered record', async () => {
    const { a, b, roomId } = await twoInstances([first, second]);
    // B adds a third question; A remembers the plan of two, where index 2 does not exist.
    const items = [first, second, third].map((id) => ({ questionId: id ?? '', budgetMinutes: 10 }));
    const bankQuestions = items.flatMap((item) => bank.get(item.questionId) ?? []);
    expect(
      await b.execute(roomId, { type: 'set-plan', items, bankQuestions, opId: randomId(9) }),
    ).toMatchObject({
      ok: true,
    });
    expect(await a.execute(roomId, { type: 'goto', index: 2 })).toMatchObject({ ok: true });
    expect((await b.readState(roomId))?.state.currentIndex).toBe(2);
  });

  it('a no-op on the remembered record is decided on a fresh read', async () => {
    const { a, b, roomId } = await twoInstances();
    // A remembers the first question shown; B moves on to the second.
    expect(await a.execute(roomId, { type: 'goto', index: 0 })).toMatchObject({ ok: true });
    expect(await b.execute(roomId, { type: 'goto', index: 1 })).toMatchObject({ ok: true });
    // Going back to the first is no change on A's record, but is one on the stored room.
    expect(await a.execute(roomId, { type: 'goto', index: 0 })).toMatchObject({ ok: true });
    expect((await b.readState(roomId))?.state.currentIndex).toBe(0);
  });

  it('a room deleted by another instance answers NOT_FOUND, not an error', async () => {
    const { a, b, storeA, roomId } = await twoInstances();
    expect(await b.delete(roomId)).toBe(true);
    expect(storeA.peekRoom(roomId)).not.toBeNull();
    expect(await a.execute(roomId, notes(first, 'too late'))).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Room not found' },
    });
  });
});

/** A room of one question on the memory store, whose code effects and broadcasts are recorded. */
async function recordedRoom(effects: CodeEffects) {
  const store = await makeStore('memory');
  const events: string[] = [];
  const deps = { store, bank, log: silentLogger, now: Date.now };
  const rooms = new RoomService({
    ...deps,
    savedPlans: new SavedPlans(deps),
    onChange: (state, _previous, version) => events.push(`broadcast ${version} ${state.status}`),
  });
  rooms.setCodeEffects(effects);
  const created = await rooms.create({ title: 'Seed', candidateName: 'Ada', questionIds: [first ?? ''] });
  if (!created.ok) throw new Error('room not created');
  return { store, rooms, events, roomId: created.id };
}

describe('RoomService: every stored version is fanned out', () => {
  it('even when seeding the starter code fails after the write', async () => {
    const { store, rooms, events, roomId } = await recordedRoom({
      seedCode: async () => {
        throw new Error('the code log is down');
      },
      lockCode: async () => {},
    });
    await expect(rooms.execute(roomId, { type: 'next' })).rejects.toThrow('the code log is down');
    // The push is stored, so interviewers hear of its version: the next frame applies over it.
    expect(events).toEqual(['broadcast 1 live']);
    expect((await store.getRoom(roomId))?.version).toBe(1);
  });

  it('a push goes out once its starter code is applied, and is acknowledged once that is stored', async () => {
    let storeSeed = () => {};
    const { rooms, events, roomId } = await recordedRoom({
      seedCode: async (_roomId, questionId) => {
        events.push(`seed ${questionId}`);
        return { stored: new Promise<void>((resolve) => (storeSeed = resolve)) };
      },
      lockCode: async () => {},
    });
    let acknowledged = false;
    const push = rooms.execute(roomId, { type: 'next' }).then((result) => {
      acknowledged = true;
      return result;
    });
    await vi.waitFor(() => expect(events).toEqual([`seed ${first}`, 'broadcast 1 live']));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acknowledged).toBe(false);
    storeSeed();
    expect(await push).toMatchObject({ ok: true });
  });

  it('the end goes out only once the code is locked', async () => {
    const { rooms, events, roomId } = await recordedRoom({
      seedCode: async () => ({ stored: Promise.resolve() }),
      lockCode: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push('locked');
      },
    });
    expect(await rooms.execute(roomId, { type: 'next' })).toMatchObject({ ok: true });
    expect(await rooms.execute(roomId, { type: 'end' })).toMatchObject({ ok: true });
    expect(events).toEqual(['broadcast 1 live', 'locked', 'broadcast 2 ended']);
  });
});
