import { z } from 'zod';
import { QuestionIdSchema, RoleSchema, TokenSchema } from './ids.ts';
import { LIMITS, NameSchema, ScoreSchema } from './room.ts';

export const CreateRoomRequestSchema = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.titleChars),
    candidateName: NameSchema,
    interviewerName: NameSchema.optional(),
    questionIds: z
      .array(QuestionIdSchema)
      .min(1)
      .max(LIMITS.questionsPerRoom)
      .refine((ids) => new Set(ids).size === ids.length, 'question ids must be unique')
      .optional(),
  })
  .strict();
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
  questions: z.array(
    z.object({
      index: z.number().int(),
      id: z.string(),
      title: z.string(),
      asked: z.boolean(),
      timeSpentMs: z.number(),
      score: ScoreSchema.nullable(),
      scoreLabel: z.string().nullable(),
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
