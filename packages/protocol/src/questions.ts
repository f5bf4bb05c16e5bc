import { z } from 'zod';
import { QuestionIdSchema } from './ids.ts';
import { HiddenCheckSchema, MAX_RUN_TIME_LIMIT_SECONDS, RUN_LIMITS } from './run.ts';

export const LanguageSchema = z.enum(['python']);
export type Language = z.infer<typeof LanguageSchema>;

/** What a candidate may see of a question. */
export const CandidateQuestionSchema = z.object({
  id: QuestionIdSchema,
  title: z.string(),
  prompt: z.string(),
  language: LanguageSchema,
  /** Wall-clock limit of one Run; DEFAULT_RUN_TIME_LIMIT_SECONDS when absent. */
  timeLimitSeconds: z.number().int().min(1).max(MAX_RUN_TIME_LIMIT_SECONDS).optional(),
});
export type CandidateQuestion = z.infer<typeof CandidateQuestionSchema>;

/** The interviewer-only part of a question. Never sent to a candidate. */
export const RubricSchema = z.object({
  sampleAnswer: z.string(),
  keyPoints: z.array(z.string()),
  strongSignals: z.array(z.string()),
  redFlags: z.array(z.string()),
  whyWeAsk: z.string(),
  followUps: z.array(z.string()),
  /** Python asserts run against the candidate's code on an interviewer's page (run.ts). */
  hiddenChecks: z.array(HiddenCheckSchema).max(RUN_LIMITS.checksPerQuestion).optional(),
});
export type Rubric = z.infer<typeof RubricSchema>;

export const QuestionSchema = CandidateQuestionSchema.extend({
  topic: z.string(),
  level: z.enum(['junior', 'mid', 'senior']),
  durationMinutes: z.number().int().positive(),
  tags: z.array(z.string()),
  /** The bank the question comes from (its folder's name), so a listing can be filtered by bank. */
  bank: z.string().min(1).max(100).optional(),
  /** Seeded into the question's code buffer the first time it is shown. Empty: none. */
  starterCode: z.string(),
  rubric: RubricSchema,
});
export type Question = z.infer<typeof QuestionSchema>;

/** A bank entry as listed publicly (for building a plan): no prompt, no rubric. */
export const QuestionSummarySchema = QuestionSchema.pick({
  id: true,
  title: true,
  topic: true,
  level: true,
  durationMinutes: true,
  tags: true,
  bank: true,
});
export type QuestionSummary = z.infer<typeof QuestionSummarySchema>;
