import type {
  CandidateQuestion,
  InterviewerView,
  Participant,
  PublicRoomView,
  Question,
  QuestionRecord,
  Role,
  Score,
} from '@interview-room/protocol';
import type { CodeSyncStatus } from './codeSync.ts';
import type { Connection, NoteStatus, RoomSessionState } from './roomSession.ts';
import { notesKey } from './roomSession.ts';

export interface ShownQuestion {
  index: number;
  candidate: CandidateQuestion;
  /** With the rubric: interviewers only. */
  full: Question | null;
}

/**
 * The question on screen: the current one, or for an interviewer after the end, the one picked
 * in the plan for review (`reviewIndex`), so notes and scores of every question can be finished.
 */
export function shownQuestion(
  view: PublicRoomView | null,
  privateView: InterviewerView | null,
  reviewIndex: number | null = null,
): ShownQuestion | null {
  if (view?.status === 'ended' && reviewIndex !== null) {
    const full = privateView?.plan[reviewIndex];
    if (full) {
      const { id, title, prompt, language } = full;
      return { index: reviewIndex, candidate: { id, title, prompt, language }, full };
    }
  }
  if (!view?.current) return null;
  const full = privateView?.plan[view.currentIndex] ?? null;
  return {
    index: view.currentIndex,
    candidate: view.current,
    full: full?.id === view.current.id ? full : null,
  };
}

export function interviewElapsedMs(view: PublicRoomView | null, now: number): number | null {
  if (!view?.startedAt) return null;
  return (view.endedAt ?? now) - view.startedAt;
}

/** Time spent on a question: closed intervals plus the running one if it is current and live. */
export function questionTimeMs(
  record: QuestionRecord | undefined,
  isCurrent: boolean,
  view: PublicRoomView | null,
  now: number,
): number {
  const closed = record?.timeSpentMs ?? 0;
  if (!isCurrent || view?.status !== 'live' || view.currentSince === null) return closed;
  return closed + Math.max(0, now - view.currentSince);
}

export type PlanItemState = 'done' | 'current' | 'next' | 'upcoming';
export interface PlanItem {
  index: number;
  id: string;
  title: string;
  topic: string;
  state: PlanItemState;
  timeSpentMs: number;
  budgetMinutes: number;
  /** More time spent than budgeted: shown as a gentle warning. */
  overBudget: boolean;
  adHoc: boolean;
  score: Score | null;
}

export function planItems(
  view: PublicRoomView | null,
  privateView: InterviewerView | null,
  now: number,
): PlanItem[] {
  if (!privateView) return [];
  const currentIndex = view?.currentIndex ?? -1;
  return privateView.plan.map((question, index) => {
    const record = privateView.records[question.id];
    const isCurrent = index === currentIndex;
    let state: PlanItemState = 'upcoming';
    if (isCurrent) state = 'current';
    else if (record?.firstShownAt != null || index < currentIndex) state = 'done';
    else if (index === currentIndex + 1) state = 'next';
    const timeSpentMs = questionTimeMs(record, isCurrent, view, now);
    return {
      index,
      id: question.id,
      title: question.title,
      topic: question.topic,
      state,
      timeSpentMs,
      budgetMinutes: question.budgetMinutes,
      overBudget: timeSpentMs > question.budgetMinutes * 60_000,
      adHoc: question.adHoc === true,
      score: record?.score ?? null,
    };
  });
}

/** Time spent on the whole plan against its whole budget. */
export function planTotals(items: readonly PlanItem[]): {
  spentMs: number;
  budgetMinutes: number;
  over: boolean;
} {
  const spentMs = items.reduce((sum, item) => sum + item.timeSpentMs, 0);
  const budgetMinutes = items.reduce((sum, item) => sum + item.budgetMinutes, 0);
  return { spentMs, budgetMinutes, over: spentMs > budgetMinutes * 60_000 };
}

export function notesFor(
  state: RoomSessionState,
  questionId: string,
): { text: string; status: NoteStatus | null } {
  const draft = state.drafts[notesKey(questionId)];
  if (draft) return { text: draft.text, status: draft.status };
  return { text: state.privateView?.records[questionId]?.notes ?? '', status: null };
}

export function scoreFor(state: RoomSessionState, questionId: string): Score | null {
  if (questionId in state.optimisticScores) return state.optimisticScores[questionId] ?? null;
  return state.privateView?.records[questionId]?.score ?? null;
}

/** A score the server has not acknowledged: on its way, or waiting for the connection. */
export type ScoreStatus = 'saving' | 'unsaved' | null;

export function scoreStatus(state: RoomSessionState, questionId: string): ScoreStatus {
  const pending = state.outbox.some((w) => w.event === 'score:set' && w.payload.questionId === questionId);
  if (!pending) return null;
  return state.connection.state === 'connected' ? 'saving' : 'unsaved';
}

/** Interviewer writes that wait for the connection to come back (none while connected). */
export function unsyncedWrites(state: RoomSessionState): number {
  return state.connection.state === 'connected' ? 0 : state.outbox.length;
}

export interface PresenceEntry {
  key: string;
  name: string;
  role: Role;
  color: string | null;
  online: boolean;
  isSelf: boolean;
}

/** Everyone online, interviewers first; the candidate is listed as offline when absent. */
export function presenceEntries(
  presence: readonly Participant[],
  view: PublicRoomView | null,
  selfId: string | null,
): PresenceEntry[] {
  const entries: PresenceEntry[] = presence.map((p) => ({
    key: p.id,
    name: p.name,
    role: p.role,
    color: p.color,
    online: true,
    isSelf: p.id === selfId,
  }));
  if (view && !presence.some((p) => p.role === 'candidate')) {
    entries.push({
      key: 'candidate-offline',
      name: view.candidateName,
      role: 'candidate',
      color: null,
      online: false,
      isSelf: false,
    });
  }
  const rank = (e: PresenceEntry): number => (e.role === 'interviewer' ? 0 : 1);
  return entries.sort((a, b) => rank(a) - rank(b));
}

export type ConnectionKind = 'connected' | 'connecting' | 'reconnecting' | 'offline';

/** One status for the header from the two channels (room events and code sync) and the browser. */
export function connectionKind(
  connection: Connection,
  code: CodeSyncStatus,
  online: boolean,
): ConnectionKind {
  if (!online || connection.state === 'rejected' || code.state === 'closed') return 'offline';
  if (connection.state === 'connected' && code.state === 'connected') return 'connected';
  if (connection.state === 'connecting' || (code.state === 'connecting' && !code.retry)) return 'connecting';
  return 'reconnecting';
}

export const CONNECTION_LABELS: Record<ConnectionKind, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

/** How a note or score the server does not have yet is marked, wherever it is shown. */
export const UNSAVED_TEXT = 'Unsaved — will sync when reconnected';
