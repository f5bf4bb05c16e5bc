import type { InterviewerView, PublicRoomView } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { planItems, planTotals } from './roomSelectors.ts';
import { plannedQuestion } from './testing/plannedQuestion.ts';

const MIN = 60_000;
const question = (id: string, budgetMinutes: number, adHoc = false) =>
  plannedQuestion(id, { title: id, topic: 't', budgetMinutes, ...(adHoc ? { adHoc: true as const } : {}) });

const privateView: InterviewerView = {
  interviewerName: 'Grace',
  plan: [question('a', 5), question('b', 3, true), question('c', 10)],
  records: {
    a: { notes: '', score: null, timeSpentMs: 6 * MIN, firstShownAt: 0, ticks: [] },
    b: { notes: '', score: 2, timeSpentMs: MIN, firstShownAt: 6 * MIN, ticks: [] },
    c: { notes: '', score: null, timeSpentMs: 0, firstShownAt: null, ticks: [] },
  },
  timeline: [],
  recommendation: null,
  summary: '',
};
const view: PublicRoomView = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'T',
  candidateName: 'Ada',
  status: 'live',
  startedAt: 0,
  endedAt: null,
  questionCount: 3,
  currentIndex: 1,
  currentSince: 7 * MIN,
  current: null,
};

describe('plan items', () => {
  it('count the running question’s time and warn when a question goes over its budget', () => {
    const items = planItems(view, privateView, 9 * MIN + 30_000);
    expect(items.map((i) => [i.id, i.state, i.timeSpentMs, i.budgetMinutes, i.overBudget, i.adHoc])).toEqual([
      ['a', 'done', 6 * MIN, 5, true, false],
      ['b', 'current', 3 * MIN + 30_000, 3, true, true],
      ['c', 'next', 0, 10, false, false],
    ]);
  });

  it('add up to the interview’s time against its whole budget', () => {
    expect(planTotals(planItems(view, privateView, 8 * MIN))).toEqual({
      spentMs: 8 * MIN,
      budgetMinutes: 18,
      over: false,
    });
    expect(planTotals(planItems(view, privateView, 20 * MIN)).over).toBe(true);
  });
});
