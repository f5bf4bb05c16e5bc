import { z } from 'zod';
import { QuestionIdSchema, TokenSchema } from './ids.ts';
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
    }),
  ),
  timeline: z.array(z.object({ at: z.string(), type: z.string(), detail: z.string() })),
});
export type ExportReport = z.infer<typeof ExportReportSchema>;

export const HttpErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
