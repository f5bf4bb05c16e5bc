import {
  AD_HOC_ID_PREFIX,
  type InterviewerView,
  LIMITS,
  type PlanItemInput,
  type PublicRoomView,
  type QuestionSummary,
  type SavedPlan,
  type SavedPlanItem,
} from '@interview-room/protocol';

/**
 * The plan builder's edits, as pure functions from one list of plan items to the next. Each
 * result is written whole (`plan:set`); the server applies the same locking rules and refuses
 * anything that would change the past.
 */

/** One row of the plan, as the builder and the plan list show it. */
export interface PlanRow {
  questionId: string;
  title: string;
  topic: string;
  level: QuestionSummary['level'] | null;
  budgetMinutes: number;
  adHoc: boolean;
  /** Reached in the interview (up to the current question, or ever shown): it stays in place. */
  locked: boolean;
  /** Asked and left: its budget is history too. */
  budgetLocked: boolean;
}

export interface Locks {
  /** Questions that keep their place. */
  locked: ReadonlySet<string>;
  /** Questions whose budget can no longer change. */
  budgetLocked: ReadonlySet<string>;
}

/** The plan as the server has it. */
export function serverItems(privateView: InterviewerView | null): PlanItemInput[] {
  return (privateView?.plan ?? []).map((q) => ({ questionId: q.id, budgetMinutes: q.budgetMinutes }));
}

/** The server's rule (domain/plan.ts): the past keeps its place; an asked question its budget. */
export function locksOf(view: PublicRoomView | null, privateView: InterviewerView | null): Locks {
  const locked = new Set<string>();
  const budgetLocked = new Set<string>();
  const currentIndex = view?.currentIndex ?? -1;
  for (const [index, question] of (privateView?.plan ?? []).entries()) {
    const shown = privateView?.records[question.id]?.firstShownAt != null;
    if (index <= currentIndex || shown) {
      locked.add(question.id);
      if (index !== currentIndex) budgetLocked.add(question.id);
    }
  }
  return { locked, budgetLocked };
}

/** Titles and topics for each item: from the room's plan, the bank, or the ad-hoc text typed. */
export function planRows(
  items: readonly PlanItemInput[],
  privateView: InterviewerView | null,
  bank: readonly QuestionSummary[],
  locks: Locks,
): PlanRow[] {
  const planned = new Map((privateView?.plan ?? []).map((q) => [q.id, q]));
  const banked = new Map(bank.map((q) => [q.id, q]));
  return items.map((item) => {
    const known = planned.get(item.questionId) ?? banked.get(item.questionId);
    const adHoc = item.adHoc !== undefined || planned.get(item.questionId)?.adHoc === true;
    return {
      questionId: item.questionId,
      title: known?.title ?? item.adHoc?.title ?? item.questionId,
      topic: adHoc ? 'Ad hoc' : (known?.topic ?? ''),
      level: adHoc ? null : (known?.level ?? null),
      budgetMinutes: item.budgetMinutes,
      adHoc,
      locked: locks.locked.has(item.questionId),
      budgetLocked: locks.budgetLocked.has(item.questionId),
    };
  });
}

export function withAdded(
  items: readonly PlanItemInput[],
  item: PlanItemInput,
  at = items.length,
): PlanItemInput[] {
  if (items.some((existing) => existing.questionId === item.questionId)) return [...items];
  const index = Math.max(0, Math.min(at, items.length));
  return [...items.slice(0, index), item, ...items.slice(index)];
}

export function withoutItem(items: readonly PlanItemInput[], questionId: string): PlanItemInput[] {
  return items.filter((item) => item.questionId !== questionId);
}

export function withBudget(
  items: readonly PlanItemInput[],
  questionId: string,
  budgetMinutes: number,
): PlanItemInput[] {
  return items.map((item) => (item.questionId === questionId ? { ...item, budgetMinutes } : item));
}

/** The item one place up (-1) or down (+1); null when it or its neighbour must stay put. */
export function moved(
  items: readonly PlanItemInput[],
  questionId: string,
  delta: -1 | 1,
  locks: Locks,
): PlanItemInput[] | null {
  const from = items.findIndex((item) => item.questionId === questionId);
  const to = from + delta;
  const here = items[from];
  const there = items[to];
  if (!here || !there || locks.locked.has(here.questionId) || locks.locked.has(there.questionId)) return null;
  const next = [...items];
  next[from] = there;
  next[to] = here;
  return next;
}

/**
 * Where a new question goes by default: after the current one while the interview runs (but after
 * anything already shown, which keeps its place), at the end before it starts.
 */
export function insertionIndex(items: readonly PlanItemInput[], locks: Locks, currentIndex: number): number {
  if (currentIndex < 0) return items.length;
  let lastLocked = -1;
  items.forEach((item, index) => {
    if (locks.locked.has(item.questionId)) lastLocked = index;
  });
  return Math.max(currentIndex + 1, lastLocked + 1);
}

/** A saved plan's questions after whatever has been reached; the rest of the plan is replaced. */
export function fromSavedPlan(
  items: readonly PlanItemInput[],
  saved: SavedPlan,
  locks: Locks,
): PlanItemInput[] {
  const kept = items.filter((item) => locks.locked.has(item.questionId));
  const keptIds = new Set(kept.map((item) => item.questionId));
  return [...kept, ...saved.items.filter((item) => !keptIds.has(item.questionId))];
}

/** What a saved plan can hold: bank questions only (ad-hoc ones belong to their room). */
export function toSavedItems(rows: readonly PlanRow[]): SavedPlanItem[] {
  return rows
    .filter((row) => !row.adHoc)
    .map(({ questionId, budgetMinutes }) => ({ questionId, budgetMinutes }));
}

/** A fresh ad-hoc question id: the prefix and 10 random base-36 characters. */
export function newAdHocId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  return `${AD_HOC_ID_PREFIX}${Array.from(bytes, (byte) => (byte % 36).toString(36)).join('')}`;
}

/** How many ad-hoc questions a plan write would create (the server takes a few per write). */
export const newAdHocCount = (items: readonly PlanItemInput[]): number =>
  items.filter((item) => item.adHoc !== undefined).length;

/**
 * Whether a plan write with these items stays well under the socket's message limit: a larger
 * one would close the connection, and be resent, and close it again. Only ad-hoc questions
 * (their text travels until the server has it) can make a plan that large.
 */
export function planWriteFits(items: readonly PlanItemInput[]): boolean {
  const payload = JSON.stringify({ items, opId: 'x'.repeat(64) });
  return new TextEncoder().encode(payload).length <= LIMITS.socketPayloadBytes - 16 * 1024;
}
