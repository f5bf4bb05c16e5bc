import { z } from 'zod';
import { RecommendationSchema, RubricItemKindSchema } from './assessment.ts';
import { QuestionIdSchema, RoleSchema, TokenSchema } from './ids.ts';
import { PLAN_LIMITS, SavedPlanIdSchema, SavedPlanItemSchema, SavedPlanSchema } from './plan.ts';
import { LIMITS, NameSchema, ScoreSchema } from './room.ts';

export const CreateRoomRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleChars),
    candidateName: NameSchema,
    interviewerName: NameSchema.optional(),
    /** Bank question ids, in order; empty: the plan is built in the room. Default: the whole bank. */
    questionIds: z
      .array(QuestionIdSchema)
      .max(LIMITS.questionsPerRoom)
      .refine((ids) => new Set(ids).size === ids.length, 'question ids must be unique')
      .optional(),
    /** Start from a saved plan (its questions and budgets) instead of `questionIds`. */
    savedPlanId: SavedPlanIdSchema.optional(),
  })
  .strict()
  .refine((request) => request.questionIds === undefined || request.savedPlanId === undefined, {
    message: 'give questionIds or savedPlanId, not both',
    path: ['savedPlanId'],
  });
export type CreateRoomRequest = z.infer<typeof CreateRoomRequestSchema>;

export const RoleLinkSchema = z.object({ url: z.string(), token: TokenSchema });
export const CreateRoomResponseSchema = z.object({
  id: z.string(),
  interviewer: RoleLinkSchema,
  candidate: RoleLinkSchema,
});
export type CreateRoomResponse = z.infer<typeof CreateRoomResponseSchema>;

/**
 * `POST /api/rooms/:id/links` (interviewer token): new links for these roles. The old tokens stop
 * working at once and their live connections are closed.
 */
export const RegenerateLinksRequestSchema = z
  .object({
    roles: z
      .array(RoleSchema)
      .min(1)
      .max(2)
      .refine((roles) => new Set(roles).size === roles.length, 'roles must be unique'),
  })
  .strict();
export type RegenerateLinksRequest = z.infer<typeof RegenerateLinksRequestSchema>;

/** The new links, for the roles asked for only. */
export const RegenerateLinksResponseSchema = z.object({
  id: z.string(),
  interviewer: RoleLinkSchema.optional(),
  candidate: RoleLinkSchema.optional(),
});
export type RegenerateLinksResponse = z.infer<typeof RegenerateLinksResponseSchema>;

/** `POST /api/plans`: save a plan of bank questions for reuse. */
export const CreateSavedPlanRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(PLAN_LIMITS.savedPlanNameChars),
    items: z
      .array(SavedPlanItemSchema)
      .min(1)
      .max(LIMITS.questionsPerRoom)
      .refine(
        (items) => new Set(items.map((item) => item.questionId)).size === items.length,
        'question ids must be unique',
      ),
  })
  .strict();
export type CreateSavedPlanRequest = z.infer<typeof CreateSavedPlanRequestSchema>;

/** `GET /api/plans`: every saved plan, newest first. */
export const SavedPlanListSchema = z.array(SavedPlanSchema);

export const ExportFormatSchema = z.enum(['md', 'json']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

export const ExportReportSchema = z.object({
  roomId: z.string(),
  title: z.string(),
  candidateName: z.string(),
  interviewers: z.array(z.string()),
  status: z.enum(['waiting', 'live', 'ended']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** Final once it has a recommendation and a summary; a draft until then. */
  final: z.boolean(),
  recommendation: RecommendationSchema.nullable(),
  recommendationLabel: z.string().nullable(),
  summary: z.string(),
  totalBudgetMinutes: z.number(),
  questions: z.array(
    z.object({
      index: z.number().int(),
      id: z.string(),
      title: z.string(),
      /** Typed by an interviewer in the room rather than taken from a bank. */
      adHoc: z.boolean(),
      prompt: z.string(),
      asked: z.boolean(),
      timeSpentMs: z.number(),
      budgetMinutes: z.number(),
      overBudget: z.boolean(),
      /** The interviewer's score: the one that counts. */
      score: ScoreSchema.nullable(),
      scoreLabel: z.string().nullable(),
      /** What the ticked rubric items suggest (see suggestScore). */
      suggestedScore: ScoreSchema.nullable(),
      suggestedScoreLabel: z.string().nullable(),
      /** Ticked rubric items, oldest first; `elapsed` is the interview's clock when ticked. */
      ticked: z.array(
        z.object({
          kind: RubricItemKindSchema,
          label: z.string(),
          text: z.string(),
          at: z.string(),
          elapsedMs: z.number().nullable(),
        }),
      ),
      notes: z.string(),
      code: z.string(),
      /** Every run of this question's code, oldest first (timeline `code-run` events). */
      runs: z.array(
        z.object({
          at: z.string(),
          by: z.string(),
          role: z.string(),
          status: z.string(),
          exitCode: z.number().nullable(),
          durationMs: z.number(),
          codeHash: z.string(),
          output: z.string(),
          truncated: z.boolean(),
        }),
      ),
    }),
  ),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), detail: z.string() })),
});
export type ExportReport = z.infer<typeof ExportReportSchema>;

export const HttpErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
