import { z } from 'zod';

/** Room ids and role tokens are 128+ bits of randomness, base64url-encoded. */
export const ROOM_ID_BYTES = 16;
export const TOKEN_BYTES = 32;

export const RoomIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, 'room id must be 22 base64url characters');
export const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'token must be 43 base64url characters');
export const QuestionIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'question id must be lowercase letters, digits and dashes');

export const RoleSchema = z.enum(['interviewer', 'candidate']);
export type Role = z.infer<typeof RoleSchema>;

/**
 * Names one note or score write, chosen by the client. A resend carries the same id, so the
 * server can tell a retry from a new write and apply it once.
 */
export const OpIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'op id must be 8 to 64 base64url characters');
