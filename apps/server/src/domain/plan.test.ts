import type { PlanItemInput, Question } from '@interview-room/protocol';
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
const op = (): string => `op-plan-${String(++opCount).padStart(6, '0')}`;

const question = (id: string, durationMinutes = 10): Question => ({
  id,
  title: `Title of ${id}`,
  prompt: `Prompt of ${id}`,
  language: 'python',
  topic: 'testing',
  level: 'mid',
  durationMinutes,
  tags: [],
  starterCode: '',
  rubric: {
    sampleAnswer: '',
    keyPoints: ['kp0', 'kp1'],
    strongSignals: ['ss0'],
    redFlags: ['rf0'],
    whyWeAsk: '',
    followUps: [],
  },
});

/** The bank: what the transport would look up for a plan write. */
const BANK: Question[] = ['q-a', 'q-b', 'q-c', 'q-d', 'q-e'].map((id, i) => question(id, 5 + i));
const bankQuestions = (items: PlanItemInput[]): Question[] =>
  items.flatMap((item) => BANK.find((q) => q.id === item.questionId) ?? []);

const room = (ids: string[] = ['q-a', 'q-b', 'q-c']): RoomState =>
  createRoomState(
    {
      id: 'room-id-for-tests-0001',
      title: 'Screen',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: ids.map((id) => BANK.find((q) => q.id === id) ?? question(id)),
    },
    T0,
  );

const item = (questionId: string, budgetMinutes = 10): PlanItemInput => ({ questionId, budgetMinutes });
const setPlan = (items: PlanItemInput[], opId = op()): RoomCommand => ({
  type: 'set-plan',
  items,
  bankQuestions: bankQuestions(items),
  opId,
});

function ok(result: CommandResult): RoomState {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result.state;
}
function refusal(result: CommandResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected the command to be refused');
  return result.error;
}
const run = (state: RoomState, ...steps: Array<readonly [RoomCommand, number]>): RoomState =>
  steps.reduce((current, [command, now]) => ok(applyCommand(current, command, now)), state);
const ids = (state: RoomState): string[] => state.plan.map((q) => q.id);

describe('a new room’s plan', () => {
  it('budgets each question at its own duration', () => {
    expect(room().plan.map((q) => q.budgetMinutes)).toEqual([5, 6, 7]);
  });

  it('shares one deep-frozen copy of each question and of the empty record across rooms', () => {
    const [first, second] = [room(), room()];
    // Two rooms hold the same objects, not a copy each: the in-memory store keeps them as they are.
    expect(second.plan[0]).toBe(first.plan[0]);
    expect(Object.isFrozen(first.plan[0]?.rubric.keyPoints)).toBe(true);
    expect(second.records['q-a']).toBe(first.records['q-a']);
    expect(Object.isFrozen(first.records['q-a']?.ticks)).toBe(true);
    // The bank's own question is left as it was, and a plan write brings in the shared copy.
    expect(Object.isFrozen(BANK[0]?.rubric)).toBe(false);
    const edited = run(room(['q-a']), [setPlan([item('q-a', 5), item('q-b', 6)]), T0]);
    expect(edited.plan[1]).toBe(first.plan[1]);
    // Another budget is another copy.
    const longer = run(room(['q-a']), [setPlan([item('q-a', 5), item('q-b', 20)]), T0]);
    expect(longer.plan[1]).not.toBe(first.plan[1]);
    expect(longer.plan[1]?.budgetMinutes).toBe(20);
  });

  it('may be empty, to be built in the room', () => {
    const empty = room([]);
    expect(empty.plan).toEqual([]);
    expect(refusal(applyCommand(empty, { type: 'next' }, T0)).code).toBe('INVALID_TRANSITION');
  });
});

describe('set-plan before the interview starts', () => {
  it('adds from the bank, removes, reorders and re-budgets in one write', () => {
    const state = ok(applyCommand(room(), setPlan([item('q-d', 12), item('q-a', 3), item('q-c', 7)]), T0));
    expect(ids(state)).toEqual(['q-d', 'q-a', 'q-c']);
    expect(state.plan.map((q) => q.budgetMinutes)).toEqual([12, 3, 7]);
    expect(Object.keys(state.records).sort()).toEqual(['q-a', 'q-c', 'q-d']);
    expect(state.records['q-d']).toEqual({
      notes: '',
      score: null,
      timeSpentMs: 0,
      firstShownAt: null,
      ticks: [],
    });
    expect(state.status).toBe('waiting');
  });

  it('keeps the snapshot of a question already planned, even if the bank has changed since', () => {
    const before = room(['q-a']);
    const edited = { ...question('q-a'), title: 'Renamed in the bank' };
    const command: RoomCommand = {
      type: 'set-plan',
      items: [item('q-a', 9)],
      bankQuestions: [edited],
      opId: op(),
    };
    const state = ok(applyCommand(before, command, T0));
    expect(state.plan[0]?.title).toBe('Title of q-a');
    expect(state.plan[0]?.budgetMinutes).toBe(9);
  });

  it('refuses a question the bank does not have, and changes nothing', () => {
    const before = room();
    const error = refusal(applyCommand(before, setPlan([item('q-a'), item('nope')]), T0));
    expect(error).toEqual({ code: 'NOT_FOUND', message: 'Question nope is not in the question bank' });
  });

  it('can empty the plan', () => {
    expect(ok(applyCommand(room(), setPlan([]), T0)).plan).toEqual([]);
  });

  it('applies a resent write once', () => {
    const opId = op();
    const once = ok(applyCommand(room(), setPlan([item('q-b')], opId), T0));
    // Another write in between, then the first one resent: the resend changes nothing.
    const later = ok(applyCommand(once, setPlan([item('q-b'), item('q-e')]), T0 + SEC));
    const resend = applyCommand(later, setPlan([item('q-b')], opId), T0 + 2 * SEC);
    expect(ok(resend)).toBe(later);
  });
});

describe('ad-hoc questions', () => {
  const adHoc: PlanItemInput = {
    questionId: 'adhoc-k2j4',
    budgetMinutes: 8,
    adHoc: {
      title: 'Reverse a linked list',
      prompt: 'Reverse it in place.',
      starterCode: 'class Node: ...\n',
      lookFor: ['Uses O(1) extra space', 'Handles the empty list'],
    },
  };

  it('are created from what the interviewer typed, with what to look for as key points', () => {
    const live = run(room(), [{ type: 'next' }, T0]);
    const state = ok(
      applyCommand(live, setPlan([item('q-a', 5), adHoc, item('q-b', 6), item('q-c', 7)]), T0 + 30 * SEC),
    );
    expect(ids(state)).toEqual(['q-a', 'adhoc-k2j4', 'q-b', 'q-c']);
    expect(state.plan[1]).toMatchObject({
      id: 'adhoc-k2j4',
      adHoc: true,
      title: 'Reverse a linked list',
      prompt: 'Reverse it in place.',
      starterCode: 'class Node: ...\n',
      budgetMinutes: 8,
      durationMinutes: 8,
      rubric: {
        keyPoints: ['Uses O(1) extra space', 'Handles the empty list'],
        strongSignals: [],
        redFlags: [],
      },
    });
    expect(state.timeline.at(-1)).toEqual({
      type: 'ad-hoc-question-added',
      at: T0 + 30 * SEC,
      questionId: 'adhoc-k2j4',
      title: 'Reverse a linked list',
    });
  });

  it('are shown like any question when pushed, starter code seeded', () => {
    const planned = run(room(), [{ type: 'next' }, T0], [setPlan([item('q-a', 5), adHoc]), T0 + SEC]);
    const result = applyCommand(planned, { type: 'next' }, T0 + 2 * SEC);
    expect(result.ok && result.effects).toEqual([
      { type: 'seed-code', questionId: 'adhoc-k2j4', starterCode: 'class Node: ...\n' },
    ]);
  });

  it('keep what was first typed when the plan is written again with other text', () => {
    const planned = run(room(['q-a']), [setPlan([adHoc]), T0]);
    const rewritten = { ...adHoc, adHoc: { title: 'Something else', prompt: 'Other' } };
    const state = run(planned, [setPlan([rewritten]), T0 + SEC]);
    expect(state.plan[0]?.title).toBe('Reverse a linked list');
    // Only the write that created it is on the timeline.
    expect(state.timeline.filter((e) => e.type === 'ad-hoc-question-added')).toHaveLength(1);
  });
});

describe('set-plan during the interview: the past is fixed', () => {
  // q-a shown, then q-b (current): both are fixed in place.
  const live = run(room(), [{ type: 'next' }, T0], [{ type: 'next' }, T0 + 60 * SEC]);

  it('edits what comes after the current question', () => {
    const state = ok(
      applyCommand(
        live,
        setPlan([item('q-a', 5), item('q-b', 6), item('q-e', 4), item('q-d', 3)]),
        T0 + 90 * SEC,
      ),
    );
    expect(ids(state)).toEqual(['q-a', 'q-b', 'q-e', 'q-d']);
    expect(state.currentIndex).toBe(1);
    expect(state.records['q-a']?.firstShownAt).toBe(T0);
  });

  it('lets the current question’s budget change', () => {
    const state = ok(
      applyCommand(live, setPlan([item('q-a', 5), item('q-b', 20), item('q-c', 7)]), T0 + 90 * SEC),
    );
    expect(state.plan[1]?.budgetMinutes).toBe(20);
  });

  it('refuses to move, remove or re-budget a question already asked', () => {
    const moved = refusal(applyCommand(live, setPlan([item('q-b', 6), item('q-a', 5), item('q-c', 7)]), T0));
    expect(moved).toEqual({
      code: 'INVALID_TRANSITION',
      message: '“Title of q-a” has been reached in the interview: it stays at position 1',
    });
    expect(refusal(applyCommand(live, setPlan([item('q-b', 6), item('q-c', 7)]), T0)).code).toBe(
      'INVALID_TRANSITION',
    );
    expect(refusal(applyCommand(live, setPlan([item('q-a', 50), item('q-b', 6)]), T0)).message).toBe(
      '“Title of q-a” has been asked: its budget cannot change',
    );
  });

  it('keeps a question shown and gone back from where it is, even after the current one', () => {
    const back = run(live, [{ type: 'goto', index: 0 }, T0 + 2 * 60 * SEC]);
    expect(
      refusal(applyCommand(back, setPlan([item('q-a', 5), item('q-c', 7), item('q-b', 6)]), T0)).code,
    ).toBe('INVALID_TRANSITION');
    expect(ok(applyCommand(back, setPlan([item('q-a', 5), item('q-b', 6)]), T0)).plan).toHaveLength(2);
  });

  it('keeps a skipped question before the current one in place', () => {
    const jumped = run(room(), [{ type: 'goto', index: 2 }, T0]);
    expect(refusal(applyCommand(jumped, setPlan([item('q-b', 6), item('q-c', 7)]), T0)).code).toBe(
      'INVALID_TRANSITION',
    );
  });

  it('refuses to drop a question that already has notes', () => {
    const noted = run(room(), [{ type: 'save-notes', questionId: 'q-c', notes: 'prep', opId: op() }, T0]);
    const error = refusal(applyCommand(noted, setPlan([item('q-a', 5), item('q-b', 6)]), T0));
    expect(error.message).toBe('“Title of q-c” has notes, ticks or a score: it stays in the plan');
  });

  it('is closed once the interview has ended', () => {
    const ended = run(live, [{ type: 'end' }, T0 + 3 * 60 * SEC]);
    expect(
      refusal(applyCommand(ended, setPlan([item('q-a', 5), item('q-b', 6), item('q-c', 7)]), T0)).code,
    ).toBe('ROOM_ENDED');
  });

  it('acknowledges, unchanged, the resend of a plan write applied before the end', () => {
    // The outbox resends an unacked write after a reconnect: if the first try was stored, the
    // resend is a no-op that succeeds, as every other write's is, not a refusal.
    const write = setPlan([item('q-a', 5), item('q-b', 6), item('q-c', 9)]);
    const ended = run(live, [write, T0 + 60 * SEC], [{ type: 'end' }, T0 + 3 * 60 * SEC]);
    const resent = applyCommand(ended, write, T0 + 4 * 60 * SEC);
    expect(resent.ok && resent.state).toBe(ended);
  });
});
