import type { SavedPlan } from '@interview-room/protocol';
import { createClient } from 'redis';
import type { RoomState } from '../domain/room.ts';
import { frozenCopy } from './frozenCopy.ts';
import { RECORD_CACHE_SWEEP_MS, RecordCache } from './recordCache.ts';
import { newestFirst, parsePresenceEntry, parseSavedPlan } from './schema.ts';
import {
  type PresenceEntry,
  RoomGoneError,
  type RoomRecord,
  type RoomStore,
  type StoreOptions,
} from './types.ts';

type RedisClient = ReturnType<typeof createClient>;

export const REDIS_COMMAND_TIMEOUT_MS = 30_000;

const DEFAULT_KEY_PREFIX = 'ir:';
const keys = (prefix: string) => ({
  room: (id: string) => `${prefix}room:${id}`,
  /** Sorted set: member = participant id, score = expiry time in ms. */
  presenceIndex: (roomId: string) => `${prefix}presence:${roomId}:expiry`,
  presenceData: (roomId: string) => `${prefix}presence:${roomId}:data`,
  /** Hash: saved plan id -> JSON. */
  savedPlans: `${prefix}saved-plans`,
});

/**
 * Writes ARGV[2] only if the stored record's version is ARGV[1]: 1 written, 0 stale, -1 missing.
 * Redis runs the script atomically, so two instances cannot both win.
 */
const COMPARE_AND_SET = `
local raw = redis.call('GET', KEYS[1])
if not raw then return -1 end
if tostring(cjson.decode(raw)['version']) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`;

/** Adds field ARGV[1] = ARGV[3] unless the hash has ARGV[2] fields already (or that field): 1 added, 0 not. */
const ADD_IF_ROOM = `
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3])
`;

export interface RedisStoreOptions extends StoreOptions {
  url: string;
  onError?: (error: Error) => void;
}

/** Durable, shared store: several server instances on one Redis see the same rooms. */
export class RedisRoomStore implements RoomStore {
  readonly kind = 'redis' as const;
  private readonly now: () => number;
  private readonly keys: ReturnType<typeof keys>;
  private readonly records = new RecordCache();
  private readonly sweeper: NodeJS.Timeout;

  private constructor(
    private readonly client: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.keys = keys(options.keyPrefix ?? DEFAULT_KEY_PREFIX);
    this.sweeper = setInterval(() => this.records.sweep(), RECORD_CACHE_SWEEP_MS);
    this.sweeper.unref();
  }

  static async connect(options: RedisStoreOptions): Promise<RedisRoomStore> {
    const client: RedisClient = createClient({
      url: options.url,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
      // Commands wait out a Redis restart (queued while reconnecting) rather than failing after
      // node-redis's default 5 s: the user's save is acknowledged once Redis is back.
      commandOptions: { timeout: REDIS_COMMAND_TIMEOUT_MS },
    });
    // Without a listener node-redis throws on connection errors; reconnects are automatic.
    client.on('error', (error: Error) => options.onError?.(error));
    await client.connect();
    return new RedisRoomStore(client, options);
  }

  private get retentionSeconds(): number {
    return Math.max(1, Math.ceil(this.options.retentionMs / 1000));
  }

  async createRoom(record: RoomRecord): Promise<boolean> {
    const raw = JSON.stringify(record);
    const created = await this.client.set(this.keys.room(record.id), raw, {
      NX: true,
      EX: this.retentionSeconds,
    });
    if (created === 'OK') this.records.remember(record.id, raw, record);
    return created === 'OK';
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const raw = await this.client.get(this.keys.room(id));
    if (raw === null) {
      this.records.forget(id);
      return null;
    }
    return this.records.parse(id, raw);
  }

  peekRoom(id: string): RoomRecord | null {
    return this.records.latest(id);
  }

  async saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null> {
    // The record at the expected version is the only one the write below can replace, so the
    // one this instance last read or wrote serves when it is at that version.
    const existing = this.records.atVersion(state.id, expectedVersion) ?? (await this.getRoom(state.id));
    if (!existing) throw new RoomGoneError(state.id);
    return this.compareAndSet({ ...existing, version: expectedVersion + 1, state }, expectedVersion);
  }

  async replaceTokenHashes(
    id: string,
    tokenHashes: RoomRecord['tokenHashes'],
    expectedVersion: number,
  ): Promise<number | null> {
    const existing = await this.getRoom(id);
    if (!existing) throw new RoomGoneError(id);
    // Versions only grow, so a record read at another version can never pass the check below.
    if (existing.version !== expectedVersion) return null;
    return this.compareAndSet({ ...existing, version: expectedVersion + 1, tokenHashes }, expectedVersion);
  }

  /** Writes `next` if the stored record is still at `expectedVersion`; resolves its version, or null. */
  private async compareAndSet(next: RoomRecord, expectedVersion: number): Promise<number | null> {
    // Copied (and frozen) before the await: the caller's objects may change meanwhile.
    const record = frozenCopy(next);
    const raw = JSON.stringify(record);
    const stored = await this.client.eval(COMPARE_AND_SET, {
      keys: [this.keys.room(record.id)],
      arguments: [String(expectedVersion), raw, String(this.retentionSeconds)],
    });
    if (stored === -1) {
      this.records.forget(record.id);
      throw new RoomGoneError(record.id);
    }
    if (stored !== 1) return null;
    this.records.remember(record.id, raw, record);
    return record.version;
  }

  async deleteRoom(id: string): Promise<boolean> {
    this.records.forget(id);
    const removed = await this.client.del([
      this.keys.room(id),
      this.keys.presenceIndex(id),
      this.keys.presenceData(id),
    ]);
    return removed > 0;
  }

  async putPresence(entry: PresenceEntry, ttlMs: number): Promise<void> {
    const expiresAt = this.now() + ttlMs;
    const ttlSeconds = Math.ceil(ttlMs / 1000) + 1;
    await this.client
      .multi()
      .zAdd(this.keys.presenceIndex(entry.roomId), { score: expiresAt, value: entry.id })
      .hSet(this.keys.presenceData(entry.roomId), entry.id, JSON.stringify(entry))
      // The keys themselves expire so a room whose instances all died leaves nothing behind.
      .expire(this.keys.presenceIndex(entry.roomId), ttlSeconds)
      .expire(this.keys.presenceData(entry.roomId), ttlSeconds)
      .exec();
  }

  async removePresence(roomId: string, participantId: string): Promise<void> {
    await this.client
      .multi()
      .zRem(this.keys.presenceIndex(roomId), participantId)
      .hDel(this.keys.presenceData(roomId), participantId)
      .exec();
  }

  async listPresence(roomId: string): Promise<PresenceEntry[]> {
    const now = this.now();
    const expired = await this.client.zRangeByScore(this.keys.presenceIndex(roomId), '-inf', now);
    if (expired.length > 0) {
      await this.client
        .multi()
        .zRemRangeByScore(this.keys.presenceIndex(roomId), '-inf', now)
        .hDel(this.keys.presenceData(roomId), expired)
        .exec();
    }
    const live = await this.client.zRangeByScore(this.keys.presenceIndex(roomId), `(${now}`, '+inf');
    if (live.length === 0) return [];
    const values = await this.client.hmGet(this.keys.presenceData(roomId), live);
    return values.flatMap((raw) => (raw ? [parsePresenceEntry(raw)] : []));
  }

  async listSavedPlans(): Promise<SavedPlan[]> {
    const all = await this.client.hVals(this.keys.savedPlans);
    return all.map(parseSavedPlan).sort(newestFirst);
  }

  async getSavedPlan(id: string): Promise<SavedPlan | null> {
    const raw = await this.client.hGet(this.keys.savedPlans, id);
    return raw === null || raw === undefined ? null : parseSavedPlan(raw);
  }

  async createSavedPlan(plan: SavedPlan, max: number): Promise<boolean> {
    const added = await this.client.eval(ADD_IF_ROOM, {
      keys: [this.keys.savedPlans],
      arguments: [plan.id, String(max), JSON.stringify(plan)],
    });
    return added === 1;
  }

  async deleteSavedPlan(id: string): Promise<boolean> {
    return (await this.client.hDel(this.keys.savedPlans, id)) > 0;
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    if (this.client.isOpen) await this.client.close();
  }
}
