import type { InterviewerView } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import type { OutboxWrite } from './outbox.ts';
import { INITIAL_SESSION_STATE, type RoomSessionState } from './roomSession.ts';
import { plannedQuestion } from './testing/plannedQuestion.ts';
import {
  isTicked,
  planItemsOf,
  planPending,
  recommendationOf,
  reportReadiness,
  suggestedScoreFor,
  summaryOf,
  ticksOf,
} from './workflowSelectors.ts';

const privateView: InterviewerView = {
  interviewerName: 'Grace',
  plan: [
    plannedQuestion('q1', {
      title: 'Q1',
      topic: 't',
      budgetMinutes: 12,
      rubric: {
        sampleAnswer: '',
        keyPoints: ['k0', 'k1', 'k2'],
        strongSignals: ['s0'],
        redFlags: ['r0'],
        whyWeAsk: '',
        followUps: [],
      },
    }),
  ],
  records: {
    q1: {
      notes: '',
      score: null,
      timeSpentMs: 0,
      firstShownAt: 1,
      ticks: [{ kind: 'keyPoint', index: 0, at: 5 }],
    },
  },
  timeline: [],
  recommendation: 'no',
  summary: 'From the server',
};

const state = (outbox: OutboxWrite[] = [], over: Partial<RoomSessionState> = {}): RoomSessionState => ({
  ...INITIAL_SESSION_STATE,
  privateView,
  outbox,
  ...over,
});

const tick = (
  index: number,
  ticked: boolean,
  kind: 'keyPoint' | 'strongSignal' = 'keyPoint',
): OutboxWrite => ({
  event: 'rubric:tick',
  payload: { questionId: 'q1', kind, index, ticked, opId: `op-tick-${kind}-${index}` },
});

describe('what the page shows before the server acknowledges', () => {
  it('ticks: the pending tick, else the server’s', () => {
    expect(isTicked(state(), 'q1', 'keyPoint', 0)).toBe(true);
    expect(isTicked(state([tick(0, false)]), 'q1', 'keyPoint', 0)).toBe(false);
    expect(isTicked(state([tick(1, true)]), 'q1', 'keyPoint', 1)).toBe(true);
    expect(ticksOf(state([tick(1, true), tick(0, true, 'strongSignal')]), 'q1')).toEqual([
      { kind: 'keyPoint', index: 0 },
      { kind: 'keyPoint', index: 1 },
      { kind: 'strongSignal', index: 0 },
    ]);
  });

  it('the suggested score follows the ticks on screen', () => {
    expect(suggestedScoreFor(state(), 'q1')).toBe(2);
    expect(suggestedScoreFor(state([tick(1, true), tick(0, true, 'strongSignal')]), 'q1')).toBe(4);
    expect(suggestedScoreFor(state([tick(0, false)]), 'q1')).toBeNull();
    expect(suggestedScoreFor(state(), 'unknown')).toBeNull();
  });

  it('the plan: the pending write’s items, else the server’s plan with its budgets', () => {
    expect(planItemsOf(state())).toEqual([{ questionId: 'q1', budgetMinutes: 12 }]);
    expect(planPending(state())).toBe(false);
    const items = [
      { questionId: 'q1', budgetMinutes: 20 },
      { questionId: 'q2', budgetMinutes: 5 },
    ];
    const pending = state([{ event: 'plan:set', payload: { items, opId: 'op-plan-1' } }]);
    expect(planItemsOf(pending)).toEqual(items);
    expect(planPending(pending)).toBe(true);
  });

  it('the recommendation and the summary, and whether the report is final', () => {
    expect(recommendationOf(state())).toBe('no');
    const cleared = state([
      { event: 'recommendation:set', payload: { recommendation: null, opId: 'op-rec-1' } },
    ]);
    expect(recommendationOf(cleared)).toBeNull();
    expect(summaryOf(state()).text).toBe('From the server');
    expect(reportReadiness(state())).toEqual({ final: true, missing: [] });
    expect(reportReadiness(cleared)).toEqual({ final: false, missing: ['a recommendation'] });
    const blank = state([], { drafts: { summary: { text: '  ', status: 'editing', error: null } } });
    expect(reportReadiness(blank)).toEqual({ final: false, missing: ['a summary'] });
  });
});
