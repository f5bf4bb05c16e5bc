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

const RoomRecordSchema = z.object({
  id: z.string(),
  tokenHashes: z.object({ interviewer: z.string(), candidate: z.string() }),
  version: z.number().int().nonnegative(),
  state: RoomStateSchema,
}) satisfies z.ZodType<RoomRecord>;

const PresenceEntrySchema = ParticipantSchema.extend({
  roomId: z.string(),
}) satisfies z.ZodType<PresenceEntry>;

/** Stored data is parsed, not cast: a corrupt or outdated record fails loudly here. */
export const parseRoomRecord = (raw: string): RoomRecord => RoomRecordSchema.parse(JSON.parse(raw));
export const parseSavedPlan = (raw: string): SavedPlan => SavedPlanSchema.parse(JSON.parse(raw));

/** Saved plans newest first; ties (same millisecond) by id, so the order is stable. */
export const newestFirst = (a: SavedPlan, b: SavedPlan): number =>
  b.createdAt - a.createdAt || a.id.localeCompare(b.id);
export const parsePresenceEntry = (raw: string): PresenceEntry => PresenceEntrySchema.parse(JSON.parse(raw));
