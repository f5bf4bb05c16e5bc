import { randomBytes } from 'node:crypto';
import type { SavedPlan } from '@interview-room/protocol';
import { createClient } from 'redis';
import { frozenCopy } from '../domain/frozenCopy.ts';
import type { RoomState } from '../domain/room.ts';
import { RedisScript } from '../redis/script.ts';
import { PlanCache } from './planCache.ts';
import { RECORD_CACHE_SWEEP_MS, RecordCache, type StampedRecord } from './recordCache.ts';
import {
  encodeRoomRest,
  newestFirst,
  parsePresenceEntry,
  parseRoomFields,
  parseRoomRecord,
  parseSavedPlan,
  parseStoredPlan,
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
  /** Hash: `version`, `stamp` (see StampedRecord), `plan` and `rest` (see RoomFields). */
  room: (id: string) => `${prefix}room:${id}:record`,
  /** The whole record as one JSON string, as stores before the hash wrote it; moved when read. */
  legacyRoom: (id: string) => `${prefix}room:${id}`,
  /** Sorted set: member = participant id, score = expiry time in ms. */
  presenceIndex: (roomId: string) => `${prefix}presence:${roomId}:expiry`,
  presenceData: (roomId: string) => `${prefix}presence:${roomId}:data`,
  /** Hash: saved plan id -> JSON. */
  savedPlans: `${prefix}saved-plans`,
});

/**
 * Adds or refreshes presence entries. KEYS: each entry's index and data keys; ARGV: expiry time
 * in ms, TTL in seconds, then each entry's participant id and JSON. One script rather than a
 * transaction of four commands per entry: the heartbeat sends all of an instance's connections
 * every 10 s, and node-redis allocated ~12 KB per entry that way (bench finding 14).
 * The keys themselves expire, so a room whose instances all died leaves nothing behind.
 */
const PUT_PRESENCE = new RedisScript(`
for i = 1, #KEYS, 2 do
  local id = ARGV[i + 2]
  redis.call('ZADD', KEYS[i], ARGV[1], id)
  redis.call('HSET', KEYS[i + 1], id, ARGV[i + 3])
  redis.call('EXPIRE', KEYS[i], ARGV[2])
  redis.call('EXPIRE', KEYS[i + 1], ARGV[2])
end
`);

/**
 * Creates the room's hash unless the room exists (in either layout): 1 created, 0 not. ARGV:
 * version, stamp, rest, plan, TTL in seconds.
 */
const CREATE_ROOM = new RedisScript(`
if redis.call('EXISTS', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[1], 'stamp', ARGV[2], 'rest', ARGV[3], 'plan', ARGV[4])
redis.call('EXPIRE', KEYS[1], ARGV[5])
return 1
`);

/**
 * Writes the record only if the stored one is the base (its version and stamp): 1 written, 0
 * stale, -1 missing. ARGV: base version, base stamp, new version, new stamp, rest, plan ('' when
 * it is the base's, which is then the one stored), TTL in seconds. Redis runs the script
 * atomically, so two instances cannot both win; comparing two short fields leaves the ~10 KB of
 * the record undecoded, and an unchanged plan is not sent at all.
 */
const SAVE_ROOM = new RedisScript(`
local current = redis.call('HMGET', KEYS[1], 'version', 'stamp')
if not current[1] then return -1 end
if current[1] ~= ARGV[1] or current[2] ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], 'version', ARGV[3], 'stamp', ARGV[4], 'rest', ARGV[5])
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'plan', ARGV[6]) end
redis.call('EXPIRE', KEYS[1], ARGV[7])
return 1
`);

/**
 * Moves a record stored as one JSON string (KEYS[2], ARGV[1] as it was read) into the room's hash
 * (ARGV: version, stamp, rest, plan), with the TTL it had (ARGV[6] seconds if it had none); 0 if
 * the hash exists or the string changed.
 */
const MIGRATE_ROOM = new RedisScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
local ttl = redis.call('PTTL', KEYS[2])
redis.call('HSET', KEYS[1], 'version', ARGV[2], 'stamp', ARGV[3], 'rest', ARGV[4], 'plan', ARGV[5])
if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) else redis.call('EXPIRE', KEYS[1], ARGV[6]) end
redis.call('DEL', KEYS[2])
return 1
`);

/** Adds field ARGV[1] = ARGV[3] unless the hash has ARGV[2] fields already (or that field): 1 added, 0 not. */
const ADD_IF_ROOM = new RedisScript(`
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
return redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[3])
`);

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
  private readonly plans = new PlanCache(parseStoredPlan);
  private readonly parsePlan = (json: string) => this.plans.get(json);
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
    const stamp = newStamp();
    const created = await CREATE_ROOM.run(this.client, {
      keys: [this.keys.room(record.id), this.keys.legacyRoom(record.id)],
      arguments: [
        String(record.version),
        stamp,
        encodeRoomRest(record),
        JSON.stringify(record.state.plan),
        String(this.retentionSeconds),
      ],
    });
    if (created === 1) this.records.remember(record.id, record, stamp);
    return created === 1;
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    return (await this.read(id))?.record ?? null;
  }

  /** The stored record and its stamp: parsed unless it is the one remembered. */
  private async read(id: string): Promise<StampedRecord | null> {
    const fields = await this.client.hGetAll(this.keys.room(id));
    if (!isRoomFields(fields)) return this.moveLegacyRoom(id);
    const version = Number(fields.version);
    const known = this.records.matching(id, version, fields.stamp);
    return known
      ? { record: known, stamp: fields.stamp }
      : this.records.remember(id, parseRoomFields(fields, this.parsePlan), fields.stamp);
  }

  /**
   * A room written before the hash existed, moved into it on its first read here; the room's
   * retention carries on. Null if there is none.
   */
  private async moveLegacyRoom(id: string): Promise<StampedRecord | null> {
    const raw = await this.client.get(this.keys.legacyRoom(id));
    if (raw === null) return this.readMoved(id);
    const record = parseRoomRecord(raw);
    const stamp = newStamp();
    const moved = await MIGRATE_ROOM.run(this.client, {
      keys: [this.keys.room(id), this.keys.legacyRoom(id)],
      arguments: [
        raw,
        String(record.version),
        stamp,
        encodeRoomRest(record),
        JSON.stringify(record.state.plan),
        String(this.retentionSeconds),
      ],
    });
    return moved === 1 ? this.records.remember(id, record, stamp) : this.readMoved(id);
  }

  /**
   * The hash once more, after its first read found none: another read (here or on another
   * instance) may have moved the room into it meanwhile. Null if it is not there either.
   */
  private async readMoved(id: string): Promise<StampedRecord | null> {
    const fields = await this.client.hGetAll(this.keys.room(id));
    if (isRoomFields(fields))
      return this.records.remember(id, parseRoomFields(fields, this.parsePlan), fields.stamp);
    this.records.forget(id);
    return null;
  }

  peekRoom(id: string): RoomRecord | null {
    return this.records.latest(id);
  }

  async saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null> {
    // The record at the expected version is the only one the write below can replace, so the
    // one this instance last read or wrote serves when it is at that version.
    const base = this.records.atVersion(state.id, expectedVersion) ?? (await this.read(state.id));
    if (!base) throw new RoomGoneError(state.id);
    // Versions only grow, so a record read at another version can never be replaced by this.
    if (base.record.version !== expectedVersion) return null;
    return this.compareAndSet(base, { ...base.record, version: expectedVersion + 1, state });
  }

  async replaceTokenHashes(
    id: string,
    tokenHashes: RoomRecord['tokenHashes'],
    expectedVersion: number,
  ): Promise<number | null> {
    const base = await this.read(id);
    if (!base) throw new RoomGoneError(id);
    if (base.record.version !== expectedVersion) return null;
    return this.compareAndSet(base, { ...base.record, version: expectedVersion + 1, tokenHashes });
  }

  /**
   * Writes `next` if the stored record is still `base` (so the stored plan is `base`'s);
   * resolves its version, or null.
   */
  private async compareAndSet(base: StampedRecord, next: RoomRecord): Promise<number | null> {
    // Copied (and frozen) before the await: the caller's objects may change meanwhile.
    const record = frozenCopy(next);
    const plan = record.state.plan === base.record.state.plan ? '' : JSON.stringify(record.state.plan);
    const stamp = newStamp();
    const stored = await SAVE_ROOM.run(this.client, {
      keys: [this.keys.room(record.id)],
      arguments: [
        String(base.record.version),
        base.stamp,
        String(record.version),
        stamp,
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
    this.records.remember(record.id, record, stamp);
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
    await this.putPresenceMany([entry], ttlMs);
  }

  async putPresenceMany(entries: readonly PresenceEntry[], ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    const keys: string[] = [];
    const args = [String(this.now() + ttlMs), String(Math.ceil(ttlMs / 1000) + 1)];
    for (const entry of entries) {
      keys.push(this.keys.presenceIndex(entry.roomId), this.keys.presenceData(entry.roomId));
      args.push(entry.id, JSON.stringify(entry));
    }
    await PUT_PRESENCE.run(this.client, { keys, arguments: args });
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
    const added = await ADD_IF_ROOM.run(this.client, {
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

function isRoomFields(
  fields: Record<string, string>,
): fields is Record<string, string> & RoomFields & { stamp: string } {
  return (
    fields.version !== undefined &&
    fields.stamp !== undefined &&
    fields.rest !== undefined &&
    fields.plan !== undefined
  );
}

/** Unique to one write of a room (see StampedRecord). */
const newStamp = () => randomBytes(9).toString('base64url');
