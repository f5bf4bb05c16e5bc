import {
  ParticipantSchema,
  QuestionRecordSchema,
  QuestionSchema,
  RoomStatusSchema,
  TimelineEventSchema,
} from '@interview-room/protocol';
import { z } from 'zod';
import type { RoomState } from '../domain/room.ts';
import type { PresenceEntry, RoomRecord } from './types.ts';

const RoomStateSchema = z.object({
  id: z.string(),
  title: z.string(),
  candidateName: z.string(),
  interviewerName: z.string(),
  createdAt: z.number(),
  status: RoomStatusSchema,
  plan: z.array(QuestionSchema),
  currentIndex: z.number().int(),
  currentSince: z.number().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  records: z.record(z.string(), QuestionRecordSchema),
  timeline: z.array(TimelineEventSchema),
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
export const parsePresenceEntry = (raw: string): PresenceEntry => PresenceEntrySchema.parse(JSON.parse(raw));
