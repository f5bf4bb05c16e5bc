import { createHash } from 'node:crypto';
import type {
  InterviewerFrame,
  InterviewerFullFrame,
  InterviewerView,
  PlannedQuestion,
  PublicRoomView,
  QuestionRecord,
  TimelineEvent,
} from '@interview-room/protocol';
import type { RoomState } from './room.ts';

/**
 * The candidate-safe projection. Fields are picked one by one, never spread, so a field added
 * to the room state can never reach a candidate by accident.
 */
export function toPublicView(state: RoomState): PublicRoomView {
  const question = state.plan[state.currentIndex];
  return {
    id: state.id,
    title: state.title,
    candidateName: state.candidateName,
    status: state.status,
    startedAt: state.startedAt,
    endedAt: state.endedAt,
    questionCount: state.plan.length,
    currentIndex: state.currentIndex,
    currentSince: state.currentSince,
    current: question
      ? {
          id: question.id,
          title: question.title,
          prompt: question.prompt,
          language: question.language,
          ...(question.timeLimitSeconds === undefined ? {} : { timeLimitSeconds: question.timeLimitSeconds }),
        }
      : null,
  };
}

/** Whether a change is visible in the public view (a note, score or tick is not). */
export function publicViewChanged(before: RoomState, after: RoomState): boolean {
  return !samePublicView(toPublicView(before), toPublicView(after));
}

/** Equal primitives field by field, one level of nesting (the current question) deep. */
export function samePublicView(a: PublicRoomView, b: PublicRoomView): boolean {
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => {
    const x = left[key];
    const y = right[key];
    if (x === y) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    const inner = Object.keys(x);
    return (
      inner.length === Object.keys(y).length &&
      inner.every((k) => (x as Record<string, unknown>)[k] === (y as Record<string, unknown>)[k])
    );
  });
}

/** Interviewer-only: the plan with rubrics, notes, scores, ticks, the timeline and the verdict. */
export function toInterviewerView(state: RoomState): InterviewerView {
  return {
    interviewerName: state.interviewerName,
    plan: state.plan,
    records: state.records,
    timeline: state.timeline,
    recommendation: state.recommendation,
    summary: state.summary,
  };
}

/**
 * The whole interviewer view as `room:private` and `room:view` send it, for the stored `version`
 * of the room: without the plan when it is the same as in `previous` (a state whose frame every
 * interviewer holds).
 */
export function toInterviewerFullFrame(
  state: RoomState,
  version: number,
  previous?: RoomState,
): InterviewerFullFrame {
  const { plan, ...rest } = toInterviewerView(state);
  const key = planKey(plan);
  return previous && planKey(previous.plan) === key
    ? { ...rest, planKey: key, version }
    : { ...rest, plan, planKey: key, version };
}

/**
 * The `room:private` frame for the stored `version` of the room, whose version before was
 * `previous`: only the records and the timeline events that changed when the plan did not (a
 * state is built by structural sharing, so an unchanged record is the same object), the whole
 * view otherwise.
 */
export function toInterviewerFrame(state: RoomState, version: number, previous: RoomState): InterviewerFrame {
  const key = planKey(state.plan);
  if (version < 1 || planKey(previous.plan) !== key || !sameKeys(state.records, previous.records))
    return toInterviewerFullFrame(state, version, previous);
  const records: Record<string, QuestionRecord> = {};
  for (const id in state.records) {
    const record = state.records[id] as QuestionRecord;
    if (record !== previous.records[id]) records[id] = record;
  }
  const timelineFrom = hasPrefix(state.timeline, previous.timeline) ? previous.timeline.length : 0;
  return {
    interviewerName: state.interviewerName,
    recommendation: state.recommendation,
    summary: state.summary,
    planKey: key,
    version,
    changes: { base: version - 1, records, timelineFrom, timeline: state.timeline.slice(timelineFrom) },
  };
}

function sameKeys(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  let count = 0;
  for (const key in a) {
    if (!Object.hasOwn(b, key)) return false;
    count++;
  }
  return count === Object.keys(b).length;
}

/** Whether `longer` starts with every event of `prefix` (the same objects, as appends leave them). */
function hasPrefix(longer: readonly TimelineEvent[], prefix: readonly TimelineEvent[]): boolean {
  if (longer.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (longer[i] !== prefix[i]) return false;
  return true;
}

/**
 * Stored versions share an unchanged plan (the memory store) or a command copies it by reference
 * (a state read from Redis), so most keys come from this cache rather than from hashing.
 */
const planKeys = new WeakMap<readonly PlannedQuestion[], string>();

/** A digest of the plan's content: equal plans have equal keys, wherever they were read. */
export function planKey(plan: readonly PlannedQuestion[]): string {
  let key = planKeys.get(plan);
  if (key === undefined) {
    key = createHash('sha256').update(JSON.stringify(plan)).digest('base64url').slice(0, 22);
    planKeys.set(plan, key);
  }
  return key;
}
