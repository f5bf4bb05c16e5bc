import type { SavedPlan } from '@interview-room/protocol';
import { frozenCopy } from '../domain/frozenCopy.ts';
import type { RoomState } from '../domain/room.ts';
import { newestFirst } from './schema.ts';
import {
  type PresenceEntry,
  RoomGoneError,
  type RoomRecord,
  type RoomStore,
  type StoreOptions,
} from './types.ts';

interface Expiring<T> {
  value: T;
  expiresAt: number;
}

/** Single-instance store for local use and tests; data lives as long as the process. */
export class MemoryRoomStore implements RoomStore {
  readonly kind = 'memory' as const;
  private readonly rooms = new Map<string, Expiring<RoomRecord>>();
  private readonly presence = new Map<string, Map<string, Expiring<PresenceEntry>>>();
  private readonly savedPlans = new Map<string, SavedPlan>();
  private readonly now: () => number;

  constructor(private readonly options: StoreOptions) {
    this.now = options.now ?? Date.now;
  }

  async createRoom(record: RoomRecord): Promise<boolean> {
    if (this.liveRoom(record.id)) return false;
    this.rooms.set(record.id, { value: frozenCopy(record), expiresAt: this.expiry() });
    return true;
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    // Frozen when stored, so every reader can share it: copying it on each read was the biggest
    // cost of a note save.
    return this.liveRoom(id);
  }

  /** Always the stored record: this store is the process's own memory. */
  peekRoom(id: string): RoomRecord | null {
    return this.liveRoom(id);
  }

  async saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null> {
    const room = this.liveRoom(state.id);
    if (!room) throw new RoomGoneError(state.id);
    if (room.version !== expectedVersion) return null;
    const version = expectedVersion + 1;
    this.rooms.set(state.id, {
      value: frozenCopy({ ...room, version, state }),
      expiresAt: this.expiry(),
    });
    return version;
  }

  async replaceTokenHashes(
    id: string,
    tokenHashes: RoomRecord['tokenHashes'],
    expectedVersion: number,
  ): Promise<number | null> {
    const room = this.liveRoom(id);
    if (!room) throw new RoomGoneError(id);
    if (room.version !== expectedVersion) return null;
    const version = expectedVersion + 1;
    this.rooms.set(id, {
      value: frozenCopy({ ...room, version, tokenHashes }),
      expiresAt: this.expiry(),
    });
    return version;
  }

  async deleteRoom(id: string): Promise<boolean> {
    const existed = this.liveRoom(id) !== null;
    this.rooms.delete(id);
    this.presence.delete(id);
    return existed;
  }

  async putPresence(entry: PresenceEntry, ttlMs: number): Promise<void> {
    let room = this.presence.get(entry.roomId);
    if (!room) {
      room = new Map();
      this.presence.set(entry.roomId, room);
    }
    room.set(entry.id, { value: { ...entry }, expiresAt: this.now() + ttlMs });
  }

  async putPresenceMany(entries: readonly PresenceEntry[], ttlMs: number): Promise<void> {
    for (const entry of entries) await this.putPresence(entry, ttlMs);
  }

  async removePresence(roomId: string, participantId: string): Promise<void> {
    const room = this.presence.get(roomId);
    room?.delete(participantId);
    if (room?.size === 0) this.presence.delete(roomId);
  }

  async listPresence(roomId: string): Promise<PresenceEntry[]> {
    const room = this.presence.get(roomId);
    if (!room) return [];
    const now = this.now();
    const live: PresenceEntry[] = [];
    for (const [id, entry] of room) {
      if (entry.expiresAt <= now) room.delete(id);
      else live.push({ ...entry.value });
    }
    return live;
  }

  async listSavedPlans(): Promise<SavedPlan[]> {
    return [...this.savedPlans.values()].map((plan) => structuredClone(plan)).sort(newestFirst);
  }

  async getSavedPlan(id: string): Promise<SavedPlan | null> {
    const plan = this.savedPlans.get(id);
    return plan ? structuredClone(plan) : null;
  }

  async createSavedPlan(plan: SavedPlan, max: number): Promise<boolean> {
    if (this.savedPlans.size >= max || this.savedPlans.has(plan.id)) return false;
    this.savedPlans.set(plan.id, structuredClone(plan));
    return true;
  }

  async deleteSavedPlan(id: string): Promise<boolean> {
    return this.savedPlans.delete(id);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}

  private liveRoom(id: string): RoomRecord | null {
    const room = this.rooms.get(id);
    if (!room) return null;
    if (room.expiresAt <= this.now()) {
      this.rooms.delete(id);
      return null;
    }
    return room.value;
  }

  private expiry(): number {
    return this.now() + this.options.retentionMs;
  }
}
