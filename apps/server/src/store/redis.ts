import { createClient } from 'redis';
import type { RoomState } from '../domain/room.ts';
import { parsePresenceEntry, parseRoomRecord } from './schema.ts';
import type { PresenceEntry, RoomRecord, RoomStore, StoreOptions } from './types.ts';

type RedisClient = ReturnType<typeof createClient>;

export const REDIS_COMMAND_TIMEOUT_MS = 30_000;

const roomKey = (id: string) => `ir:room:${id}`;
/** Sorted set: member = participant id, score = expiry time in ms. */
const presenceIndexKey = (roomId: string) => `ir:presence:${roomId}:expiry`;
const presenceDataKey = (roomId: string) => `ir:presence:${roomId}:data`;

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

export interface RedisStoreOptions extends StoreOptions {
  url: string;
  onError?: (error: Error) => void;
}

/** Durable, shared store: several server instances on one Redis see the same rooms. */
export class RedisRoomStore implements RoomStore {
  readonly kind = 'redis' as const;
  private readonly now: () => number;

  private constructor(
    private readonly client: RedisClient,
    private readonly options: RedisStoreOptions,
  ) {
    this.now = options.now ?? Date.now;
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
    const created = await this.client.set(roomKey(record.id), JSON.stringify(record), {
      NX: true,
      EX: this.retentionSeconds,
    });
    return created === 'OK';
  }

  async getRoom(id: string): Promise<RoomRecord | null> {
    const raw = await this.client.get(roomKey(id));
    return raw === null ? null : parseRoomRecord(raw);
  }

  async saveRoomState(state: RoomState, expectedVersion: number): Promise<number | null> {
    const existing = await this.getRoom(state.id);
    if (!existing) throw new Error(`Room ${state.id} does not exist`);
    const version = expectedVersion + 1;
    const stored = await this.client.eval(COMPARE_AND_SET, {
      keys: [roomKey(state.id)],
      arguments: [
        String(expectedVersion),
        JSON.stringify({ ...existing, version, state }),
        String(this.retentionSeconds),
      ],
    });
    if (stored === -1) throw new Error(`Room ${state.id} does not exist`);
    return stored === 1 ? version : null;
  }

  async replaceTokenHashes(
    id: string,
    tokenHashes: RoomRecord['tokenHashes'],
    expectedVersion: number,
  ): Promise<number | null> {
    const existing = await this.getRoom(id);
    if (!existing) throw new Error(`Room ${id} does not exist`);
    // Versions only grow, so a record read at another version can never pass the check below.
    if (existing.version !== expectedVersion) return null;
    const version = expectedVersion + 1;
    const stored = await this.client.eval(COMPARE_AND_SET, {
      keys: [roomKey(id)],
      arguments: [
        String(expectedVersion),
        JSON.stringify({ ...existing, version, tokenHashes }),
        String(this.retentionSeconds),
      ],
    });
    if (stored === -1) throw new Error(`Room ${id} does not exist`);
    return stored === 1 ? version : null;
  }

  async deleteRoom(id: string): Promise<boolean> {
    const removed = await this.client.del([roomKey(id), presenceIndexKey(id), presenceDataKey(id)]);
    return removed > 0;
  }

  async putPresence(entry: PresenceEntry, ttlMs: number): Promise<void> {
    const expiresAt = this.now() + ttlMs;
    const ttlSeconds = Math.ceil(ttlMs / 1000) + 1;
    await this.client
      .multi()
      .zAdd(presenceIndexKey(entry.roomId), { score: expiresAt, value: entry.id })
      .hSet(presenceDataKey(entry.roomId), entry.id, JSON.stringify(entry))
      // The keys themselves expire so a room whose instances all died leaves nothing behind.
      .expire(presenceIndexKey(entry.roomId), ttlSeconds)
      .expire(presenceDataKey(entry.roomId), ttlSeconds)
      .exec();
  }

  async removePresence(roomId: string, participantId: string): Promise<void> {
    await this.client
      .multi()
      .zRem(presenceIndexKey(roomId), participantId)
      .hDel(presenceDataKey(roomId), participantId)
      .exec();
  }

  async listPresence(roomId: string): Promise<PresenceEntry[]> {
    const now = this.now();
    const expired = await this.client.zRangeByScore(presenceIndexKey(roomId), '-inf', now);
    if (expired.length > 0) {
      await this.client
        .multi()
        .zRemRangeByScore(presenceIndexKey(roomId), '-inf', now)
        .hDel(presenceDataKey(roomId), expired)
        .exec();
    }
    const live = await this.client.zRangeByScore(presenceIndexKey(roomId), `(${now}`, '+inf');
    if (live.length === 0) return [];
    const values = await this.client.hmGet(presenceDataKey(roomId), live);
    return values.flatMap((raw) => (raw ? [parsePresenceEntry(raw)] : []));
  }

  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
