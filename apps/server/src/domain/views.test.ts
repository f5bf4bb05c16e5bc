import type { Question, Score } from '@interview-room/protocol';
import {
  InterviewerChangeFrameSchema,
  InterviewerFullFrameSchema,
  InterviewerViewSchema,
  PublicRoomViewSchema,
  viewAfterFrame,
} from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { applyCommand, createRoomState, type RoomCommand, type RoomState } from './room.ts';
import {
  planKey,
  publicViewChanged,
  toInterviewerFrame,
  toInterviewerFullFrame,
  toInterviewerView,
  toPublicView,
} from './views.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const NOTE_CANARY = 'CANARY-NOTE-7f3a';
const SUMMARY_CANARY = 'CANARY-SUMMARY-20c4';
const AD_HOC_TITLE = 'CANARY-ADHOC-TITLE-5d1e';
const LOOK_FOR_CANARY = 'CANARY-LOOKFOR-8b6a';
const PLAN: Question[] = [...defaultBank.all()];
const SCORES: Score[] = [1, 2, 3, 4];

let opCount = 0;
/** A fresh write id: every note and score write carries one, and a repeated one is a no-op. */
const op = (): string => `op-${String(++opCount).padStart(8, '0')}`;

const PUBLIC_KEYS = [
  'candidateName',
  'current',
  'currentIndex',
  'currentSince',
  'endedAt',
  'id',
  'questionCount',
  'startedAt',
  'status',
  'title',
];

function apply(state: RoomState, command: RoomCommand, now: number): RoomState {
  const result = applyCommand(state, command, now);
  if (!result.ok) throw new Error(`${command.type} failed: ${result.error.message}`);
  return result.state;
}

const rubricStrings = (question: Question): string[] => {
  const { sampleAnswer, whyWeAsk, keyPoints, strongSignals, redFlags, followUps } = question.rubric;
  return [sampleAnswer, whyWeAsk, ...keyPoints, ...strongSignals, ...redFlags, ...followUps];
};

/** How a string appears inside JSON.stringify output (quotes and newlines escaped). */
const asJson = (text: string): string => JSON.stringify(text).slice(1, -1);

interface Stage {
  name: string;
  state: RoomState;
}

/** Every stage of an interview over the whole bank, with notes and scores filled in as it goes. */
function stages(): Stage[] {
  const out: Stage[] = [];
  let now = T0;
  let state = createRoomState(
    {
      id: 'room-id-for-tests-0001',
      title: 'Python screen',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: PLAN,
    },
    now,
  );
  out.push({ name: 'waiting', state });
  PLAN.forEach((question, index) => {
    now += 60_000;
    state = apply(state, { type: 'next' }, now);
    out.push({ name: `question ${index} shown`, state });
    state = apply(
      state,
      { type: 'save-notes', questionId: question.id, notes: `${NOTE_CANARY} on ${index}`, opId: op() },
      now,
    );
    state = apply(
      state,
      {
        type: 'set-score',
        questionId: question.id,
        score: SCORES[index % SCORES.length] ?? null,
        opId: op(),
      },
      now,
    );
    out.push({ name: `question ${index} noted and scored`, state });
    for (const kind of ['keyPoint', 'strongSignal', 'redFlag'] as const)
      state = apply(
        state,
        { type: 'tick', questionId: question.id, kind, index: 0, ticked: true, opId: op() },
        now,
      );
    out.push({ name: `question ${index} ticked`, state });
  });
  now += 60_000;
  state = apply(state, { type: 'goto', index: 2 }, now);
  out.push({ name: 'back at question 2', state });
  // An ad-hoc question at the end of the plan, never shown.
  state = apply(
    state,
    {
      type: 'set-plan',
      items: [
        ...state.plan.map((q) => ({ questionId: q.id, budgetMinutes: q.budgetMinutes })),
        {
          questionId: 'adhoc-upcoming',
          budgetMinutes: 5,
          adHoc: { title: AD_HOC_TITLE, prompt: `Prompt of ${AD_HOC_TITLE}`, lookFor: [LOOK_FOR_CANARY] },
        },
      ],
      bankQuestions: [],
      opId: op(),
    },
    now,
  );
  out.push({ name: 'ad-hoc question planned', state });
  now += 60_000;
  state = apply(state, { type: 'end' }, now);
  out.push({ name: 'ended', state });
  state = apply(
    state,
    { type: 'save-notes', questionId: PLAN[0]?.id ?? '', notes: `<b>${NOTE_CANARY}</b>`, opId: op() },
    now,
  );
  out.push({ name: 'ended, write-up after the end', state });
  state = apply(state, { type: 'set-recommendation', recommendation: 'strong-yes', opId: op() }, now);
  state = apply(state, { type: 'save-summary', summary: SUMMARY_CANARY, opId: op() }, now);
  out.push({ name: 'ended, recommendation and summary', state });
  return out;
}

const STAGES = stages();

describe('toPublicView', () => {
  it('covers a bank with rubric to hide', () => {
    expect(PLAN.length).toBeGreaterThan(2);
    for (const question of PLAN) expect(rubricStrings(question).length).toBeGreaterThan(4);
  });

  it.each(STAGES)('has exactly the public keys: $name', ({ state }) => {
    const view = toPublicView(state);
    expect(Object.keys(view).sort()).toEqual(PUBLIC_KEYS);
    expect(() => PublicRoomViewSchema.strict().parse(view)).not.toThrow();
    if (view.current) expect(Object.keys(view.current).sort()).toEqual(['id', 'language', 'prompt', 'title']);
  });

  it.each(STAGES)('leaks no rubric, notes or other questions: $name', ({ state }) => {
    const json = JSON.stringify(toPublicView(state));
    for (const question of PLAN) {
      for (const secret of rubricStrings(question)) expect(json).not.toContain(asJson(secret));
    }
    for (const secret of [NOTE_CANARY, SUMMARY_CANARY, AD_HOC_TITLE, LOOK_FOR_CANARY, 'strong-yes'])
      expect(json).not.toContain(secret);
    for (const field of ['"ticks"', '"recommendation"', '"summary"', '"budgetMinutes"', '"plan"'])
      expect(json).not.toContain(field);
    const current = state.plan[state.currentIndex];
    for (const question of PLAN) {
      if (question.id === current?.id) continue;
      expect(json).not.toContain(asJson(question.title));
      expect(json).not.toContain(asJson(question.prompt));
    }
  });

  it.each(STAGES)('shows the current question only: $name', ({ state }) => {
    const view = toPublicView(state);
    const current = state.plan[state.currentIndex];
    expect(view.current).toEqual(
      current
        ? { id: current.id, title: current.title, prompt: current.prompt, language: current.language }
        : null,
    );
    expect(view.currentIndex).toBe(state.currentIndex);
    expect(view.questionCount).toBe(state.plan.length);
    expect(view.status).toBe(state.status);
  });

  it('is built field by field, so a new state field never reaches the candidate', () => {
    const last = STAGES.at(-1)?.state;
    if (!last) throw new Error('no stages');
    const withExtra: RoomState = Object.assign({}, last, { secretField: 'CANARY-FIELD-91b2' });
    const json = JSON.stringify(toPublicView(withExtra));
    expect(json).not.toContain('CANARY-FIELD-91b2');
    expect(json).not.toContain('secretField');
  });

  it('the leak check itself would catch a leak', () => {
    // Guards the test above: the same strings are present in the interviewer's view.
    const state = STAGES.at(-1)?.state;
    if (!state) throw new Error('no stages');
    const json = JSON.stringify(toInterviewerView(state));
    for (const question of PLAN) {
      for (const secret of rubricStrings(question)) expect(json).toContain(asJson(secret));
      expect(json).toContain(asJson(question.prompt));
    }
    for (const secret of [NOTE_CANARY, SUMMARY_CANARY, AD_HOC_TITLE, LOOK_FOR_CANARY, '"ticks"'])
      expect(json).toContain(secret);
  });
});

describe('toInterviewerView', () => {
  it('carries the plan with its rubric, the records and the timeline', () => {
    const state = STAGES.at(-1)?.state;
    if (!state) throw new Error('no stages');
    const view = InterviewerViewSchema.strict().parse(toInterviewerView(state));
    expect(view.interviewerName).toBe('Grace');
    expect(view.plan.slice(0, PLAN.length)).toEqual(
      PLAN.map((q) => ({ ...q, budgetMinutes: q.durationMinutes })),
    );
    expect(view.plan.at(-1)).toMatchObject({ id: 'adhoc-upcoming', adHoc: true, title: AD_HOC_TITLE });
    expect(view.plan[3]?.rubric).toEqual(PLAN[3]?.rubric);
    expect(view.records).toEqual(state.records);
    expect(view.records[PLAN[0]?.id ?? '']?.notes).toBe(`<b>${NOTE_CANARY}</b>`);
    expect(view.records[PLAN[1]?.id ?? '']).toMatchObject({ notes: `${NOTE_CANARY} on 1`, score: 2 });
    expect(view.timeline).toEqual(state.timeline);
    expect(view.timeline.map((event) => event.type)).toContain('interview-ended');
    expect(view.recommendation).toBe(state.recommendation);
    expect(view.summary).toBe(state.summary);
  });
});

describe('publicViewChanged', () => {
  // The broadcast skips the public view when this says no: a wrong "no" would leave the
  // candidate on a stale question, so it must agree with a full comparison at every step.
  it('agrees with comparing the whole public views, at every step of an interview', () => {
    const pairs = STAGES.slice(1).map((stage, i) => [STAGES[i] as Stage, stage] as const);
    let changed = 0;
    for (const [before, after] of pairs) {
      const expected =
        JSON.stringify(toPublicView(before.state)) !== JSON.stringify(toPublicView(after.state));
      expect(publicViewChanged(before.state, after.state), `${before.name} → ${after.name}`).toBe(expected);
      if (expected) changed++;
    }
    // Both answers occur, so the comparison above proves something either way.
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(pairs.length);
  });

  it('says no for a note, a score or a tick, and yes for a question shown or the end', () => {
    let state = createRoomState(
      { id: 'room-id-for-tests-0002', title: 't', candidateName: 'Ada', interviewerName: 'G', plan: PLAN },
      T0,
    );
    const step = (command: RoomCommand) => {
      const before = state;
      state = apply(state, command, T0 + 1000);
      return publicViewChanged(before, state);
    };
    const id = PLAN[0]?.id ?? '';
    expect(step({ type: 'next' })).toBe(true);
    expect(step({ type: 'save-notes', questionId: id, notes: 'n', opId: op() })).toBe(false);
    expect(step({ type: 'set-score', questionId: id, score: 3, opId: op() })).toBe(false);
    expect(step({ type: 'tick', questionId: id, kind: 'keyPoint', index: 0, ticked: true, opId: op() })).toBe(
      false,
    );
    expect(step({ type: 'end' })).toBe(true);
  });
});

describe('toInterviewerFrame', () => {
  const held = (state: RoomState, version: number) => ({
    view: toInterviewerView(state),
    planKey: planKey(state.plan),
    version,
  });

  // A frame is applied over the view the client holds: a plan left out when it changed, or a
  // changed record left out, would leave the interviewer on stale rubrics or notes.
  it('gives, applied over the version before, exactly the new view, at every step', () => {
    const pairs = STAGES.slice(1).map((stage, i) => [STAGES[i] as Stage, stage] as const);
    let whole = 0;
    for (const [i, [before, after]] of pairs.entries()) {
      const step = `${before.name} → ${after.name}`;
      const frame = toInterviewerFrame(after.state, i + 1, before.state);
      expect(frame.version).toBe(i + 1);
      const samePlan = JSON.stringify(before.state.plan) === JSON.stringify(after.state.plan);
      if ('changes' in frame) {
        expect(samePlan, step).toBe(true);
        InterviewerChangeFrameSchema.strict().parse(frame);
        expect(frame.changes.base).toBe(i);
        // Only the records that changed travel.
        for (const id of Object.keys(frame.changes.records))
          expect(after.state.records[id], `${step}: ${id}`).not.toBe(before.state.records[id]);
      } else {
        whole++;
        InterviewerFullFrameSchema.strict().parse(frame);
        expect(frame.plan === undefined, step).toBe(samePlan);
      }
      expect(viewAfterFrame(held(before.state, i), frame), step).toEqual(toInterviewerView(after.state));
      // Over another version, a frame of changes does not apply: the client reads the whole view.
      if ('changes' in frame) expect(viewAfterFrame(held(before.state, i - 1), frame)).toBeNull();
    }
    // The steps include plan changes and others, so both kinds of frame ran.
    expect(whole).toBeGreaterThan(0);
    expect(whole).toBeLessThan(pairs.length);
  });

  it('sends a note save as its one record and no event, whatever the interview holds', () => {
    const last = STAGES.at(-1)?.state;
    if (!last) throw new Error('no stages');
    const questionId = last.plan[0]?.id ?? '';
    const saved = applyCommand(last, { type: 'save-notes', questionId, notes: NOTE_CANARY, opId: op() }, T0);
    if (!saved.ok) throw new Error('note save refused');
    const frame = toInterviewerFrame(saved.state, 9, last);
    if (!('changes' in frame)) throw new Error('a note save sent the whole view');
    expect(Object.keys(frame.changes.records)).toEqual([questionId]);
    expect(frame.changes.timeline).toEqual([]);
    expect(frame.changes.timelineFrom).toBe(last.timeline.length);
    expect(JSON.stringify(frame).length).toBeLessThan(
      JSON.stringify(toInterviewerFullFrame(saved.state, 9, last)).length / 2,
    );
  });

  it('sends the whole timeline when the new one does not extend the old (events dropped)', () => {
    const last = STAGES.at(-1)?.state;
    if (!last) throw new Error('no stages');
    const trimmed: RoomState = { ...last, timeline: last.timeline.slice(1) };
    const frame = toInterviewerFrame(trimmed, 9, last);
    if (!('changes' in frame)) throw new Error('expected a frame of changes');
    expect(frame.changes.timelineFrom).toBe(0);
    expect(viewAfterFrame(held(last, 8), frame)?.timeline).toEqual(trimmed.timeline);
  });

  it('sends every record of a state that shares nothing with the one before (read back from Redis)', () => {
    const last = STAGES.at(-1)?.state;
    if (!last) throw new Error('no stages');
    const copy: RoomState = JSON.parse(JSON.stringify(last));
    const frame = toInterviewerFrame(copy, 9, last);
    if (!('changes' in frame)) throw new Error('expected a frame of changes');
    expect(Object.keys(frame.changes.records).sort()).toEqual(Object.keys(last.records).sort());
    expect(viewAfterFrame(held(last, 8), frame)).toEqual(toInterviewerView(copy));
  });

  it('always carries the plan in a whole view without a version before, and keys plans by content', () => {
    const last = STAGES.at(-1)?.state;
    const first = STAGES[0]?.state;
    if (!last || !first) throw new Error('no stages');
    expect(toInterviewerFullFrame(last, 7).plan).toEqual(last.plan);
    // A copy of the plan (as read back from Redis) has the same key; another plan has another.
    const copy: RoomState = JSON.parse(JSON.stringify(last));
    expect(planKey(copy.plan)).toBe(planKey(last.plan));
    expect(toInterviewerFullFrame(copy, 8, last).plan).toBeUndefined();
    expect(planKey(first.plan)).not.toBe(planKey(last.plan));
  });
});
