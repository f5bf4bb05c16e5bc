import { OpIdSchema } from '@interview-room/protocol';
import { describe, expect, it, vi } from 'vitest';
import type { OutboxStorage, OutboxWrite } from './outbox.ts';
import { newOpId, Outbox, outboxKey } from './outbox.ts';
import { MemoryStorage } from './testing/memoryStorage.ts';

/** A storage that refuses every call, as with storage disabled or the quota full. */
const brokenStorage: OutboxStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';
const notes = (questionId: string, text: string, opId: string): OutboxWrite => ({
  event: 'notes:save',
  payload: { questionId, notes: text, opId },
});
const score = (questionId: string, value: 1 | 2 | 3 | 4 | null, opId: string): OutboxWrite => ({
  event: 'score:set',
  payload: { questionId, score: value, opId },
});
const opIds = (outbox: Outbox): string[] => outbox.list().map((w) => w.payload.opId);

describe('Outbox', () => {
  it('stores a write before put returns, and a reloaded page finds it', () => {
    const storage = new MemoryStorage();
    new Outbox(ROOM, storage).put(notes('q-a', 'draft', 'op-notes-1'));
    expect(storage.getItem(outboxKey(ROOM))).toContain('op-notes-1');
    const reloaded = new Outbox(ROOM, storage);
    expect(reloaded.list()).toEqual([notes('q-a', 'draft', 'op-notes-1')]);
    expect(new Outbox('BBBBBBBBBBBBBBBBBBBBBB', storage).list()).toEqual([]);
  });

  it('keeps one write per field: the latest note and the latest score of each question', () => {
    const outbox = new Outbox(ROOM, new MemoryStorage());
    outbox.put(notes('q-a', 'a', 'op-notes-1'));
    outbox.put(score('q-a', 2, 'op-score-1'));
    outbox.put(notes('q-b', 'b', 'op-notes-2'));
    outbox.put(notes('q-a', 'ab', 'op-notes-3'));
    outbox.put(score('q-a', null, 'op-score-2'));
    expect(opIds(outbox)).toEqual(['op-notes-2', 'op-notes-3', 'op-score-2']);
    expect(outbox.find('notes:save:q-a')).toEqual(notes('q-a', 'ab', 'op-notes-3'));
    expect(outbox.find('score:set:q-b')).toBeUndefined();
  });

  it('keeps one tick per rubric item, one plan, one recommendation and one summary, each the latest', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(ROOM, storage);
    const tick = (index: number, ticked: boolean, opId: string): OutboxWrite => ({
      event: 'rubric:tick',
      payload: { questionId: 'q-a', kind: 'keyPoint', index, ticked, opId },
    });
    const plan = (ids: string[], opId: string): OutboxWrite => ({
      event: 'plan:set',
      payload: { items: ids.map((questionId) => ({ questionId, budgetMinutes: 5 })), opId },
    });
    outbox.put(tick(0, true, 'op-tick-1'));
    outbox.put(tick(1, true, 'op-tick-2'));
    outbox.put(tick(0, false, 'op-tick-3'));
    outbox.put(plan(['q-a'], 'op-plan-1'));
    outbox.put(plan(['q-a', 'q-b'], 'op-plan-2'));
    outbox.put({ event: 'recommendation:set', payload: { recommendation: 'no', opId: 'op-rec-1' } });
    outbox.put({ event: 'recommendation:set', payload: { recommendation: 'yes', opId: 'op-rec-2' } });
    outbox.put({ event: 'summary:save', payload: { summary: 'Good', opId: 'op-sum-1' } });
    expect(opIds(outbox)).toEqual(['op-tick-2', 'op-tick-3', 'op-plan-2', 'op-rec-2', 'op-sum-1']);
    // And all of them survive a reload as they were.
    expect(new Outbox(ROOM, storage).list()).toEqual(outbox.list());
    expect(outbox.find('plan:set')?.payload.opId).toBe('op-plan-2');
  });

  it('forgets an acknowledged write, but not a newer one of the same field', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(ROOM, storage);
    outbox.put(notes('q-a', 'a', 'op-notes-1'));
    outbox.put(notes('q-a', 'ab', 'op-notes-2'));
    // The ack of the older write arrives after the newer write replaced it.
    outbox.settle('op-notes-1');
    expect(opIds(outbox)).toEqual(['op-notes-2']);
    outbox.settle('op-notes-2');
    expect(outbox.list()).toEqual([]);
    expect(storage.items.size).toBe(0);
  });

  it('gives a new list after every change, so it can sit in a snapshot', () => {
    const outbox = new Outbox(ROOM, new MemoryStorage());
    const before = outbox.list();
    outbox.put(notes('q-a', 'a', 'op-notes-1'));
    expect(outbox.list()).not.toBe(before);
    expect(before).toEqual([]);
  });

  it('keeps the pending writes of another tab of the same room', () => {
    const storage = new MemoryStorage();
    const tab1 = new Outbox(ROOM, storage);
    const tab2 = new Outbox(ROOM, storage);
    tab1.put(notes('q-a', 'from tab 1', 'op-tab-1'));
    tab2.put(score('q-b', 4, 'op-tab-2'));
    expect(opIds(new Outbox(ROOM, storage))).toEqual(['op-tab-1', 'op-tab-2']);
    tab1.settle('op-tab-1');
    expect(opIds(new Outbox(ROOM, storage))).toEqual(['op-tab-2']);
  });

  it.each([
    ['not JSON', '{'],
    ['another version', JSON.stringify({ version: 99, writes: [notes('q-a', 'x', 'op-notes-1')] })],
    ['no list', JSON.stringify({ version: 1 })],
    ['null', 'null'],
  ])('starts empty from a stored value that is %s', (_name, raw) => {
    const storage = new MemoryStorage();
    storage.setItem(outboxKey(ROOM), raw);
    expect(new Outbox(ROOM, storage).list()).toEqual([]);
  });

  it('drops stored entries that are not valid wire payloads', () => {
    const storage = new MemoryStorage();
    const valid = score('q-a', 3, 'op-score-1');
    const writes = [
      valid,
      notes('q-a', 'x', 'bad op id!'),
      { event: 'question:next', payload: {} },
      { event: 'score:set', payload: { questionId: 'q-b', score: 9, opId: 'op-score-2' } },
      { event: 'notes:save', payload: { questionId: 'q-c', notes: 'x', opId: 'op-notes-3', extra: 1 } },
      {
        event: 'rubric:tick',
        payload: { questionId: 'q-a', kind: 'hunch', index: 0, ticked: true, opId: 'op-tick-1' },
      },
      { event: 'plan:set', payload: { items: [{ questionId: 'q-a', budgetMinutes: 0 }], opId: 'op-plan-1' } },
      { event: 'bank:question', payload: { questionId: 'q-a' } },
      'junk',
      null,
    ];
    storage.setItem(outboxKey(ROOM), JSON.stringify({ version: 1, writes }));
    expect(new Outbox(ROOM, storage).list()).toEqual([valid]);
  });

  it('keeps working in memory when the storage throws', () => {
    const outbox = new Outbox(ROOM, brokenStorage);
    expect(outbox.persistent).toBe(false);
    outbox.put(notes('q-a', 'kept', 'op-notes-1'));
    expect(outbox.find('notes:save:q-a')?.payload.opId).toBe('op-notes-1');
    outbox.settle('op-notes-1');
    expect(outbox.list()).toEqual([]);
  });

  it('keeps working in memory when a write hits the quota', () => {
    const storage = new MemoryStorage();
    const outbox = new Outbox(ROOM, storage);
    storage.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    outbox.put(notes('q-a', 'big', 'op-notes-1'));
    expect(outbox.persistent).toBe(false);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
    outbox.put(score('q-a', 1, 'op-score-1'));
    expect(opIds(outbox)).toEqual(['op-notes-1', 'op-score-1']);
  });

  it('works without any storage', () => {
    const outbox = new Outbox(ROOM, null);
    outbox.put(score('q-a', 1, 'op-score-1'));
    expect(outbox.has('op-score-1')).toBe(true);
  });
});

describe('newOpId', () => {
  it('makes ids the protocol accepts, never the same twice', () => {
    const ids = Array.from({ length: 1_000 }, () => newOpId());
    for (const id of ids) expect(OpIdSchema.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toHaveLength(22);
  });
});
