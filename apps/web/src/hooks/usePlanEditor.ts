import type { AdHocQuestionInput, QuestionSummary, SavedPlan } from '@interview-room/protocol';
import { defaultBudgetMinutes, PLAN_LIMITS } from '@interview-room/protocol';
import { useMemo } from 'react';
import {
  fromSavedPlan,
  insertionIndex,
  type Locks,
  locksOf,
  moved,
  newAdHocCount,
  newAdHocId,
  type PlanRow,
  planRows,
  planWriteFits,
  withAdded,
  withBudget,
  withoutItem,
} from '../lib/planEdit.ts';
import type { RoomSession, RoomSessionState } from '../lib/roomSession.ts';
import { planItemsOf, planPending } from '../lib/workflowSelectors.ts';

export interface PlanEditor {
  rows: PlanRow[];
  locks: Locks;
  /** A change not stored by the server yet (offline, or on its way). */
  pending: boolean;
  /** The plan can no longer change (the interview has ended). */
  closed: boolean;
  /** New ad-hoc questions not stored yet; the server takes a few per write. */
  adHocRoom: boolean;
  add(question: QuestionSummary): void;
  /** False, and nothing written, when the plan write would be too large to send. */
  addAdHoc(question: AdHocQuestionInput, budgetMinutes: number): boolean;
  remove(questionId: string): void;
  move(questionId: string, delta: -1 | 1): void;
  setBudget(questionId: string, minutes: number): void;
  useSaved(plan: SavedPlan): void;
}

/** The room's plan as the builder edits it: every edit is one whole-plan write through the outbox. */
export function usePlanEditor(
  session: RoomSession | null,
  state: RoomSessionState,
  bank: readonly QuestionSummary[],
): PlanEditor {
  const { view, privateView, outbox } = state;
  // planItemsOf builds a new array from the server's plan on each call: memoised on what it reads,
  // so the rows below are not rebuilt on every render (once a second while the clock runs).
  // biome-ignore lint/correctness/useExhaustiveDependencies: planItemsOf reads only outbox and privateView
  const items = useMemo(() => planItemsOf(state), [outbox, privateView]);
  const locks = useMemo(() => locksOf(view, privateView), [view, privateView]);
  const rows = useMemo(() => planRows(items, privateView, bank, locks), [items, privateView, bank, locks]);
  const write = (next: typeof items | null) => {
    if (next && session) void session.setPlan(next);
  };
  const currentIndex = view?.currentIndex ?? -1;
  return {
    rows,
    locks,
    pending: planPending(state),
    closed: view?.status === 'ended',
    adHocRoom: newAdHocCount(items) < PLAN_LIMITS.adHocPerWrite,
    add: (question) =>
      write(
        withAdded(
          items,
          {
            questionId: question.id,
            budgetMinutes: defaultBudgetMinutes(question),
          },
          insertionIndex(items, locks, currentIndex),
        ),
      ),
    addAdHoc: (adHoc, budgetMinutes) => {
      const next = withAdded(
        items,
        { questionId: newAdHocId(), budgetMinutes, adHoc },
        insertionIndex(items, locks, currentIndex),
      );
      if (!planWriteFits(next)) return false;
      write(next);
      return true;
    },
    remove: (questionId) => write(withoutItem(items, questionId)),
    move: (questionId, delta) => write(moved(items, questionId, delta, locks)),
    setBudget: (questionId, minutes) => write(withBudget(items, questionId, minutes)),
    useSaved: (plan) => write(fromSavedPlan(items, plan, locks)),
  };
}
