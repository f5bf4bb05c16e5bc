import { z } from 'zod';
import { QuestionIdSchema } from './ids.ts';
import { QuestionSchema } from './questions.ts';

/**
 * A room's plan: which questions, in which order, and how long the interviewer means to spend on
 * each. Edited as a whole (`plan:set`), like notes, so a resend can never reorder edits.
 */

export const PLAN_LIMITS = {
  maxBudgetMinutes: 180,
  adHocTitleChars: 120,
  adHocPromptChars: 4_000,
  adHocStarterCodeChars: 8_000,
  /** "What to look for": one line per point, each a tickable key point. */
  adHocLookForPoints: 20,
  adHocLookForChars: 300,
  /** New ad-hoc questions in one plan write: keeps a write far below the socket's message limit. */
  adHocPerWrite: 4,
  savedPlanNameChars: 80,
  /** Saved plans kept on a server; creating one more is refused until one is deleted. */
  savedPlans: 200,
} as const;

export const BudgetMinutesSchema = z.number().int().min(1).max(PLAN_LIMITS.maxBudgetMinutes);

/** Ad-hoc question ids are chosen by the client that types the question, with this prefix. */
export const AD_HOC_ID_PREFIX = 'adhoc-';
export const AdHocIdSchema = QuestionIdSchema.refine(
  (id) => id.startsWith(AD_HOC_ID_PREFIX),
  `an ad-hoc question id starts with "${AD_HOC_ID_PREFIX}"`,
);

/** A question typed by an interviewer during the interview. `lookFor` is interviewer-only. */
export const AdHocQuestionInputSchema = z
  .object({
    title: z.string().trim().min(1).max(PLAN_LIMITS.adHocTitleChars),
    prompt: z.string().trim().min(1).max(PLAN_LIMITS.adHocPromptChars),
    starterCode: z.string().max(PLAN_LIMITS.adHocStarterCodeChars).optional(),
    lookFor: z
      .array(z.string().trim().min(1).max(PLAN_LIMITS.adHocLookForChars))
      .max(PLAN_LIMITS.adHocLookForPoints)
      .optional(),
  })
  .strict();
export type AdHocQuestionInput = z.infer<typeof AdHocQuestionInputSchema>;

/**
 * One entry of a plan write. A question already in the room's plan is named by id; a new one
 * comes from the bank (by id) or, with `adHoc`, is created from what the interviewer typed.
 */
export const PlanItemInputSchema = z
  .object({
    questionId: QuestionIdSchema,
    budgetMinutes: BudgetMinutesSchema,
    adHoc: AdHocQuestionInputSchema.optional(),
  })
  .strict()
  .refine((item) => item.adHoc === undefined || AdHocIdSchema.safeParse(item.questionId).success, {
    message: `an ad-hoc question id starts with "${AD_HOC_ID_PREFIX}"`,
    path: ['questionId'],
  });
export type PlanItemInput = z.infer<typeof PlanItemInputSchema>;

/** A question as it sits in a room's plan: a snapshot of the bank's, plus the plan's own data. */
export const PlannedQuestionSchema = QuestionSchema.extend({
  budgetMinutes: BudgetMinutesSchema,
  /** Typed by an interviewer in this room, not taken from a bank. */
  adHoc: z.literal(true).optional(),
});
export type PlannedQuestion = z.infer<typeof PlannedQuestionSchema>;

export const SavedPlanIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'saved plan id must be 22 base64url characters');

export const SavedPlanItemSchema = z
  .object({ questionId: QuestionIdSchema, budgetMinutes: BudgetMinutesSchema })
  .strict();
export type SavedPlanItem = z.infer<typeof SavedPlanItemSchema>;

/** A reusable plan ("Python mid-level screen, 45 min"): bank question ids and budgets, no rubric. */
export const SavedPlanSchema = z.object({
  id: SavedPlanIdSchema,
  name: z.string(),
  items: z.array(SavedPlanItemSchema),
  createdAt: z.number(),
});
export type SavedPlan = z.infer<typeof SavedPlanSchema>;

/** A question's budget when none is set: its own duration, within the budget limit. */
export const defaultBudgetMinutes = (question: { durationMinutes: number }): number =>
  Math.min(question.durationMinutes, PLAN_LIMITS.maxBudgetMinutes);

/** Total budget of a plan, in minutes. */
export const totalBudgetMinutes = (plan: readonly { budgetMinutes: number }[]): number =>
  plan.reduce((sum, item) => sum + item.budgetMinutes, 0);
