import type { Participant, SavedPlan } from '@interview-room/protocol';
import type { RoomState } from '../domain/room.ts';

/** What is stored per room besides its state: hashes of the role tokens, never the tokens. */
export interface RoomRecord {
  id: string;
  tokenHashes: { interviewer: string; candidate: string };
  /** Bumped on every state write; writers compare it so concurrent instances never clobber each other. */
  version: number;
  state: RoomState;
}

export interface PresenceEntry extends Participant {
  roomId: string;
}

/** A write found no room: it was deleted or expired (possibly after the record it was based on was read). */
export class RoomGoneError extends Error {
  constructor(readonly roomId: string) {
    super(`Room ${roomId} does not exist`);
  }
}

/**
 * The one storage boundary. Two real implementations (memory, Redis) pass the same contract
 * tests; everything above this interface is storage-agnostic.
 */
export interface RoomStore {
  readonly kind: 'memory' | 'redis';
  /** Resolves false if the room id is taken. */
  createRoom(record: RoomRecord): Promise<boolean>;
  getRoom(id: string): Promise<RoomRecord | null>;
  /**
   * The record as this instance last read or wrote it, without asking the store: it may be stale
   * (another instance may have written since), so it may only be the base of a write, whose
   * version check then decides. Null when this instance holds none.
   */
  peekRoom(id: string): RoomRecord | null;
  /**
   * Stores a new state if the stored version is still `expectedVersion`. Resolves the new version,
   * or null when another writer got there first (the caller reloads and retries). Rejects with
   * RoomGoneError if the room does not exist (deleted or expired).
   */
  saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null>;
  /**
   * Replaces the room's token hashes (links regenerated: the old tokens stop working), if the
   * stored version is still `expectedVersion`. Bumps the version like a state write, so a state
   * write based on an older read cannot bring the old hashes back. Resolves the new version, or
   * null when another writer got there first. Rejects if the room does not exist.
   */
  replaceTokenHashes(
    id: string,
    tokenHashes: RoomRecord['tokenHashes'],
    expectedVersion: number,
  ): Promise<number | null>;
  /** Removes a room and its presence. Resolves false if there was no such room. */
  deleteRoom(id: string): Promise<boolean>;
  /** Adds or refreshes a presence entry that expires after ttlMs unless refreshed. */
  putPresence(entry: PresenceEntry, ttlMs: number): Promise<void>;
  /** `putPresence` for each entry, in one round trip (the heartbeat's). */
  putPresenceMany(entries: readonly PresenceEntry[], ttlMs: number): Promise<void>;
  removePresence(roomId: string, participantId: string): Promise<void>;
  listPresence(roomId: string): Promise<PresenceEntry[]>;
  /** Saved plans, newest first. Kept until deleted: they are configuration, not interview data. */
  listSavedPlans(): Promise<SavedPlan[]>;
  getSavedPlan(id: string): Promise<SavedPlan | null>;
  /** Stores a new saved plan unless `max` are stored already (resolves false then). */
  createSavedPlan(plan: SavedPlan, max: number): Promise<boolean>;
  /** Resolves false if there was no such plan. */
  deleteSavedPlan(id: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** How long a room's data is kept after its last write. */
  retentionMs: number;
  now?: () => number;
  /**
   * Prefix of this store's Redis keys (default `ir:`; memory ignores it). Saved plans are global to
   * a deployment, so tests that count them use a prefix of their own.
   */
  keyPrefix?: string;
}
