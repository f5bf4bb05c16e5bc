import type { InterviewerView, PlanItemInput, PublicRoomView, SavedPlan } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import {
  fromSavedPlan,
  insertionIndex,
  locksOf,
  moved,
  newAdHocId,
  planRows,
  planWriteFits,
  serverItems,
  toSavedItems,
  withAdded,
  withBudget,
  withoutItem,
} from './planEdit.ts';
import { plannedQuestion as question } from './testing/plannedQuestion.ts';

const record = (firstShownAt: number | null) => ({
  notes: '',
  score: null,
  timeSpentMs: 0,
  firstShownAt,
  ticks: [],
});

/** a (shown), b (current), c (shown earlier, then gone back from), d (upcoming). */
function live(): { view: PublicRoomView; privateView: InterviewerView } {
  const privateView: InterviewerView = {
    interviewerName: 'Grace',
    plan: [question('a'), question('b'), question('c'), question('d', { adHoc: true })],
    records: { a: record(1), b: record(2), c: record(3), d: record(null) },
    timeline: [],
    recommendation: null,
    summary: '',
  };
  const view: PublicRoomView = {
    id: 'AAAAAAAAAAAAAAAAAAAAAA',
    title: 'T',
    candidateName: 'Ada',
    status: 'live',
    startedAt: 1,
    endedAt: null,
    questionCount: 4,
    currentIndex: 1,
    currentSince: 2,
    current: null,
  };
  return { view, privateView };
}

const ids = (items: PlanItemInput[] | null) => items?.map((i) => i.questionId) ?? null;
const item = (questionId: string, budgetMinutes = 10): PlanItemInput => ({ questionId, budgetMinutes });

describe('locks', () => {
  it('fix everything up to the current question and everything shown; budgets of asked ones too', () => {
    const { view, privateView } = live();
    const locks = locksOf(view, privateView);
    expect([...locks.locked]).toEqual(['a', 'b', 'c']);
    expect([...locks.budgetLocked]).toEqual(['a', 'c']);
  });

  it('fix nothing before the interview starts', () => {
    const { view, privateView } = live();
    const waiting = locksOf({ ...view, currentIndex: -1 }, { ...privateView, records: {} });
    expect(waiting.locked.size).toBe(0);
  });
});

describe('plan edits', () => {
  const { view, privateView } = live();
  const locks = locksOf(view, privateView);
  const items = serverItems(privateView);

  it('add once, at a position, and remove', () => {
    expect(ids(withAdded(items, item('e'), 2))).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(ids(withAdded(items, item('a')))).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(withoutItem(items, 'd'))).toEqual(['a', 'b', 'c']);
  });

  it('move only between questions that may move', () => {
    const more = withAdded(items, item('e'));
    expect(ids(moved(more, 'e', -1, locks))).toEqual(['a', 'b', 'c', 'e', 'd']);
    expect(moved(more, 'd', -1, locks)).toBeNull();
    expect(moved(more, 'b', 1, locks)).toBeNull();
    expect(moved(more, 'e', 1, locks)).toBeNull();
  });

  it('set a budget', () => {
    expect(withBudget(items, 'd', 25).find((i) => i.questionId === 'd')?.budgetMinutes).toBe(25);
  });

  it('insert after the current question, but after anything already shown', () => {
    expect(insertionIndex(items, locks, 1)).toBe(3);
    expect(insertionIndex(items, locksOf(view, { ...privateView, records: {} }), 1)).toBe(2);
    expect(insertionIndex(items, { locked: new Set(), budgetLocked: new Set() }, -1)).toBe(4);
  });

  it('take a saved plan after what has been reached', () => {
    const saved: SavedPlan = {
      id: 'B'.repeat(22),
      name: 'S',
      items: [item('b'), item('x', 7), item('y', 3)],
      createdAt: 1,
    };
    expect(fromSavedPlan(items, saved, locks)).toEqual([
      item('a'),
      item('b'),
      item('c'),
      item('x', 7),
      item('y', 3),
    ]);
  });

  it('describe each row from the plan, the bank or the typed ad-hoc question', () => {
    const rows = planRows(
      [
        ...items,
        item('e', 4),
        { questionId: 'adhoc-new', budgetMinutes: 6, adHoc: { title: 'Typed', prompt: 'p' } },
      ],
      privateView,
      [
        {
          id: 'e',
          title: 'From the bank',
          topic: 'Bank topic',
          level: 'senior',
          durationMinutes: 4,
          tags: [],
        },
      ],
      locks,
    );
    expect(rows.map((r) => [r.title, r.topic, r.adHoc, r.locked, r.budgetLocked])).toEqual([
      ['Title a', 'Topic', false, true, true],
      ['Title b', 'Topic', false, true, false],
      ['Title c', 'Topic', false, true, true],
      ['Title d', 'Ad hoc', true, false, false],
      ['From the bank', 'Bank topic', false, false, false],
      ['Typed', 'Ad hoc', true, false, false],
    ]);
    expect(toSavedItems(rows).map((i) => i.questionId)).toEqual(['a', 'b', 'c', 'e']);
  });

  it('keep a plan write far below the socket message limit', () => {
    const long = (n: number): PlanItemInput => ({
      questionId: `adhoc-long${n}`,
      budgetMinutes: 5,
      adHoc: { title: 'Long', prompt: 'é'.repeat(4_000), starterCode: '"'.repeat(8_000) },
    });
    expect(planWriteFits([...items, long(1)])).toBe(true);
    expect(planWriteFits([...items, long(1), long(2), long(3)])).toBe(false);
  });

  it('make ad-hoc ids the protocol accepts', () => {
    const id = newAdHocId();
    expect(id).toMatch(/^adhoc-[a-z0-9]{10}$/);
    expect(newAdHocId()).not.toBe(id);
  });
});
