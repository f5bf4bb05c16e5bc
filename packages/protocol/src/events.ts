import { z } from 'zod';
import { RecommendationSchema, RubricItemKindSchema } from './assessment.ts';
import type { Ack } from './errors.ts';
import { OpIdSchema, QuestionIdSchema, RoomIdSchema, TokenSchema } from './ids.ts';
import { PLAN_LIMITS, PlanItemInputSchema } from './plan.ts';
import type { Question } from './questions.ts';
import type {
  InterviewerFrame,
  InterviewerFullFrame,
  Participant,
  PublicRoomView,
  SessionInfo,
} from './room.ts';
import { LIMITS, NameSchema, ScoreSchema } from './room.ts';
import type { RunClientToServerEvents, RunServerToClientEvents } from './run.ts';

/**
 * 2: `notes:save` and `score:set` carry a required `opId`.
 * 3: the interviewer view's plan carries budgets (and ad-hoc questions), its records carry
 * ticks, and it adds the recommendation and summary; new timeline events.
 * 4: `room:private` leaves out an unchanged plan (`planKey`) and carries the room's version;
 * `room:view` reads the whole view.
 * 5: a `room:private` frame may carry only what changed over the version before (`changes`).
 */
export const PROTOCOL_VERSION = 5;

/** Socket.io handshake `auth` payload. */
export const HandshakeAuthSchema = z
  .object({
    roomId: RoomIdSchema,
    token: TokenSchema,
    /** Display name; honoured for interviewers only (the candidate's is fixed by the room). */
    name: NameSchema.optional(),
  })
  .strict();
export type HandshakeAuth = z.infer<typeof HandshakeAuthSchema>;

/** Inbound events: name -> payload schema. Server validates with these, client types from them. */
export const clientEventSchemas = {
  'question:next': z.object({}).strict(),
  'question:goto': z.object({ index: z.number().int().min(0).max(LIMITS.questionsPerRoom) }).strict(),
  'interview:end': z.object({}).strict(),
  /**
   * Note and score writes carry the whole value and a client-chosen `opId`. The client keeps
   * each unacknowledged write and resends it, same `opId`, after a reconnect or a reload; the
   * server applies an `opId` at most once. A client only ever resends its latest write per
   * question, so a retry never takes a note or score back to an older value.
   */
  'notes:save': z
    .object({ questionId: QuestionIdSchema, notes: z.string().max(LIMITS.notesChars), opId: OpIdSchema })
    .strict(),
  'score:set': z
    .object({ questionId: QuestionIdSchema, score: ScoreSchema.nullable(), opId: OpIdSchema })
    .strict(),
  /**
   * The whole plan, in order, with budgets: add, remove, reorder and re-budget are all this one
   * write. Questions already shown (and every one up to the current) keep their place; see the
   * room domain for the rules.
   */
  'plan:set': z
    .object({
      items: z
        .array(PlanItemInputSchema)
        .max(LIMITS.questionsPerRoom)
        .refine(
          (items) => new Set(items.map((item) => item.questionId)).size === items.length,
          'question ids must be unique',
        )
        .refine(
          (items) => items.filter((item) => item.adHoc).length <= PLAN_LIMITS.adHocPerWrite,
          `at most ${PLAN_LIMITS.adHocPerWrite} new ad-hoc questions per write`,
        ),
      opId: OpIdSchema,
    })
    .strict(),
  /** Ticks (or unticks) one rubric item of a question. */
  'rubric:tick': z
    .object({
      questionId: QuestionIdSchema,
      kind: RubricItemKindSchema,
      index: z.number().int().min(0).max(99),
      ticked: z.boolean(),
      opId: OpIdSchema,
    })
    .strict(),
  'recommendation:set': z
    .object({ recommendation: RecommendationSchema.nullable(), opId: OpIdSchema })
    .strict(),
  'summary:save': z.object({ summary: z.string().max(LIMITS.summaryChars), opId: OpIdSchema }).strict(),
  /** A read, not a write: one bank question with its rubric, to preview it while building the plan. */
  'bank:question': z.object({ questionId: QuestionIdSchema }).strict(),
  /** A read: the whole interviewer view, for a client that missed the frame of a plan change. */
  'room:view': z.object({}).strict(),
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export const isClientEventName = (name: unknown): name is ClientEventName =>
  typeof name === 'string' && Object.hasOwn(clientEventSchemas, name);
export type ClientPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

/** What each inbound event's ack carries on success. */
export interface ClientResults {
  'question:next': { currentIndex: number };
  'question:goto': { currentIndex: number };
  'interview:end': { endedAt: number };
  'notes:save': { questionId: string; savedAt: number };
  'score:set': { questionId: string; savedAt: number };
  'plan:set': { questionCount: number; savedAt: number };
  'rubric:tick': { questionId: string; savedAt: number };
  'recommendation:set': { savedAt: number };
  'summary:save': { savedAt: number };
  'bank:question': { question: Question };
  'room:view': { view: InterviewerFullFrame };
}

/** Events only an interviewer may send. */
export const INTERVIEWER_ONLY_EVENTS: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  'question:next',
  'question:goto',
  'interview:end',
  'notes:save',
  'score:set',
  'plan:set',
  'rubric:tick',
  'recommendation:set',
  'summary:save',
  'bank:question',
  'room:view',
]);

type CommandEvents = {
  [E in ClientEventName]: (payload: ClientPayload<E>, ack: (res: Ack<ClientResults[E]>) => void) => void;
};

/**
 * Room commands, plus the run relay events of run.ts (validated by their own `runEventSchemas`).
 * One flat mapped type: Socket.io's typings do not see through an intersection.
 */
export type ClientToServerEvents = {
  [E in ClientEventName | keyof RunClientToServerEvents]: E extends ClientEventName
    ? CommandEvents[E]
    : E extends keyof RunClientToServerEvents
      ? RunClientToServerEvents[E]
      : never;
};

export interface ServerToClientEvents extends RunServerToClientEvents {
  'session:ready': (info: SessionInfo) => void;
  'room:state': (view: PublicRoomView) => void;
  /** Interviewer sockets only. */
  'room:private': (frame: InterviewerFrame) => void;
  'presence:update': (participants: Participant[]) => void;
}
