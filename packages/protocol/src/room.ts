import { z } from 'zod';
import { RecommendationSchema, TickSchema } from './assessment.ts';
import { QuestionIdSchema, RoleSchema, RoomIdSchema } from './ids.ts';
import { PlannedQuestionSchema } from './plan.ts';
import { CandidateQuestionSchema } from './questions.ts';
import { RunStatusSchema } from './run.ts';

export const RoomStatusSchema = z.enum(['waiting', 'live', 'ended']);
export type RoomStatus = z.infer<typeof RoomStatusSchema>;

export const ScoreSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
export type Score = z.infer<typeof ScoreSchema>;
export const SCORE_LABELS: Record<Score, string> = {
  1: 'Weak',
  2: 'Mixed',
  3: 'Strong',
  4: 'Exceptional',
};

export const LIMITS = {
  titleChars: 120,
  nameChars: 80,
  notesChars: 20_000,
  /** The overall summary an interviewer writes at the end. */
  summaryChars: 20_000,
  questionsPerRoom: 50,
  /** Largest Socket.io message the server accepts; a larger one closes the connection. */
  socketPayloadBytes: 64 * 1024,
  /** Largest Yjs WebSocket message the server accepts; a larger one closes it with 1009. */
  yjsMessageBytes: 1024 * 1024,
  httpBodyBytes: 16 * 1024,
  /**
   * Largest a room's code document may grow (its encoded state). An update past it is refused and
   * its connection closed with YjsCloseCode.TooLarge. Below yjsMessageBytes, so a whole document
   * (a sync to an empty client, or from a client to a server that lost it) fits in one message.
   */
  yjsDocBytes: 960 * 1024,
  /**
   * Socket.io events per connection: a steady rate and the burst above it. An event over them is
   * answered RATE_LIMITED; a connection that has had socketRefusalsBeforeDisconnect refused
   * (forgiven at one per second) is disconnected.
   */
  socketEventsPerSecond: 20,
  socketEventBurst: 40,
  socketRefusalsBeforeDisconnect: 20,
  /**
   * Yjs messages and bytes per connection (typing and cursor moves are one message each; a paste
   * or the first sync may be up to a message in size). Over either, the connection is closed with
   * YjsCloseCode.RateLimited.
   */
  yjsMessagesPerSecond: 200,
  yjsMessageBurst: 400,
  yjsBytesPerSecond: 1024 * 1024,
  yjsByteBurst: 4 * 1024 * 1024,
  /**
   * Failed handshakes (bad token, unknown room) per client address and window, on Socket.io and
   * Yjs together. Past them every handshake from that address is refused (Socket.io connect_error
   * RATE_LIMITED, Yjs HTTP 429) until the window refills, before any token is checked.
   */
  handshakeFailuresPerWindow: 30,
  handshakeFailureWindowMs: 10_000,
} as const;

export const NameSchema = z.string().trim().min(1).max(LIMITS.nameChars);

/** The Yjs code document holds one Y.Text per question, under this key. */
export const codeTextKey = (questionId: string): string => `code:${questionId}`;

/**
 * What every participant, the candidate included, receives about the room.
 * It must never carry rubric, notes, scores or the plan's upcoming questions.
 */
export const PublicRoomViewSchema = z.object({
  id: RoomIdSchema,
  title: z.string(),
  candidateName: z.string(),
  status: RoomStatusSchema,
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  questionCount: z.number().int(),
  /** -1 before the first question is pushed. */
  currentIndex: z.number().int(),
  /** When the current question was (re)entered, for a live timer. */
  currentSince: z.number().nullable(),
  current: CandidateQuestionSchema.nullable(),
});
export type PublicRoomView = z.infer<typeof PublicRoomViewSchema>;

export const QuestionRecordSchema = z.object({
  notes: z.string(),
  score: ScoreSchema.nullable(),
  /** Time spent on the question in closed intervals; add now - currentSince if current. */
  timeSpentMs: z.number(),
  firstShownAt: z.number().nullable(),
  /** Rubric items ticked, oldest first; one entry per item. Rooms stored before ticks have none. */
  ticks: z.array(TickSchema).default([]),
});
export type QuestionRecord = z.infer<typeof QuestionRecordSchema>;

export const TimelineEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('room-created'), at: z.number() }),
  z.object({ type: z.literal('interview-started'), at: z.number() }),
  z.object({
    type: z.literal('question-shown'),
    at: z.number(),
    questionId: QuestionIdSchema,
    index: z.number().int(),
  }),
  z.object({ type: z.literal('participant-joined'), at: z.number(), role: RoleSchema, name: z.string() }),
  z.object({ type: z.literal('participant-left'), at: z.number(), role: RoleSchema, name: z.string() }),
  z.object({
    type: z.literal('score-set'),
    at: z.number(),
    questionId: QuestionIdSchema,
    score: ScoreSchema.nullable(),
  }),
  z.object({ type: z.literal('interview-ended'), at: z.number() }),
  /** An interviewer typed a question of their own into the plan. */
  z.object({
    type: z.literal('ad-hoc-question-added'),
    at: z.number(),
    questionId: QuestionIdSchema,
    title: z.string(),
  }),
  z.object({
    type: z.literal('recommendation-set'),
    at: z.number(),
    recommendation: RecommendationSchema.nullable(),
  }),
  /** A finished run of the candidate's code (run.ts); `output` is its first RUN_LIMITS.timelineOutputChars. */
  z.object({
    type: z.literal('code-run'),
    at: z.number(),
    questionId: QuestionIdSchema,
    runId: z.string(),
    role: RoleSchema,
    name: z.string(),
    codeHash: z.string(),
    status: RunStatusSchema,
    exitCode: z.number().int().nullable(),
    durationMs: z.number().int(),
    output: z.string(),
    truncated: z.boolean(),
  }),
  /** An interviewer ran the question's hidden checks against the code with this hash. */
  z.object({
    type: z.literal('checks-run'),
    at: z.number(),
    questionId: QuestionIdSchema,
    name: z.string(),
    codeHash: z.string(),
    passed: z.number().int(),
    total: z.number().int(),
  }),
]);
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

/** Sent only to sockets authenticated with an interviewer token. */
export const InterviewerViewSchema = z.object({
  interviewerName: z.string(),
  plan: z.array(PlannedQuestionSchema),
  records: z.record(z.string(), QuestionRecordSchema),
  timeline: z.array(TimelineEventSchema),
  recommendation: RecommendationSchema.nullable(),
  summary: z.string(),
});
export type InterviewerView = z.infer<typeof InterviewerViewSchema>;

/**
 * The whole interviewer view as `room:private` and `room:view` carry it: without its plan when the
 * plan is the one of the frame before (a note save would otherwise resend every question's
 * rubric). `planKey` names the plan the frame goes with; a client holding a plan of another key
 * missed a frame, and asks for the whole view (`room:view`). `version` is the stored room's, which
 * only grows: frames from two instances, or a `room:view` answer, can arrive out of order, and an
 * older one is dropped.
 */
export const InterviewerFullFrameSchema = InterviewerViewSchema.extend({
  plan: z.array(PlannedQuestionSchema).optional(),
  planKey: z.string().max(64),
  version: z.number().int().min(0),
});
export type InterviewerFullFrame = z.infer<typeof InterviewerFullFrameSchema>;

/**
 * What one change did to the records and the timeline of version `base`: the records it replaced
 * (the others are as they were) and the timeline from index `timelineFrom` on (the events before
 * it are unchanged). A note save late in an interview otherwise resent every note and the whole
 * timeline, several times a second while the interviewer types.
 */
export const InterviewerChangesSchema = z.object({
  base: z.number().int().min(0),
  records: z.record(z.string(), QuestionRecordSchema),
  timelineFrom: z.number().int().min(0),
  timeline: z.array(TimelineEventSchema),
});
export type InterviewerChanges = z.infer<typeof InterviewerChangesSchema>;

/**
 * A frame that applies only over version `changes.base` of the view, with its plan. It has no
 * top-level `records` or `timeline`, so a client that does not know it rejects it rather than
 * showing a few records as if they were all.
 */
export const InterviewerChangeFrameSchema = InterviewerViewSchema.omit({
  plan: true,
  records: true,
  timeline: true,
}).extend({
  planKey: z.string().max(64),
  version: z.number().int().min(0),
  changes: InterviewerChangesSchema,
});
export type InterviewerChangeFrame = z.infer<typeof InterviewerChangeFrameSchema>;

/** What `room:private` carries: the whole view, or the changes over the version before. */
export const InterviewerFrameSchema = z.union([InterviewerFullFrameSchema, InterviewerChangeFrameSchema]);
export type InterviewerFrame = z.infer<typeof InterviewerFrameSchema>;

export const ParticipantSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  color: z.string().regex(/^#[0-9a-f]{6}$/),
});
export type Participant = z.infer<typeof ParticipantSchema>;

export const SessionInfoSchema = z.object({
  protocolVersion: z.number().int(),
  roomId: RoomIdSchema,
  role: RoleSchema,
  participant: ParticipantSchema,
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;
