import {
  defaultBudgetMinutes,
  ParticipantSchema,
  PLAN_LIMITS,
  QuestionRecordSchema,
  QuestionSchema,
  RecommendationSchema,
  RoomStatusSchema,
  type SavedPlan,
  SavedPlanSchema,
  TimelineEventSchema,
} from '@interview-room/protocol';
import { z } from 'zod';
import type { RoomState } from '../domain/room.ts';
import type { PresenceEntry, RoomRecord } from './types.ts';

/** Rooms stored before budgets existed: each question's own duration was its budget. */
const StoredPlannedQuestionSchema = QuestionSchema.extend({
  budgetMinutes: z.number().int().min(1).max(PLAN_LIMITS.maxBudgetMinutes).optional(),
  adHoc: z.literal(true).optional(),
}).transform(({ budgetMinutes, ...question }) => ({
  ...question,
  budgetMinutes: budgetMinutes ?? defaultBudgetMinutes(question),
}));

const RoomStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  candidateName: z.string(),
  interviewerName: z.string(),
  createdAt: z.number(),
  status: RoomStatusSchema,
  plan: z.array(StoredPlannedQuestionSchema),
  currentIndex: z.number().int(),
  currentSince: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  records: z.record(z.string(), QuestionRecordSchema),
  timeline: z.array(TimelineEventSchema),
  // Rooms stored before the verdict existed have none.
  recommendation: RecommendationSchema.nullable().default(null),
  summary: z.string().default(''),
  // Rooms stored before write ids existed have none: default, so they still load.
  appliedOpIds: z.array(z.string()).default([]),
}) satisfies z.ZodType<RoomState>;

const VersionSchema = z.number().int().nonnegative();

const RoomRecordSchema = z.object({
  id: z.string(),
  tokenHashes: z.object({ interviewer: z.string(), candidate: z.string() }),
  version: VersionSchema,
  state: RoomStateSchema,
}) satisfies z.ZodType<RoomRecord>;

/** The `rest` field: a record without its version and its state's plan. */
const RoomRestSchema = RoomRecordSchema.omit({ version: true }).extend({
  state: RoomStateSchema.omit({ plan: true }),
});

const PresenceEntrySchema = ParticipantSchema.extend({
  roomId: z.string(),
}) satisfies z.ZodType<PresenceEntry>;

/** Stored data is parsed, not cast: a corrupt or outdated record fails loudly here. */
export const parseRoomRecord = (raw: string): RoomRecord => RoomRecordSchema.parse(JSON.parse(raw));
/**
 * The Redis store's hash of a room (see RedisRoomStore): `version`, `plan` (the state's plan, most
 * of a record's size: every question with its rubric) and `rest` (the record without those two).
 */
export interface RoomFields {
  version: string;
  rest: string;
  plan: string;
}

/** The `rest` field of a record. */
export function encodeRoomRest(record: RoomRecord): string {
  const { version: _version, state, ...meta } = record;
  const { plan: _plan, ...rest } = state;
  return JSON.stringify({ ...meta, state: rest });
}

/** The `plan` field. */
export const parseStoredPlan = (json: string): RoomState['plan'] =>
  RoomStateSchema.shape.plan.parse(JSON.parse(json));

/**
 * A room read back from its hash fields, validated like a whole record. `parsePlan` reads the
 * plan field: a PlanCache's, so that rooms with the same plan share it.
 */
export function parseRoomFields(
  fields: RoomFields,
  parsePlan: (json: string) => RoomState['plan'] = parseStoredPlan,
): RoomRecord {
  const { state, ...meta } = RoomRestSchema.parse(JSON.parse(fields.rest));
  return {
    ...meta,
    version: VersionSchema.parse(Number(fields.version)),
    state: { ...state, plan: parsePlan(fields.plan) },
  };
}

export const parseSavedPlan = (raw: string): SavedPlan => SavedPlanSchema.parse(JSON.parse(raw));

/** Saved plans newest first; ties (same millisecond) by id, so the order is stable. */
export const newestFirst = (a: SavedPlan, b: SavedPlan): number =>
  b.createdAt - a.createdAt || a.id.localeCompare(b.id);
export const parsePresenceEntry = (raw: string): PresenceEntry => PresenceEntrySchema.parse(JSON.parse(raw));
