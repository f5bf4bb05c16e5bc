import type { SavedPlan } from '@interview-room/protocol';
import { createClient } from 'redis';
import { frozenCopy } from '../domain/frozenCopy.ts';
import type { RoomState } from '../domain/room.ts';
import { RedisScript } from '../redis/script.ts';
import { RECORD_CACHE_SWEEP_MS, RecordCache } from './recordCache.ts';
import {
  encodeRoomRest,
  newestFirst,
  parsePresenceEntry,
  parseRoomFields,
  parseRoomRecord,
  parseSavedPlan,
  type RoomFields,
} from './schema.ts';
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
  /** Hash: `version`, `plan` and `rest` (see RoomFields). */
  room: (id: string) => `${prefix}room:${id}:record`,
  /** The whole record as one JSON string, as stores before the hash wrote it; moved when read. */
  legacyRoom: (id: string) => `${prefix}room:${id}`,
  /** Sorted set: member = participant id, score = expiry time in ms. */
  presenceIndex: (roomId: string) => `${prefix}presence:${roomId}:expiry`,
  presenceData: (roomId: string) => `${prefix}presence:${roomId}:data`,
  /** Hash: saved plan id -> JSON. */
  savedPlans: `${prefix}saved-plans`,
});

/** Creates the room's hash (ARGV: version, rest, plan, TTL in seconds) unless the room exists: 1 created, 0 not. */
const CREATE_ROOM = new RedisScript(`
if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'rest', ARGV[2], 'plan', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`);

/**
 * Writes the record only if the stored version is ARGV[1]: 1 written, 0 stale, -1 missing. ARGV:
 * expected version, new version, rest, plan ('' when it is the one stored), TTL in seconds.
 * Redis runs the script atomically, so two instances cannot both win; comparing one field
 * leaves the ~10 KB of the record undecoded, and an unchanged plan is not sent at all.
 */
const SAVE_ROOM = new RedisScript(`
local current = redis.call('HGET', KEYS[1], 'version')
if not current then return -1 end
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'rest', ARGV[3])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[1], 'plan', ARGV[4]) end
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
`);

/**
 * Moves a record stored as one JSON string (KEYS[2], ARGV[1] as it was read) into the room's hash
 * (ARGV: version, rest, plan), with the TTL it had; 0 if the hash exists or the string changed.
 */
const MIGRATE_ROOM = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
local ttl = redis.call('PTTL', KEYS[2])
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'rest', ARGV[3], 'plan', ARGV[4])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
redis.call('DEL', KEYS[2])
return 1
`);

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
    const created = await CREATE_ROOM.run(this.client, {
      keys: [this.keys.room(record.id), this.keys.legacyRoom(record.id)],
      arguments: [
        String(record.version),
        encodeRoomRest(record),
        JSON.stringify(record.state.plan),
        String(this.retentionSeconds),
      ],
    });
    if (created === 1) this.records.remember(record.id, record);
    return created === 1;
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const fields = await this.client.hGetAll(this.keys.room(id));
    if (!isRoomFields(fields)) return this.moveLegacyRoom(id);
    return (
      this.records.atVersion(id, Number(fields.version)) ?? this.records.remember(id, parseRoomFields(fields))
    );
  }

  /**
   * A room written before the hash existed, moved into it on its first read here; the room's
   * retention carries on. Null if there is none (or it went while it moved).
   */
  private async moveLegacyRoom(id: string): Promise<RoomRecord | null> {
    const raw = await this.client.get(this.keys.legacyRoom(id));
    if (raw === null) {
      this.records.forget(id);
      return null;
    }
    const record = parseRoomRecord(raw);
    const moved = await MIGRATE_ROOM.run(this.client, {
      keys: [this.keys.room(id), this.keys.legacyRoom(id)],
      arguments: [raw, String(record.version), encodeRoomRest(record), JSON.stringify(record.state.plan)],
    });
    if (moved === 1) return this.records.remember(id, record);
    // Another instance moved it first (or it was deleted): read what is there now.
    const fields = await this.client.hGetAll(this.keys.room(id));
    return isRoomFields(fields) ? this.records.remember(id, parseRoomFields(fields)) : null;
  }

  peekRoom(id: string): RoomRecord | null {
    return this.records.latest(id);
  }

  async saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null> {
    // The record at the expected version is the only one the write below can replace, so the
    // one this instance last read or wrote serves when it is at that version.
    const existing = this.records.atVersion(state.id, expectedVersion) ?? (await this.getRoom(state.id));
    if (!existing) throw new RoomGoneError(state.id);
    return this.compareAndSet(
      existing,
      { ...existing, version: expectedVersion + 1, state },
      expectedVersion,
    );
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
    return this.compareAndSet(
      existing,
      { ...existing, version: expectedVersion + 1, tokenHashes },
      expectedVersion,
    );
  }

  /**
   * Writes `next` if the stored record is still at `expectedVersion`, which `base` is (so the
   * stored plan is `base`'s); resolves its version, or null.
   */
  private async compareAndSet(
    base: RoomRecord,
    next: RoomRecord,
    expectedVersion: number,
  ): Promise<number | null> {
    // Copied (and frozen) before the await: the caller's objects may change meanwhile.
    const record = frozenCopy(next);
    const plan = record.state.plan === base.state.plan ? '' : JSON.stringify(record.state.plan);
    const stored = await SAVE_ROOM.run(this.client, {
      keys: [this.keys.room(record.id)],
      arguments: [
        String(expectedVersion),
        String(record.version),
        encodeRoomRest(record),
        plan,
        String(this.retentionSeconds),
      ],
    });
    if (stored === -1) {
      this.records.forget(record.id);
      throw new RoomGoneError(record.id);
    }
    if (stored !== 1) return null;
    this.records.remember(record.id, record);
    return record.version;
  }

  async deleteRoom(id: string): Promise<boolean> {
    this.records.forget(id);
    const removed = await this.client.del([
      this.keys.room(id),
      this.keys.legacyRoom(id),
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

function isRoomFields(fields: Record<string, string>): fields is Record<string, string> & RoomFields {
  return fields.version !== undefined && fields.rest !== undefined && fields.plan !== undefined;
}
