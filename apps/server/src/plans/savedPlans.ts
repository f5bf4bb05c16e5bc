import { randomBytes } from 'node:crypto';
import {
  type CreateSavedPlanRequest,
  type ErrorCode,
  PLAN_LIMITS,
  type Question,
  type SavedPlan,
  type SavedPlanItem,
} from '@interview-room/protocol';
import type { QuestionBank } from '@interview-room/questions';
import type { Logger } from '../logger.ts';
import type { RoomStore } from '../store/types.ts';

export interface SavedPlanDeps {
  store: RoomStore;
  bank: QuestionBank;
  log: Logger;
  now: () => number;
}

export type SavedPlanResult =
  | { ok: true; plan: SavedPlan }
  | { ok: false; code: ErrorCode; message: string; field?: string };

/** The questions of a saved plan, each with its budget, if the bank still has them all. */
export type ResolvedPlan =
  | { ok: true; items: Array<{ question: Question; budgetMinutes: number }> }
  | { ok: false; message: string };

/**
 * Reusable plans ("Python mid-level screen, 45 min"): bank question ids and budgets, shared by
 * every interviewer of the deployment. They hold no rubric, only what `GET /api/questions` lists.
 */
export class SavedPlans {
  constructor(private readonly deps: SavedPlanDeps) {}

  list(): Promise<SavedPlan[]> {
    return this.deps.store.listSavedPlans();
  }

  get(id: string): Promise<SavedPlan | null> {
    return this.deps.store.getSavedPlan(id);
  }

  async create(request: CreateSavedPlanRequest): Promise<SavedPlanResult> {
    const unknown = request.items.findIndex((item) => !this.deps.bank.has(item.questionId));
    if (unknown !== -1)
      return {
        ok: false,
        code: 'BAD_REQUEST',
        message: `Unknown question id: ${request.items[unknown]?.questionId} (ad-hoc questions cannot be saved)`,
        field: `items.${unknown}.questionId`,
      };
    const plan: SavedPlan = {
      id: randomBytes(16).toString('base64url'),
      name: request.name,
      items: request.items,
      createdAt: this.deps.now(),
    };
    if (!(await this.deps.store.createSavedPlan(plan, PLAN_LIMITS.savedPlans)))
      return {
        ok: false,
        code: 'BAD_REQUEST',
        message: `There are ${PLAN_LIMITS.savedPlans} saved plans already: delete one first`,
      };
    this.deps.log.info('saved plan created', { planId: plan.id, questions: plan.items.length });
    return { ok: true, plan };
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.deps.store.deleteSavedPlan(id);
    if (deleted) this.deps.log.info('saved plan deleted', { planId: id });
    return deleted;
  }

  /** A saved plan's questions from the bank; refused if the bank has lost one since it was saved. */
  resolve(items: readonly SavedPlanItem[], name: string): ResolvedPlan {
    const resolved: Extract<ResolvedPlan, { ok: true }>['items'] = [];
    for (const item of items) {
      const question = this.deps.bank.get(item.questionId);
      if (!question)
        return {
          ok: false,
          message: `Saved plan “${name}” names question ${item.questionId}, which the bank no longer has`,
        };
      resolved.push({ question, budgetMinutes: item.budgetMinutes });
    }
    return { ok: true, items: resolved };
  }
}
