import type { Question, TimelineEvent } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  type CommandResult,
  createRoomState,
  type DomainError,
  MAX_APPLIED_OP_IDS,
  MAX_TIMELINE_EVENTS,
  type RoomCommand,
  type RoomState,
  timeSpentMs,
} from './room.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const SEC = 1_000;

let opCount = 0;
/** A fresh write id: every note and score write carries one, and a repeated one is a no-op. */
const op = (): string => `op-${String(++opCount).padStart(8, '0')}`;

const question = (id: string, starterCode = `# starter for ${id}\n`): Question => ({
  id,
  title: `Title of ${id}`,
  prompt: `Prompt of ${id}`,
  language: 'python',
  topic: 'testing',
  level: 'mid',
  durationMinutes: 10,
  tags: [],
  starterCode,
  rubric: { sampleAnswer: '', keyPoints: [], strongSignals: [], redFlags: [], whyWeAsk: '', followUps: [] },
});

const PLAN: Question[] = [question('q-a'), question('q-b'), question('q-c')];

const newRoom = (plan: Question[] = PLAN, now = T0): RoomState =>
  createRoomState(
    { id: 'room-id-for-tests-0001', title: 'Screen', candidateName: 'Ada', interviewerName: 'Grace', plan },
    now,
  );

function ok(result: CommandResult): Extract<CommandResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected success, got ${result.error.code}: ${result.error.message}`);
  return result;
}

function failure(result: CommandResult): DomainError {
  if (result.ok) throw new Error('expected the command to fail');
  return result.error;
}

/** Applies commands in order, each at its own time, and returns the final state. */
function run(state: RoomState, steps: ReadonlyArray<readonly [RoomCommand, number]>): RoomState {
  return steps.reduce((current, [command, now]) => ok(applyCommand(current, command, now)).state, state);
}

const types = (timeline: readonly TimelineEvent[]): string[] => timeline.map((event) => event.type);

describe('createRoomState', () => {
  it('starts waiting, before the first question, with an empty record per planned question', () => {
    const state = newRoom();
    expect(state.status).toBe('waiting');
    expect(state.currentIndex).toBe(-1);
    expect(state.currentSince).toBeNull();
    expect(state.startedAt).toBeNull();
    expect(state.endedAt).toBeNull();
    expect(state.createdAt).toBe(T0);
    expect(Object.keys(state.records)).toEqual(['q-a', 'q-b', 'q-c']);
    expect(state.records['q-b']).toEqual({
      notes: '',
      score: null,
      timeSpentMs: 0,
      firstShownAt: null,
      ticks: [],
    });
    expect(state.plan.map((q) => q.budgetMinutes)).toEqual([10, 10, 10]);
    expect(state.recommendation).toBeNull();
    expect(state.summary).toBe('');
    expect(state.timeline).toEqual([{ type: 'room-created', at: T0 }]);
    expect(state.appliedOpIds).toEqual([]);
  });
});

describe('next', () => {
  it('starts the interview on the first question', () => {
    const result = ok(applyCommand(newRoom(), { type: 'next' }, T0 + 5 * SEC));
    expect(result.state.status).toBe('live');
    expect(result.state.currentIndex).toBe(0);
    expect(result.state.startedAt).toBe(T0 + 5 * SEC);
    expect(result.state.currentSince).toBe(T0 + 5 * SEC);
    expect(result.state.records['q-a']?.firstShownAt).toBe(T0 + 5 * SEC);
    expect(result.state.timeline.slice(1)).toEqual([
      { type: 'interview-started', at: T0 + 5 * SEC },
      { type: 'question-shown', at: T0 + 5 * SEC, questionId: 'q-a', index: 0 },
    ]);
  });

  it('advances one question at a time and records the start only once', () => {
    const state = run(newRoom(), [
      [{ type: 'next' }, T0 + SEC],
      [{ type: 'next' }, T0 + 2 * SEC],
      [{ type: 'next' }, T0 + 3 * SEC],
    ]);
    expect(state.currentIndex).toBe(2);
    expect(state.startedAt).toBe(T0 + SEC);
    expect(types(state.timeline).filter((type) => type === 'interview-started')).toHaveLength(1);
    const shown = state.timeline.filter((event) => event.type === 'question-shown');
    expect(shown.map((event) => event.index)).toEqual([0, 1, 2]);
  });

  it('fails with INVALID_TRANSITION at the last question and leaves nothing changed', () => {
    const plan = [...defaultBank.all()];
    let state = newRoom(plan);
    for (let i = 0; i < plan.length; i++) state = ok(applyCommand(state, { type: 'next' }, T0 + i)).state;
    expect(state.currentIndex).toBe(plan.length - 1);
    const before = structuredClone(state);
    expect(failure(applyCommand(state, { type: 'next' }, T0 + 100 * SEC)).code).toBe('INVALID_TRANSITION');
    expect(state).toEqual(before);
  });

  it('fails with INVALID_TRANSITION on an empty plan', () => {
    expect(failure(applyCommand(newRoom([]), { type: 'next' }, T0)).code).toBe('INVALID_TRANSITION');
  });

  it('never mutates the state it is given', () => {
    const state = run(newRoom(), [[{ type: 'next' }, T0 + SEC]]);
    const before = structuredClone(state);
    ok(applyCommand(state, { type: 'next' }, T0 + 10 * SEC));
    ok(applyCommand(state, { type: 'set-score', questionId: 'q-a', score: 2, opId: op() }, T0 + 10 * SEC));
    ok(applyCommand(state, { type: 'end' }, T0 + 10 * SEC));
    expect(state).toEqual(before);
  });
});

describe('goto', () => {
  it('moves back and forward through the plan', () => {
    const live = run(newRoom(), [
      [{ type: 'next' }, T0],
      [{ type: 'next' }, T0 + SEC],
    ]);
    const back = ok(applyCommand(live, { type: 'goto', index: 0 }, T0 + 2 * SEC)).state;
    expect(back.currentIndex).toBe(0);
    expect(back.timeline.at(-1)).toEqual({
      type: 'question-shown',
      at: T0 + 2 * SEC,
      questionId: 'q-a',
      index: 0,
    });
    const forward = ok(applyCommand(back, { type: 'goto', index: 2 }, T0 + 3 * SEC)).state;
    expect(forward.currentIndex).toBe(2);
    expect(forward.currentSince).toBe(T0 + 3 * SEC);
    expect(forward.timeline.at(-1)).toEqual({
      type: 'question-shown',
      at: T0 + 3 * SEC,
      questionId: 'q-c',
      index: 2,
    });
  });

  it('starts a waiting interview at the chosen question', () => {
    const state = ok(applyCommand(newRoom(), { type: 'goto', index: 1 }, T0 + SEC)).state;
    expect(state.status).toBe('live');
    expect(state.currentIndex).toBe(1);
    expect(state.startedAt).toBe(T0 + SEC);
    expect(types(state.timeline)).toEqual(['room-created', 'interview-started', 'question-shown']);
  });

  it.each([-1, 3, 1.5, 99])('rejects index %s with BAD_REQUEST', (index) => {
    const live = run(newRoom(), [[{ type: 'next' }, T0]]);
    expect(failure(applyCommand(live, { type: 'goto', index }, T0 + SEC)).code).toBe('BAD_REQUEST');
  });

  it('is a no-op for the current question', () => {
    const live = run(newRoom(), [
      [{ type: 'next' }, T0],
      [{ type: 'next' }, T0 + SEC],
    ]);
    const result = ok(applyCommand(live, { type: 'goto', index: 1 }, T0 + 5 * SEC));
    expect(result.state).toBe(live);
    expect(result.effects).toEqual([]);
  });
});

describe('end', () => {
  const ended = run(newRoom(), [
    [{ type: 'next' }, T0],
    [{ type: 'end' }, T0 + 30 * SEC],
  ]);

  it('ends the interview, stops the clock and locks the code', () => {
    const live = run(newRoom(), [[{ type: 'next' }, T0]]);
    const result = ok(applyCommand(live, { type: 'end' }, T0 + 30 * SEC));
    expect(result.state.status).toBe('ended');
    expect(result.state.endedAt).toBe(T0 + 30 * SEC);
    expect(result.state.currentSince).toBeNull();
    expect(result.state.timeline.at(-1)).toEqual({ type: 'interview-ended', at: T0 + 30 * SEC });
    expect(result.effects).toEqual([{ type: 'lock-code' }]);
  });

  it('can end an interview that never started', () => {
    const result = ok(applyCommand(newRoom(), { type: 'end' }, T0 + SEC));
    expect(result.state.status).toBe('ended');
    expect(result.state.startedAt).toBeNull();
    expect(result.effects).toEqual([{ type: 'lock-code' }]);
  });

  it.each<RoomCommand>([
    { type: 'next' },
    { type: 'goto', index: 1 },
    { type: 'goto', index: 0 },
    { type: 'end' },
  ])('refuses $type afterwards with ROOM_ENDED', (command) => {
    expect(failure(applyCommand(ended, command, T0 + 60 * SEC)).code).toBe('ROOM_ENDED');
  });
});

describe('time accounting', () => {
  // q-a 0..10 s, q-b 10..25 s, q-a 25..30 s, q-b from 30 s on.
  const live = run(newRoom(), [
    [{ type: 'next' }, T0],
    [{ type: 'next' }, T0 + 10 * SEC],
    [{ type: 'goto', index: 0 }, T0 + 25 * SEC],
    [{ type: 'goto', index: 1 }, T0 + 30 * SEC],
  ]);

  it('accumulates time across visits in the records', () => {
    expect(live.records['q-a']?.timeSpentMs).toBe(15 * SEC);
    // The open interval on q-b is not in the stored record yet.
    expect(live.records['q-b']?.timeSpentMs).toBe(15 * SEC);
    expect(live.records['q-c']?.timeSpentMs).toBe(0);
  });

  it('includes the open interval of the current question in timeSpentMs()', () => {
    expect(timeSpentMs(live, 'q-b', T0 + 32 * SEC)).toBe(17 * SEC);
    expect(timeSpentMs(live, 'q-a', T0 + 32 * SEC)).toBe(15 * SEC);
    expect(timeSpentMs(live, 'q-c', T0 + 32 * SEC)).toBe(0);
    expect(timeSpentMs(live, 'no-such-question', T0 + 32 * SEC)).toBe(0);
  });

  it('never counts time backwards when the clock steps back', () => {
    expect(timeSpentMs(live, 'q-b', T0 + 20 * SEC)).toBe(15 * SEC);
    const moved = ok(applyCommand(live, { type: 'goto', index: 2 }, T0 + 20 * SEC)).state;
    expect(moved.records['q-b']?.timeSpentMs).toBe(15 * SEC);
  });

  it('closes the open interval on end and stops counting', () => {
    const ended = ok(applyCommand(live, { type: 'end' }, T0 + 40 * SEC)).state;
    expect(ended.records['q-b']?.timeSpentMs).toBe(25 * SEC);
    expect(timeSpentMs(ended, 'q-b', T0 + 3_600 * SEC)).toBe(25 * SEC);
    expect(timeSpentMs(ended, 'q-a', T0 + 3_600 * SEC)).toBe(15 * SEC);
  });
});

describe('effects', () => {
  it('seeds the starter code the first time a question is shown', () => {
    const first = ok(applyCommand(newRoom(), { type: 'next' }, T0));
    expect(first.effects).toEqual([
      { type: 'seed-code', questionId: 'q-a', starterCode: '# starter for q-a\n' },
    ]);
    const second = ok(applyCommand(first.state, { type: 'goto', index: 2 }, T0 + SEC));
    expect(second.effects).toEqual([
      { type: 'seed-code', questionId: 'q-c', starterCode: '# starter for q-c\n' },
    ]);
  });

  it('does not seed again when returning to a question, by goto or by next', () => {
    const visited = run(newRoom(), [
      [{ type: 'next' }, T0],
      [{ type: 'next' }, T0 + SEC],
    ]);
    const back = ok(applyCommand(visited, { type: 'goto', index: 0 }, T0 + 2 * SEC));
    expect(back.effects).toEqual([]);
    expect(back.state.records['q-a']?.firstShownAt).toBe(T0);
    const again = ok(applyCommand(back.state, { type: 'next' }, T0 + 3 * SEC));
    expect(again.state.currentIndex).toBe(1);
    expect(again.effects).toEqual([]);
    expect(again.state.records['q-b']?.firstShownAt).toBe(T0 + SEC);
  });

  it('emits no effect for notes, scores or presence', () => {
    const live = run(newRoom(), [[{ type: 'next' }, T0]]);
    const commands: RoomCommand[] = [
      { type: 'save-notes', questionId: 'q-a', notes: 'n', opId: op() },
      { type: 'set-score', questionId: 'q-a', score: 3, opId: op() },
      { type: 'participant-joined', role: 'candidate', name: 'Ada' },
      { type: 'participant-left', role: 'candidate', name: 'Ada' },
    ];
    for (const command of commands) expect(ok(applyCommand(live, command, T0 + SEC)).effects).toEqual([]);
  });
});

describe('notes and scores', () => {
  const live = run(newRoom(), [[{ type: 'next' }, T0]]);

  it('saves notes per question without touching the others or the timeline', () => {
    const state = run(live, [
      [{ type: 'save-notes', questionId: 'q-b', notes: 'Explained the GIL well', opId: op() }, T0 + SEC],
      [{ type: 'save-notes', questionId: 'q-a', notes: 'Warm-up', opId: op() }, T0 + 2 * SEC],
      [
        { type: 'save-notes', questionId: 'q-b', notes: 'Explained the GIL very well', opId: op() },
        T0 + 3 * SEC,
      ],
    ]);
    expect(state.records['q-a']?.notes).toBe('Warm-up');
    expect(state.records['q-b']?.notes).toBe('Explained the GIL very well');
    expect(state.records['q-c']?.notes).toBe('');
    expect(state.timeline).toEqual(live.timeline);
  });

  it('sets and clears a score per question, with a timeline entry each time', () => {
    const scored = run(live, [
      [{ type: 'set-score', questionId: 'q-c', score: 4, opId: op() }, T0 + SEC],
      [{ type: 'set-score', questionId: 'q-a', score: 2, opId: op() }, T0 + 2 * SEC],
    ]);
    expect(scored.records['q-c']?.score).toBe(4);
    expect(scored.records['q-a']?.score).toBe(2);
    expect(scored.records['q-b']?.score).toBeNull();
    const cleared = ok(
      applyCommand(scored, { type: 'set-score', questionId: 'q-c', score: null, opId: op() }, T0 + 3 * SEC),
    );
    expect(cleared.state.records['q-c']?.score).toBeNull();
    expect(cleared.state.timeline.slice(-3)).toEqual([
      { type: 'score-set', at: T0 + SEC, questionId: 'q-c', score: 4 },
      { type: 'score-set', at: T0 + 2 * SEC, questionId: 'q-a', score: 2 },
      { type: 'score-set', at: T0 + 3 * SEC, questionId: 'q-c', score: null },
    ]);
  });

  it.each<RoomCommand>([
    { type: 'save-notes', questionId: 'not-in-plan', notes: 'x', opId: op() },
    { type: 'set-score', questionId: 'not-in-plan', score: 3, opId: op() },
  ])('refuses $type for a question outside the plan with NOT_FOUND', (command) => {
    expect(failure(applyCommand(live, command, T0 + SEC)).code).toBe('NOT_FOUND');
  });

  it('still accepts notes and scores after the end, for the write-up', () => {
    const ended = ok(applyCommand(live, { type: 'end' }, T0 + 60 * SEC)).state;
    const state = run(ended, [
      [{ type: 'save-notes', questionId: 'q-a', notes: 'Final write-up', opId: op() }, T0 + 120 * SEC],
      [{ type: 'set-score', questionId: 'q-a', score: 3, opId: op() }, T0 + 121 * SEC],
    ]);
    expect(state.status).toBe('ended');
    expect(state.records['q-a']).toMatchObject({ notes: 'Final write-up', score: 3, timeSpentMs: 60 * SEC });
  });
});

describe('resent writes (op ids)', () => {
  const live = run(newRoom(), [[{ type: 'next' }, T0]]);
  const scoreSets = (state: RoomState): TimelineEvent[] =>
    state.timeline.filter((event) => event.type === 'score-set');

  it('applies a resent score once: one timeline entry, and the resend returns the same state', () => {
    const write: RoomCommand = { type: 'set-score', questionId: 'q-a', score: 3, opId: 'resent-score-1' };
    const first = ok(applyCommand(live, write, T0 + SEC)).state;
    const again = ok(applyCommand(first, write, T0 + 2 * SEC));
    // The same object tells the room service there is nothing to store or broadcast.
    expect(again.state).toBe(first);
    expect(again.effects).toEqual([]);
    expect(scoreSets(again.state)).toEqual([
      { type: 'score-set', at: T0 + SEC, questionId: 'q-a', score: 3 },
    ]);
  });

  it('never lets a resent note take back a newer one from another interviewer', () => {
    const mine: RoomCommand = { type: 'save-notes', questionId: 'q-a', notes: 'mine', opId: 'resent-note-1' };
    const state = run(live, [
      [mine, T0 + SEC],
      [{ type: 'save-notes', questionId: 'q-a', notes: 'theirs, later', opId: op() }, T0 + 2 * SEC],
      // My ack was lost, so my client resends after reconnecting: it must not win again.
      [mine, T0 + 3 * SEC],
    ]);
    expect(state.records['q-a']?.notes).toBe('theirs, later');
  });

  it('remembers the op id only when the write succeeds', () => {
    const refused: RoomCommand = {
      type: 'set-score',
      questionId: 'not-in-plan',
      score: 2,
      opId: 'reused-op-1',
    };
    expect(failure(applyCommand(live, refused, T0 + SEC)).code).toBe('NOT_FOUND');
    const valid: RoomCommand = { type: 'set-score', questionId: 'q-a', score: 2, opId: 'reused-op-1' };
    const applied = ok(applyCommand(live, valid, T0 + 2 * SEC)).state;
    expect(applied.records['q-a']?.score).toBe(2);
    expect(applied.appliedOpIds).toEqual(['reused-op-1']);
  });

  it('remembers only the last MAX_APPLIED_OP_IDS op ids, oldest forgotten first', () => {
    const ids = Array.from(
      { length: MAX_APPLIED_OP_IDS + 5 },
      (_, i) => `bounded-${String(i).padStart(4, '0')}`,
    );
    const state = run(
      live,
      ids.map(
        (opId, i) => [{ type: 'save-notes', questionId: 'q-b', notes: `v${i}`, opId }, T0 + i] as const,
      ),
    );
    expect(state.appliedOpIds).toHaveLength(MAX_APPLIED_OP_IDS);
    expect(state.appliedOpIds).toEqual(ids.slice(5));
    // A forgotten id applies again: the bound trades this for a stored state of fixed size.
    const forgotten = ok(
      applyCommand(
        state,
        { type: 'save-notes', questionId: 'q-b', notes: 'v0', opId: 'bounded-0000' },
        T0 + SEC,
      ),
    ).state;
    expect(forgotten.records['q-b']?.notes).toBe('v0');
    const remembered = ok(
      applyCommand(
        state,
        { type: 'save-notes', questionId: 'q-b', notes: 'v5', opId: 'bounded-0005' },
        T0 + SEC,
      ),
    );
    expect(remembered.state).toBe(state);
  });
});

describe('timeline', () => {
  it('records the whole interview in order', () => {
    const state = run(newRoom(), [
      [{ type: 'participant-joined', role: 'interviewer', name: 'Grace' }, T0 + SEC],
      [{ type: 'participant-joined', role: 'candidate', name: 'Ada' }, T0 + 2 * SEC],
      [{ type: 'next' }, T0 + 3 * SEC],
      [{ type: 'set-score', questionId: 'q-a', score: 3, opId: op() }, T0 + 4 * SEC],
      [{ type: 'next' }, T0 + 5 * SEC],
      [{ type: 'participant-left', role: 'candidate', name: 'Ada' }, T0 + 6 * SEC],
      [{ type: 'end' }, T0 + 7 * SEC],
    ]);
    expect(state.timeline).toEqual([
      { type: 'room-created', at: T0 },
      { type: 'participant-joined', at: T0 + SEC, role: 'interviewer', name: 'Grace' },
      { type: 'participant-joined', at: T0 + 2 * SEC, role: 'candidate', name: 'Ada' },
      { type: 'interview-started', at: T0 + 3 * SEC },
      { type: 'question-shown', at: T0 + 3 * SEC, questionId: 'q-a', index: 0 },
      { type: 'score-set', at: T0 + 4 * SEC, questionId: 'q-a', score: 3 },
      { type: 'question-shown', at: T0 + 5 * SEC, questionId: 'q-b', index: 1 },
      { type: 'participant-left', at: T0 + 6 * SEC, role: 'candidate', name: 'Ada' },
      { type: 'interview-ended', at: T0 + 7 * SEC },
    ]);
  });

  it('accepts presence after the end', () => {
    const ended = run(newRoom(), [[{ type: 'end' }, T0]]);
    const state = ok(
      applyCommand(ended, { type: 'participant-left', role: 'interviewer', name: 'Grace' }, T0 + SEC),
    ).state;
    expect(state.timeline.at(-1)).toEqual({
      type: 'participant-left',
      at: T0 + SEC,
      role: 'interviewer',
      name: 'Grace',
    });
  });
});

describe('timeline cap', () => {
  const isPresence = (event: TimelineEvent): boolean =>
    event.type === 'participant-joined' || event.type === 'participant-left';

  /** A live room whose timeline is exactly full: created, started, shown, scored, then presence. */
  function fullRoom(): RoomState {
    let state = run(newRoom(), [
      [{ type: 'next' }, T0],
      [{ type: 'set-score', questionId: 'q-a', score: 2, opId: op() }, T0 + 1],
    ]);
    let i = 0;
    while (state.timeline.length < MAX_TIMELINE_EVENTS) {
      const type = i % 2 === 0 ? 'participant-joined' : 'participant-left';
      state = ok(applyCommand(state, { type, role: 'candidate', name: `visit-${i}` }, T0 + 10 + i)).state;
      i++;
    }
    return state;
  }

  it('drops the oldest presence event first when full', () => {
    const full = fullRoom();
    expect(full.timeline).toHaveLength(MAX_TIMELINE_EVENTS);
    const state = ok(
      applyCommand(full, { type: 'participant-joined', role: 'interviewer', name: 'late' }, T0 + 99_999),
    ).state;
    expect(state.timeline).toHaveLength(MAX_TIMELINE_EVENTS);
    expect(types(state.timeline.slice(0, 4))).toEqual([
      'room-created',
      'interview-started',
      'question-shown',
      'score-set',
    ]);
    const names = state.timeline.flatMap((event) =>
      isPresence(event) && 'name' in event ? [event.name] : [],
    );
    expect(names).not.toContain('visit-0');
    expect(names[0]).toBe('visit-1');
    expect(names.at(-1)).toBe('late');
  });

  it('keeps question and score events while presence noise overflows', () => {
    let state = fullRoom();
    state = run(state, [
      [{ type: 'goto', index: 2 }, T0 + 100_000],
      [{ type: 'set-score', questionId: 'q-c', score: 4, opId: op() }, T0 + 100_001],
    ]);
    for (let i = 0; i < 500; i++) {
      state = ok(
        applyCommand(
          state,
          { type: 'participant-joined', role: 'candidate', name: `again-${i}` },
          T0 + 200_000 + i,
        ),
      ).state;
    }
    expect(state.timeline).toHaveLength(MAX_TIMELINE_EVENTS);
    expect(state.timeline.filter((event) => !isPresence(event))).toEqual([
      { type: 'room-created', at: T0 },
      { type: 'interview-started', at: T0 },
      { type: 'question-shown', at: T0, questionId: 'q-a', index: 0 },
      { type: 'score-set', at: T0 + 1, questionId: 'q-a', score: 2 },
      { type: 'question-shown', at: T0 + 100_000, questionId: 'q-c', index: 2 },
      { type: 'score-set', at: T0 + 100_001, questionId: 'q-c', score: 4 },
    ]);
    expect(state.timeline.at(-1)).toMatchObject({ type: 'participant-joined', name: 'again-499' });
  });

  it('stays bounded when there is no presence left to drop', () => {
    let state = run(newRoom(), [[{ type: 'next' }, T0]]);
    for (let i = 0; i < MAX_TIMELINE_EVENTS + 10; i++) {
      state = ok(
        applyCommand(state, { type: 'set-score', questionId: 'q-a', score: 1, opId: op() }, T0 + 1 + i),
      ).state;
    }
    expect(state.timeline).toHaveLength(MAX_TIMELINE_EVENTS);
    expect(state.timeline.at(-1)).toEqual({
      type: 'score-set',
      at: T0 + MAX_TIMELINE_EVENTS + 10,
      questionId: 'q-a',
      score: 1,
    });
  });
});

describe('question ids that name Object.prototype members', () => {
  // The id pattern allows only lowercase, so "constructor" is the one prototype name it lets through.
  it('a write to question "constructor" is refused, not stored into Object.prototype.constructor', () => {
    const state = createRoomState(
      { id: 'r', title: 't', candidateName: 'c', interviewerName: 'i', plan: defaultBank.all().slice(0, 1) },
      0,
    );
    const result = applyCommand(
      state,
      { type: 'save-notes', questionId: 'constructor', notes: 'x', opId: 'op-ctor-1' },
      1,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
