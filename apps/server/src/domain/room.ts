import {
  type ErrorCode,
  type PlanItemInput,
  type PlannedQuestion,
  type Question,
  type QuestionRecord,
  type Recommendation,
  type Role,
  type RoomStatus,
  type RubricItemKind,
  rubricItemText,
  type Score,
  type TimelineEvent,
} from '@interview-room/protocol';
import { emptyRecord, planned, replacePlan } from './plan.ts';

/** Everything a room holds, as stored. Only the server ever sees all of it. */
export interface RoomState {
  id: string;
  title: string;
  candidateName: string;
  interviewerName: string;
  createdAt: number;
  status: RoomStatus;
  /**
   * Snapshots of the planned questions (taken when each enters the plan, so later bank edits never
   * change an interview), with their budgets.
   */
  plan: PlannedQuestion[];
  /** -1 until the first question is shown. */
  currentIndex: number;
  currentSince: number | null;
  startedAt: number | null;
  endedAt: number | null;
  records: Record<string, QuestionRecord>;
  timeline: TimelineEvent[];
  /** The interviewer's overall call and its reasons; both make the report final. */
  recommendation: Recommendation | null;
  summary: string;
  /**
   * Ids of the last interviewer writes applied, oldest first (at most `MAX_APPLIED_OP_IDS`):
   * a client resends a write whose ack it never saw, and this makes the resend a no-op.
   */
  appliedOpIds: string[];
}

export type RoomCommand =
  | { type: 'next' }
  | { type: 'goto'; index: number }
  | { type: 'end' }
  | { type: 'save-notes'; questionId: string; notes: string; opId: string }
  | { type: 'set-score'; questionId: string; score: Score | null; opId: string }
  /** `bankQuestions`: the bank's copy of every item id the bank has (resolved by the caller). */
  | { type: 'set-plan'; items: PlanItemInput[]; bankQuestions: Question[]; opId: string }
  | {
      type: 'tick';
      questionId: string;
      kind: RubricItemKind;
      index: number;
      ticked: boolean;
      opId: string;
    }
  | { type: 'set-recommendation'; recommendation: Recommendation | null; opId: string }
  | { type: 'save-summary'; summary: string; opId: string }
  | { type: 'participant-joined'; role: Role; name: string }
  | { type: 'participant-left'; role: Role; name: string }
  /** A finished run of the code (see realtime/runRelay.ts); the caller bounds `output`. */
  | { type: 'record-run'; run: Omit<Extract<TimelineEvent, { type: 'code-run' }>, 'type' | 'at'> }
  | { type: 'record-checks'; checks: Omit<Extract<TimelineEvent, { type: 'checks-run' }>, 'type' | 'at'> };

/** Side effects the caller must carry out after a command is stored. */
export type RoomEffect =
  | { type: 'seed-code'; questionId: string; starterCode: string }
  | { type: 'lock-code' };

export interface DomainError {
  code: ErrorCode;
  message: string;
}

export type CommandResult =
  | { ok: true; state: RoomState; effects: RoomEffect[] }
  | { ok: false; error: DomainError };

/** Timeline entries kept per room; old presence noise is dropped first when it overflows. */
export const MAX_TIMELINE_EVENTS = 2_000;

/**
 * Write ids remembered per room. A client resends only its unacked writes, at most one per field
 * (a question's notes, score or rubric item; the plan; the recommendation; the summary), right
 * after it reconnects: 500 covers that many times over, and costs at most ~33 KB per stored room
 * (~12 KB with the web client's 22-character ids).
 */
export const MAX_APPLIED_OP_IDS = 500;

/**
 * A question's record, looked up as an own property: question ids are user input, and
 * `records['constructor']` would otherwise find Object.prototype's.
 */
export function recordOf(state: RoomState, questionId: string): QuestionRecord | undefined {
  return Object.hasOwn(state.records, questionId) ? state.records[questionId] : undefined;
}

export interface NewRoomInput {
  id: string;
  title: string;
  candidateName: string;
  interviewerName: string;
  /** A question without a budget gets its own duration. */
  plan: ReadonlyArray<Question & { budgetMinutes?: number }>;
}

export function createRoomState(input: NewRoomInput, now: number): RoomState {
  const plan = input.plan.map((question) => planned(question, question.budgetMinutes));
  const records: Record<string, QuestionRecord> = {};
  for (const question of plan) records[question.id] = emptyRecord();
  return {
    ...input,
    plan,
    createdAt: now,
    status: 'waiting',
    currentIndex: -1,
    currentSince: null,
    startedAt: null,
    endedAt: null,
    records,
    timeline: [{ type: 'room-created', at: now }],
    recommendation: null,
    summary: '',
    appliedOpIds: [],
  };
}

const fail = (code: ErrorCode, message: string): CommandResult => ({ ok: false, error: { code, message } });

export function applyCommand(state: RoomState, command: RoomCommand, now: number): CommandResult {
  switch (command.type) {
    case 'next':
      if (state.status === 'ended') return fail('ROOM_ENDED', 'The interview has ended');
      if (state.currentIndex + 1 >= state.plan.length) {
        return fail('INVALID_TRANSITION', 'There is no next question');
      }
      return showQuestion(state, state.currentIndex + 1, now);
    case 'goto':
      if (state.status === 'ended') return fail('ROOM_ENDED', 'The interview has ended');
      if (command.index < 0 || command.index >= state.plan.length) {
        return fail('BAD_REQUEST', `Question index ${command.index} is out of range`);
      }
      if (command.index === state.currentIndex) return { ok: true, state, effects: [] };
      return showQuestion(state, command.index, now);
    case 'end': {
      if (state.status === 'ended') return fail('ROOM_ENDED', 'The interview has already ended');
      const closed = closeCurrentInterval(state, now);
      return {
        ok: true,
        state: appendTimeline({ ...closed, status: 'ended', endedAt: now, currentSince: null }, [
          { type: 'interview-ended', at: now },
        ]),
        effects: [{ type: 'lock-code' }],
      };
    }
    // The write-up (notes, scores, ticks, recommendation, summary) stays open after the end:
    // the room is locked for the candidate, not for the interviewer's conclusions.
    case 'save-notes':
    case 'set-score':
    case 'tick':
    case 'set-recommendation':
    case 'save-summary':
      return applyWrite(state, command, now);
    case 'set-plan':
      return once(state, command.opId, () =>
        state.status === 'ended'
          ? fail('ROOM_ENDED', 'The interview has ended: the plan is final')
          : setPlan(state, command, now),
      );
    case 'participant-joined':
    case 'participant-left':
      return {
        ok: true,
        state: appendTimeline(state, [
          {
            type: command.type === 'participant-joined' ? 'participant-joined' : 'participant-left',
            at: now,
            role: command.role,
            name: command.name,
          },
        ]),
        effects: [],
      };
    // Recorded after the end too: a run started before the end finishes after it.
    case 'record-run':
    case 'record-checks': {
      if (
        !recordOf(state, command.type === 'record-run' ? command.run.questionId : command.checks.questionId)
      )
        return fail('NOT_FOUND', 'That question is not in this interview');
      const event: TimelineEvent =
        command.type === 'record-run'
          ? { type: 'code-run', at: now, ...command.run }
          : { type: 'checks-run', at: now, ...command.checks };
      return { ok: true, state: appendTimeline(state, [event]), effects: [] };
    }
    default:
      return exhaustive(command);
  }
}

/**
 * Applies a write at most once per `opId`: a resend of a write already applied succeeds and
 * returns the state unchanged (same object, so nothing is stored or broadcast, and nothing enters
 * the timeline twice). Each write carries a whole value and a client resends only its latest
 * unacked write per field, so ordering needs no sequence numbers; between two interviewers, the
 * last write to arrive wins.
 */
function once(state: RoomState, opId: string, apply: () => CommandResult): CommandResult {
  if (state.appliedOpIds.includes(opId)) return { ok: true, state, effects: [] };
  const result = apply();
  if (!result.ok) return result;
  const appliedOpIds = [...result.state.appliedOpIds, opId].slice(-MAX_APPLIED_OP_IDS);
  return { ...result, state: { ...result.state, appliedOpIds } };
}

type WriteCommand = Extract<
  RoomCommand,
  { type: 'save-notes' | 'set-score' | 'tick' | 'set-recommendation' | 'save-summary' }
>;

function applyWrite(state: RoomState, command: WriteCommand, now: number): CommandResult {
  return once(state, command.opId, () => {
    switch (command.type) {
      case 'set-recommendation':
        return {
          ok: true,
          state: appendTimeline({ ...state, recommendation: command.recommendation }, [
            { type: 'recommendation-set', at: now, recommendation: command.recommendation },
          ]),
          effects: [],
        };
      case 'save-summary':
        return { ok: true, state: { ...state, summary: command.summary }, effects: [] };
      default:
        return applyQuestionWrite(state, command, now);
    }
  });
}

function applyQuestionWrite(
  state: RoomState,
  command: Extract<WriteCommand, { questionId: string }>,
  now: number,
): CommandResult {
  const record = recordOf(state, command.questionId);
  const question = state.plan.find((q) => q.id === command.questionId);
  if (!record || !question)
    return fail('NOT_FOUND', `Question ${command.questionId} is not in this interview`);
  const withRecord = (next: QuestionRecord): RoomState => ({
    ...state,
    records: { ...state.records, [command.questionId]: next },
  });
  switch (command.type) {
    case 'save-notes':
      return { ok: true, state: withRecord({ ...record, notes: command.notes }), effects: [] };
    case 'set-score':
      return {
        ok: true,
        state: appendTimeline(withRecord({ ...record, score: command.score }), [
          { type: 'score-set', at: now, questionId: command.questionId, score: command.score },
        ]),
        effects: [],
      };
    case 'tick': {
      const { kind, index } = command;
      if (rubricItemText(question.rubric, kind, index) === undefined)
        return fail('BAD_REQUEST', `“${question.title}” has no ${kind} number ${index + 1}`);
      const others = record.ticks.filter((t) => t.kind !== kind || t.index !== index);
      const already = others.length !== record.ticks.length;
      // Ticking an item twice keeps the first time: it says when the candidate got there.
      if (command.ticked === already) return { ok: true, state, effects: [] };
      const ticks = command.ticked ? [...record.ticks, { kind, index, at: now }] : others;
      return { ok: true, state: withRecord({ ...record, ticks }), effects: [] };
    }
    default:
      return exhaustive(command);
  }
}

function setPlan(
  state: RoomState,
  command: Extract<RoomCommand, { type: 'set-plan' }>,
  now: number,
): CommandResult {
  const replaced = replacePlan(state, command.items, command.bankQuestions);
  if (!replaced.ok) return fail(replaced.code, replaced.message);
  return {
    ok: true,
    state: appendTimeline(
      { ...state, plan: replaced.plan, records: replaced.records },
      replaced.addedAdHoc.map((question) => ({
        type: 'ad-hoc-question-added' as const,
        at: now,
        questionId: question.id,
        title: question.title,
      })),
    ),
    effects: [],
  };
}

function showQuestion(state: RoomState, index: number, now: number): CommandResult {
  const question = state.plan[index];
  if (!question) return fail('BAD_REQUEST', `Question index ${index} is out of range`);
  const closed = closeCurrentInterval(state, now);
  const record = recordOf(closed, question.id) ?? emptyRecord();
  const firstTime = record.firstShownAt === null;
  const events: TimelineEvent[] = [];
  if (state.status === 'waiting') events.push({ type: 'interview-started', at: now });
  events.push({ type: 'question-shown', at: now, questionId: question.id, index });
  const next: RoomState = {
    ...closed,
    status: 'live',
    startedAt: closed.startedAt ?? now,
    currentIndex: index,
    currentSince: now,
    records: { ...closed.records, [question.id]: { ...record, firstShownAt: record.firstShownAt ?? now } },
  };
  return {
    ok: true,
    state: appendTimeline(next, events),
    effects: firstTime
      ? [{ type: 'seed-code', questionId: question.id, starterCode: question.starterCode }]
      : [],
  };
}

/** Adds the time since the current question was entered to its total. */
function closeCurrentInterval(state: RoomState, now: number): RoomState {
  const current = state.plan[state.currentIndex];
  if (!current || state.currentSince === null) return state;
  const record = recordOf(state, current.id);
  if (!record) return state;
  const elapsed = Math.max(0, now - state.currentSince);
  return {
    ...state,
    currentSince: now,
    records: { ...state.records, [current.id]: { ...record, timeSpentMs: record.timeSpentMs + elapsed } },
  };
}

function appendTimeline(state: RoomState, events: TimelineEvent[]): RoomState {
  let timeline = [...state.timeline, ...events];
  if (timeline.length > MAX_TIMELINE_EVENTS) {
    const overflow = timeline.length - MAX_TIMELINE_EVENTS;
    let dropped = 0;
    timeline = timeline.filter((event) => {
      const isPresence = event.type === 'participant-joined' || event.type === 'participant-left';
      if (isPresence && dropped < overflow) {
        dropped++;
        return false;
      }
      return true;
    });
    timeline = timeline.slice(-MAX_TIMELINE_EVENTS);
  }
  return { ...state, timeline };
}

/** Total time on a question, including the interval still open if it is current. */
export function timeSpentMs(state: RoomState, questionId: string, now: number): number {
  const record = recordOf(state, questionId);
  if (!record) return 0;
  const current = state.plan[state.currentIndex];
  const open = current?.id === questionId && state.currentSince !== null ? now - state.currentSince : 0;
  return record.timeSpentMs + Math.max(0, open);
}

function exhaustive(value: never): never {
  throw new Error(`Unhandled command: ${JSON.stringify(value)}`);
}
