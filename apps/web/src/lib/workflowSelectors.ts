import {
  isReportFinal,
  type PlanItemInput,
  type Recommendation,
  type RubricItemKind,
  type Score,
  suggestScore,
} from '@interview-room/protocol';
import { fieldOf, type OutboxWrite, tickField } from './outbox.ts';
import { serverItems } from './planEdit.ts';
import { type NoteStatus, type RoomSessionState, SUMMARY_KEY } from './roomSession.ts';

/**
 * What the page shows of the plan, ticks and verdict: the interviewer's own pending write while
 * the server has not acknowledged it (it sits in the outbox), else the server's value.
 */

function pending<E extends OutboxWrite['event']>(
  state: RoomSessionState,
  field: string,
  event: E,
): Extract<OutboxWrite, { event: E }> | undefined {
  const write = state.outbox.find((w) => fieldOf(w) === field);
  return write?.event === event ? (write as Extract<OutboxWrite, { event: E }>) : undefined;
}

/** The plan's items, as last written here (maybe not stored yet) or as the server has them. */
export function planItemsOf(state: RoomSessionState): PlanItemInput[] {
  return pending(state, 'plan:set', 'plan:set')?.payload.items ?? serverItems(state.privateView);
}

/** A plan change the server has not acknowledged yet. */
export const planPending = (state: RoomSessionState): boolean =>
  pending(state, 'plan:set', 'plan:set') !== undefined;

export function isTicked(
  state: RoomSessionState,
  questionId: string,
  kind: RubricItemKind,
  index: number,
): boolean {
  const write = pending(state, tickField(questionId, kind, index), 'rubric:tick');
  if (write) return write.payload.ticked;
  return (state.privateView?.records[questionId]?.ticks ?? []).some(
    (t) => t.kind === kind && t.index === index,
  );
}

/** Every ticked item of a question, pending ticks included. */
export function ticksOf(
  state: RoomSessionState,
  questionId: string,
): { kind: RubricItemKind; index: number }[] {
  const question = state.privateView?.plan.find((q) => q.id === questionId);
  if (!question) return [];
  const kinds: [RubricItemKind, readonly string[]][] = [
    ['keyPoint', question.rubric.keyPoints],
    ['strongSignal', question.rubric.strongSignals],
    ['redFlag', question.rubric.redFlags],
  ];
  return kinds.flatMap(([kind, list]) =>
    list.flatMap((_text, index) => (isTicked(state, questionId, kind, index) ? [{ kind, index }] : [])),
  );
}

export function suggestedScoreFor(state: RoomSessionState, questionId: string): Score | null {
  const question = state.privateView?.plan.find((q) => q.id === questionId);
  return question ? suggestScore(question.rubric, ticksOf(state, questionId)) : null;
}

export function recommendationOf(state: RoomSessionState): Recommendation | null {
  const write = pending(state, 'recommendation:set', 'recommendation:set');
  return write ? write.payload.recommendation : (state.privateView?.recommendation ?? null);
}

export function summaryOf(state: RoomSessionState): {
  text: string;
  status: NoteStatus | null;
  error: string | null;
} {
  const draft = state.drafts[SUMMARY_KEY];
  if (draft) return draft;
  return { text: state.privateView?.summary ?? '', status: null, error: null };
}

/** Final once it has a recommendation and a summary; what is missing otherwise. */
export function reportReadiness(state: RoomSessionState): {
  final: boolean;
  missing: ('a recommendation' | 'a summary')[];
} {
  const recommendation = recommendationOf(state);
  const summary = summaryOf(state).text;
  const missing: ('a recommendation' | 'a summary')[] = [];
  if (recommendation === null) missing.push('a recommendation');
  if (summary.trim() === '') missing.push('a summary');
  return { final: isReportFinal(recommendation, summary), missing };
}
