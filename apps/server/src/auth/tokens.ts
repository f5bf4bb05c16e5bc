import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ROOM_ID_BYTES, type Role, TOKEN_BYTES } from '@interview-room/protocol';
import type { RoomRecord } from '../store/types.ts';

export const newRoomId = (): string => randomBytes(ROOM_ID_BYTES).toString('base64url');
export const newToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
/**
 * A handle on one issued token, for finding the connections it opened (a Socket.io room name, a
 * relay message) when it is revoked. A prefix of its hash: it is not the token, and cannot open a room.
 */
export const tokenIdOfHash = (hash: string): string => hash.slice(0, 32);
export const tokenId = (token: string): string => tokenIdOfHash(hashToken(token));

/** The role a token grants in a room, or null. Compares hashes in constant time. */
export function roleForToken(room: RoomRecord, token: string): Role | null {
  const candidateHash = Buffer.from(hashToken(token), 'hex');
  for (const role of ['interviewer', 'candidate'] as const) {
    const stored = Buffer.from(room.tokenHashes[role], 'hex');
    if (stored.length === candidateHash.length && timingSafeEqual(stored, candidateHash)) return role;
  }
  return null;
}
