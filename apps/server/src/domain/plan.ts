import {
  type AdHocQuestionInput,
  defaultBudgetMinutes,
  type PlanItemInput,
  type PlannedQuestion,
  type Question,
  type QuestionRecord,
} from '@interview-room/protocol';
import { frozenCopy } from './frozenCopy.ts';

/** The plan part of a room's state that a plan write may change. */
export interface PlanState {
  plan: readonly PlannedQuestion[];
  records: Readonly<Record<string, QuestionRecord>>;
  currentIndex: number;
}

export type PlanReplacement =
  | {
      ok: true;
      plan: PlannedQuestion[];
      records: Record<string, QuestionRecord>;
      /** Ad-hoc questions this write created, in plan order. */
      addedAdHoc: PlannedQuestion[];
    }
  | { ok: false; code: 'INVALID_TRANSITION' | 'NOT_FOUND'; message: string };

/** Deep-frozen and shared by every question of every room not yet shown (commands copy what they change). */
const EMPTY_RECORD: QuestionRecord = frozenCopy({
  notes: '',
  score: null,
  timeSpentMs: 0,
  firstShownAt: null,
  ticks: [],
});

export const emptyRecord = (): QuestionRecord => EMPTY_RECORD;

const own = <T>(records: Readonly<Record<string, T>>, id: string): T | undefined =>
  Object.hasOwn(records, id) ? records[id] : undefined;

/**
 * The past is fixed: every question up to the current one, and every question ever shown,
 * keeps its position; a question shown and left keeps its budget too (the current one's may
 * still grow or shrink).
 */
function isLocked(state: PlanState, index: number): boolean {
  const question = state.plan[index];
  if (!question) return false;
  return index <= state.currentIndex || own(state.records, question.id)?.firstShownAt != null;
}

const hasWork = (record: QuestionRecord | undefined): boolean =>
  record !== undefined && (record.notes !== '' || record.score !== null || record.ticks.length > 0);

/**
 * Replaces the plan with `items`. A question already in the plan keeps its snapshot (a bank edit
 * never changes a room's question); a new one comes from `bankQuestions` or, with `adHoc`, from
 * what the interviewer typed. Pure: the caller resolves bank questions beforehand.
 */
export function replacePlan(
  state: PlanState,
  items: readonly PlanItemInput[],
  bankQuestions: readonly Question[],
): PlanReplacement {
  const fail = (code: 'INVALID_TRANSITION' | 'NOT_FOUND', message: string): PlanReplacement => ({
    ok: false,
    code,
    message,
  });
  const newIndex = new Map(items.map((item, index) => [item.questionId, index]));

  for (const [index, question] of state.plan.entries()) {
    const at = newIndex.get(question.id);
    if (isLocked(state, index)) {
      if (at !== index)
        return fail(
          'INVALID_TRANSITION',
          `“${question.title}” has been reached in the interview: it stays at position ${index + 1}`,
        );
      const budget = items[index]?.budgetMinutes;
      if (index !== state.currentIndex && budget !== question.budgetMinutes)
        return fail('INVALID_TRANSITION', `“${question.title}” has been asked: its budget cannot change`);
    } else if (at === undefined && hasWork(own(state.records, question.id))) {
      return fail(
        'INVALID_TRANSITION',
        `“${question.title}” has notes, ticks or a score: it stays in the plan`,
      );
    }
  }

  const existing = new Map(state.plan.map((question) => [question.id, question]));
  const fromBank = new Map(bankQuestions.map((question) => [question.id, question]));
  const plan: PlannedQuestion[] = [];
  const records: Record<string, QuestionRecord> = {};
  const addedAdHoc: PlannedQuestion[] = [];
  for (const item of items) {
    const { questionId: id, budgetMinutes } = item;
    const kept = existing.get(id);
    let question: PlannedQuestion;
    if (kept) question = { ...kept, budgetMinutes };
    else if (item.adHoc) {
      question = adHocQuestion(id, item.adHoc, budgetMinutes);
      addedAdHoc.push(question);
    } else {
      const banked = fromBank.get(id);
      if (!banked) return fail('NOT_FOUND', `Question ${id} is not in the question bank`);
      question = planned(banked, budgetMinutes);
    }
    plan.push(question);
    records[id] = own(state.records, id) ?? emptyRecord();
  }
  return { ok: true, plan, records, addedAdHoc };
}

/**
 * A question typed on the spot. What to look for becomes its key points, so it can be ticked
 * like a bank question's; it is interviewer-only, like any rubric.
 */
export function adHocQuestion(id: string, input: AdHocQuestionInput, budgetMinutes: number): PlannedQuestion {
  return {
    id,
    title: input.title,
    prompt: input.prompt,
    language: 'python',
    topic: 'Ad hoc',
    level: 'mid',
    durationMinutes: budgetMinutes,
    tags: ['ad-hoc'],
    starterCode: input.starterCode ?? '',
    rubric: {
      sampleAnswer: '',
      keyPoints: input.lookFor ?? [],
      strongSignals: [],
      redFlags: [],
      whyWeAsk: '',
      followUps: [],
    },
    budgetMinutes,
    adHoc: true,
  };
}

/** Planned copies of bank questions by budget: see planned(). */
const plannedCopies = new WeakMap<Question, Map<number, PlannedQuestion>>();

/**
 * A bank question as it enters a plan: its own duration is the default budget. Deep-frozen and
 * shared by every plan that holds that question with that budget: a room's plan is then ten
 * references, where copies of the questions and their rubrics' arrays were ~6 KB per room, kept
 * for the room's whole retention by the in-memory store (which stores frozen parts as they are).
 */
export function planned(question: Question, budgetMinutes?: number): PlannedQuestion {
  const budget = budgetMinutes ?? defaultBudgetMinutes(question);
  if (Object.isFrozen(question) && 'budgetMinutes' in question && question.budgetMinutes === budget)
    return question as PlannedQuestion;
  let byBudget = plannedCopies.get(question);
  if (!byBudget) {
    byBudget = new Map();
    plannedCopies.set(question, byBudget);
  }
  let copy = byBudget.get(budget);
  if (!copy) {
    copy = frozenCopy({ ...question, budgetMinutes: budget });
    byBudget.set(budget, copy);
  }
  return copy;
}
