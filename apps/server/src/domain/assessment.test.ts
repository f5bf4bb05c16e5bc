import type { Question } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  type CommandResult,
  createRoomState,
  type RoomCommand,
  type RoomState,
} from './room.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const SEC = 1_000;

let opCount = 0;
const op = (): string => `op-verdict-${String(++opCount).padStart(6, '0')}`;

const QUESTION: Question = {
  id: 'q-a',
  title: 'Warm-up',
  prompt: 'Say hello.',
  language: 'python',
  topic: 'testing',
  level: 'mid',
  durationMinutes: 10,
  tags: [],
  starterCode: '',
  rubric: {
    sampleAnswer: '',
    keyPoints: ['kp0', 'kp1', 'kp2'],
    strongSignals: ['ss0'],
    redFlags: ['rf0'],
    whyWeAsk: '',
    followUps: [],
  },
};

const live = (): RoomState => {
  const state = createRoomState(
    {
      id: 'room-id-for-tests-0001',
      title: 'Screen',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: [QUESTION],
    },
    T0,
  );
  return ok(applyCommand(state, { type: 'next' }, T0));
};

function ok(result: CommandResult): RoomState {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.state;
}
const run = (state: RoomState, ...steps: Array<readonly [RoomCommand, number]>): RoomState =>
  steps.reduce((current, [command, now]) => ok(applyCommand(current, command, now)), state);

const tick = (
  kind: 'keyPoint' | 'strongSignal' | 'redFlag',
  index: number,
  ticked = true,
  opId = op(),
): RoomCommand => ({ type: 'tick', questionId: 'q-a', kind, index, ticked, opId });

describe('ticks', () => {
  it('records each ticked rubric item with the time it was ticked', () => {
    const state = run(live(), [tick('keyPoint', 1), T0 + 5 * SEC], [tick('redFlag', 0), T0 + 9 * SEC]);
    expect(state.records['q-a']?.ticks).toEqual([
      { kind: 'keyPoint', index: 1, at: T0 + 5 * SEC },
      { kind: 'redFlag', index: 0, at: T0 + 9 * SEC },
    ]);
  });

  it('keeps the first time when an item is ticked again, and forgets it when unticked', () => {
    const state = run(live(), [tick('keyPoint', 0), T0 + SEC], [tick('keyPoint', 0), T0 + 2 * SEC]);
    expect(state.records['q-a']?.ticks).toEqual([{ kind: 'keyPoint', index: 0, at: T0 + SEC }]);
    const unticked = run(state, [tick('keyPoint', 0, false), T0 + 3 * SEC]);
    expect(unticked.records['q-a']?.ticks).toEqual([]);
  });

  it('applies a resent tick once: a later untick is not undone by it', () => {
    const opId = op();
    const ticked = run(live(), [tick('strongSignal', 0, true, opId), T0 + SEC]);
    const unticked = run(ticked, [tick('strongSignal', 0, false), T0 + 2 * SEC]);
    const resend = applyCommand(unticked, tick('strongSignal', 0, true, opId), T0 + 3 * SEC);
    expect(resend.ok && resend.state).toBe(unticked);
  });

  it('refuses an item the rubric does not have, and a question not in the plan', () => {
    const bad = applyCommand(live(), tick('keyPoint', 3), T0);
    expect(bad).toEqual({
      ok: false,
      error: { code: 'BAD_REQUEST', message: '“Warm-up” has no keyPoint number 4' },
    });
    const elsewhere = applyCommand(
      live(),
      { type: 'tick', questionId: 'constructor', kind: 'keyPoint', index: 0, ticked: true, opId: op() },
      T0,
    );
    expect(elsewhere).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stay open after the end, for the write-up', () => {
    const ended = run(live(), [{ type: 'end' }, T0 + 60 * SEC], [tick('keyPoint', 2), T0 + 90 * SEC]);
    expect(ended.records['q-a']?.ticks).toEqual([{ kind: 'keyPoint', index: 2, at: T0 + 90 * SEC }]);
  });

  it('leave notes and score alone: the interviewer’s score overrides whatever ticks suggest', () => {
    const state = run(
      live(),
      [{ type: 'set-score', questionId: 'q-a', score: 1, opId: op() }, T0],
      [tick('keyPoint', 0), T0 + SEC],
    );
    expect(state.records['q-a']).toMatchObject({ score: 1, notes: '' });
  });
});

describe('recommendation and summary', () => {
  it('are set, cleared and kept after the end, the recommendation on the timeline', () => {
    const state = run(
      live(),
      [{ type: 'end' }, T0 + 60 * SEC],
      [{ type: 'set-recommendation', recommendation: 'yes', opId: op() }, T0 + 70 * SEC],
      [{ type: 'save-summary', summary: 'Strong on async.', opId: op() }, T0 + 80 * SEC],
    );
    expect(state.recommendation).toBe('yes');
    expect(state.summary).toBe('Strong on async.');
    expect(state.timeline.at(-1)).toEqual({
      type: 'recommendation-set',
      at: T0 + 70 * SEC,
      recommendation: 'yes',
    });
    const cleared = run(state, [
      { type: 'set-recommendation', recommendation: null, opId: op() },
      T0 + 90 * SEC,
    ]);
    expect(cleared.recommendation).toBeNull();
  });

  it('apply a resent write once', () => {
    const opId = op();
    const first = run(live(), [{ type: 'save-summary', summary: 'Draft one', opId }, T0]);
    const newer = run(first, [{ type: 'save-summary', summary: 'Draft two', opId: op() }, T0 + SEC]);
    const resend = applyCommand(newer, { type: 'save-summary', summary: 'Draft one', opId }, T0 + 2 * SEC);
    expect(resend.ok && resend.state.summary).toBe('Draft two');
  });
});
