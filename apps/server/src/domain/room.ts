import type {
  ErrorCode,
  Question,
  QuestionRecord,
  Role,
  RoomStatus,
  Score,
  TimelineEvent,
} from '@interview-room/protocol';

/** Everything a room holds, as stored. Only the server ever sees all of it. */
export interface RoomState {
  id: string;
  title: string;
  candidateName: string;
  interviewerName: string;
  createdAt: number;
  status: RoomStatus;
  /** Snapshot of the questions at creation, so later bank edits never change a past interview. */
  plan: Question[];
  /** -1 until the first question is shown. */
  currentIndex: number;
  currentSince: number | null;
  startedAt: number | null;
  endedAt: number | null;
  records: Record<string, QuestionRecord>;
  timeline: TimelineEvent[];
  /**
   * Ids of the last note and score writes applied, oldest first (at most `MAX_APPLIED_OP_IDS`):
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
 * Write ids remembered per room. A client resends only its unacked writes, at most one note and
 * one score per question, right after it reconnects: 500 covers that many times over, and costs
 * at most ~33 KB per stored room (~12 KB with the web client's 22-character ids).
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
  plan: Question[];
}

export function createRoomState(input: NewRoomInput, now: number): RoomState {
  const records: Record<string, QuestionRecord> = {};
  for (const question of input.plan) {
    records[question.id] = { notes: '', score: null, timeSpentMs: 0, firstShownAt: null };
  }
  return {
    ...input,
    createdAt: now,
    status: 'waiting',
    currentIndex: -1,
    currentSince: null,
    startedAt: null,
    endedAt: null,
    records,
    timeline: [{ type: 'room-created', at: now }],
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
    // Notes and scores stay writable after the end: interviewers finish their write-up afterwards.
    case 'save-notes':
    case 'set-score':
      return applyWrite(state, command, now);
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
 * A note or score write, applied at most once per `opId`: a resend of a write already applied
 * succeeds and returns the state unchanged (same object, so nothing is stored or broadcast, and
 * no second `score-set` enters the timeline). Each write carries the whole value and a client
 * resends only its latest unacked write per question, so ordering needs no sequence numbers;
 * between two interviewers, the last write to arrive wins.
 */
function applyWrite(
  state: RoomState,
  command: Extract<RoomCommand, { type: 'save-notes' | 'set-score' }>,
  now: number,
): CommandResult {
  if (state.appliedOpIds.includes(command.opId)) return { ok: true, state, effects: [] };
  const record = recordOf(state, command.questionId);
  if (!record) return fail('NOT_FOUND', `Question ${command.questionId} is not in this interview`);
  const appliedOpIds = [...state.appliedOpIds, command.opId].slice(-MAX_APPLIED_OP_IDS);
  if (command.type === 'save-notes') {
    const records = { ...state.records, [command.questionId]: { ...record, notes: command.notes } };
    return { ok: true, state: { ...state, records, appliedOpIds }, effects: [] };
  }
  const records = { ...state.records, [command.questionId]: { ...record, score: command.score } };
  return {
    ok: true,
    state: appendTimeline({ ...state, records, appliedOpIds }, [
      { type: 'score-set', at: now, questionId: command.questionId, score: command.score },
    ]),
    effects: [],
  };
}

function showQuestion(state: RoomState, index: number, now: number): CommandResult {
  const question = state.plan[index];
  if (!question) return fail('BAD_REQUEST', `Question index ${index} is out of range`);
  const closed = closeCurrentInterval(state, now);
  const record = recordOf(closed, question.id) ?? {
    notes: '',
    score: null,
    timeSpentMs: 0,
    firstShownAt: null,
  };
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
