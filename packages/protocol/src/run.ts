import { z } from 'zod';
import type { Ack } from './errors.ts';
import { QuestionIdSchema, RoleSchema } from './ids.ts';

/**
 * Running the candidate's Python. Code runs in the browser (Pyodide in a Web Worker) of whoever
 * presses Run; the server never executes it. The runner's page streams what the program prints,
 * and the server relays it to the room (bounded per run) and records each finished run on the
 * room's timeline. Hidden checks run on an interviewer's page only: the candidate learns their
 * counts, and their names and results only when an interviewer reveals them.
 */

export const RUN_LIMITS = {
  /** Output relayed per run (stdout + stderr); past it the server sends one truncation notice. */
  outputBytes: 64 * 1024,
  /** Largest single output chunk a page may send. */
  chunkChars: 16 * 1024,
  /** Traceback text carried by `run:end`. */
  tracebackChars: 16 * 1024,
  /** Output kept per run on the stored timeline (and so in the export). */
  timelineOutputChars: 4 * 1024,
  /** Runs a socket may have open at once (a new Run on the same page ends the previous one). */
  openRunsPerSocket: 4,
  /** Hidden checks per question, and the length of each check's name. */
  checksPerQuestion: 20,
  checkNameChars: 120,
  checkMessageChars: 500,
} as const;

/** Default wall-clock limit of one run, when the question sets none. */
export const DEFAULT_RUN_TIME_LIMIT_SECONDS = 10;
export const MAX_RUN_TIME_LIMIT_SECONDS = 120;

/** Chosen by the page that runs the code; names the run in every event. */
export const RunIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'run id must be 8 to 64 base64url characters');

/** How a run ended. `crashed`: the worker died (out of memory, say) or the runner went away. */
export const RunStatusSchema = z.enum(['ok', 'error', 'timeout', 'stopped', 'crashed']);
export type RunStatus = z.infer<typeof RunStatusSchema>;

export const RunStreamSchema = z.enum(['stdout', 'stderr']);
export type RunStream = z.infer<typeof RunStreamSchema>;

/** SHA-256 of the code that ran, hex. */
export const CodeHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'code hash must be 64 hex characters');

/** A hidden check, written by the interviewer: Python run against the candidate's code. Rubric data. */
export const HiddenCheckSchema = z.object({
  name: z.string().min(1).max(RUN_LIMITS.checkNameChars),
  /** Python (usually asserts) run in the namespace of the candidate's module. */
  code: z.string().min(1),
});
export type HiddenCheck = z.infer<typeof HiddenCheckSchema>;

export const CheckResultSchema = z.object({
  name: z.string().min(1).max(RUN_LIMITS.checkNameChars),
  passed: z.boolean(),
  /** Why it failed (the exception's last line); empty when it passed. */
  message: z.string().max(RUN_LIMITS.checkMessageChars),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;

export const RunByUserSchema = z.object({ name: z.string(), role: RoleSchema });
export type RunByUser = z.infer<typeof RunByUserSchema>;

// ---- client -> server ----------------------------------------------------------------------

/** Run events: both roles may send `run:*`; `checks:*` are for interviewers only. */
export const runEventSchemas = {
  'run:start': z.object({ runId: RunIdSchema, questionId: QuestionIdSchema }).strict(),
  'run:output': z
    .object({
      runId: RunIdSchema,
      stream: RunStreamSchema,
      text: z.string().min(1).max(RUN_LIMITS.chunkChars),
    })
    .strict(),
  'run:end': z
    .object({
      runId: RunIdSchema,
      status: RunStatusSchema,
      /** The program's exit code (SystemExit), 0 on success, 1 on an exception; null if it never finished. */
      exitCode: z.number().int().min(-255).max(255).nullable(),
      durationMs: z
        .number()
        .int()
        .min(0)
        .max(60 * 60 * 1000),
      traceback: z.string().max(RUN_LIMITS.tracebackChars).nullable(),
      codeHash: CodeHashSchema,
    })
    .strict(),
  /** Counts only reach the candidate. */
  'checks:ran': z
    .object({
      questionId: QuestionIdSchema,
      passed: z.number().int().min(0).max(RUN_LIMITS.checksPerQuestion),
      total: z.number().int().min(0).max(RUN_LIMITS.checksPerQuestion),
      codeHash: CodeHashSchema,
    })
    .strict()
    .refine((v) => v.passed <= v.total, 'passed must not exceed total'),
  /** Shows the candidate each check's name and result (never its code). */
  'checks:reveal': z
    .object({
      questionId: QuestionIdSchema,
      results: z.array(CheckResultSchema).min(1).max(RUN_LIMITS.checksPerQuestion),
    })
    .strict(),
} as const;

export type RunEventName = keyof typeof runEventSchemas;
export const isRunEventName = (name: unknown): name is RunEventName =>
  typeof name === 'string' && Object.hasOwn(runEventSchemas, name);
export type RunEventPayload<E extends RunEventName> = z.infer<(typeof runEventSchemas)[E]>;

export interface RunEventResults {
  'run:start': { runId: string };
  'run:output': { accepted: boolean };
  'run:end': { runId: string };
  'checks:ran': { questionId: string };
  'checks:reveal': { questionId: string };
}

export const INTERVIEWER_ONLY_RUN_EVENTS: ReadonlySet<RunEventName> = new Set<RunEventName>([
  'checks:ran',
  'checks:reveal',
]);

export type RunClientToServerEvents = {
  [E in RunEventName]: (payload: RunEventPayload<E>, ack: (res: Ack<RunEventResults[E]>) => void) => void;
};

// ---- server -> client ----------------------------------------------------------------------

export const RunStartedSchema = z.object({
  runId: RunIdSchema,
  questionId: QuestionIdSchema,
  by: RunByUserSchema,
  startedAt: z.number(),
});
export type RunStarted = z.infer<typeof RunStartedSchema>;

export const RunOutputSchema = z.object({
  runId: RunIdSchema,
  /** `notice`: a line from the server (output truncated). */
  stream: z.enum(['stdout', 'stderr', 'notice']),
  text: z.string(),
});
export type RunOutput = z.infer<typeof RunOutputSchema>;

export const RunEndedSchema = z.object({
  runId: RunIdSchema,
  questionId: QuestionIdSchema,
  status: RunStatusSchema,
  exitCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  traceback: z.string().nullable(),
  codeHash: z.string(),
  truncated: z.boolean(),
});
export type RunEnded = z.infer<typeof RunEndedSchema>;

export const ChecksRanSchema = z.object({
  questionId: QuestionIdSchema,
  passed: z.number().int(),
  total: z.number().int(),
  by: RunByUserSchema,
  at: z.number(),
});
export type ChecksRan = z.infer<typeof ChecksRanSchema>;

export const ChecksRevealedSchema = z.object({
  questionId: QuestionIdSchema,
  results: z.array(CheckResultSchema),
  by: RunByUserSchema,
  at: z.number(),
});
export type ChecksRevealed = z.infer<typeof ChecksRevealedSchema>;

export interface RunServerToClientEvents {
  /** To everyone in the room but the runner's own socket (it shows its run locally). */
  'run:started': (run: RunStarted) => void;
  'run:output': (chunk: RunOutput) => void;
  'run:ended': (run: RunEnded) => void;
  /** To everyone: counts only. */
  'checks:ran': (summary: ChecksRan) => void;
  'checks:revealed': (revealed: ChecksRevealed) => void;
}

/** Points of a Python traceback that are in the candidate's file: `File "solution.py", line N`. */
export const SOLUTION_FILENAME = 'solution.py';
