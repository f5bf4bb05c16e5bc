import { randomBytes } from 'node:crypto';
import { createClient, RESP_TYPES } from 'redis';
import { RedisScript } from '../redis/script.ts';
import type { DocLog, DocLogOptions, Relay, RelayListener, StoredDoc } from './types.ts';

type RedisClient = ReturnType<typeof createClient>;

/** Stream of updates, field `u` = the binary update. */
const logKey = (roomId: string, name: string) => `ir:doc:${roomId}:${name}:log`;
/** Hash: `state` = compacted snapshot, `upTo` = id of the newest stream entry it contains. */
const snapshotKey = (roomId: string, name: string) => `ir:doc:${roomId}:${name}:snapshot`;
const compactLockKey = (roomId: string, name: string) => `ir:doc:${roomId}:${name}:compacting`;
const relayChannel = (roomId: string, name: string) => `ir:doc:${roomId}:${name}:relay`;
/** Set of a room's document names, so delete() needs no keyspace scan. */
const namesKey = (roomId: string) => `ir:docs:${roomId}`;
/**
 * Full-state snapshot written by the previous store (`RoomStore.saveDoc`, base64). Read when a
 * document has no snapshot yet and removed by its first compaction; can go once every room
 * written before the DocLog has passed its retention.
 */
const legacyKey = (roomId: string, name: string) => `ir:doc:${roomId}:${name}`;

const UPDATE_FIELD = 'u';
/**
 * How often an append also adds the document to the room's set of names and refreshes that set's
 * TTL, at most: a keystroke's append is then XADD, two PEXPIREs and PUBLISH, not eight commands.
 * Against a retention of days, a minute is nothing; a short retention gets a hundredth of it.
 */
export const TTL_REFRESH_MS = 60_000;
/** Documents whose refresh time is remembered before the old ones are forgotten. */
const REFRESHED_KEEP = 10_000;

/** Long enough for one load + write, short enough that a crashed compactor does not block the next. */
export const COMPACT_LOCK_MS = 10_000;

/**
 * Writes the snapshot only if it is newer than the stored one, and trims what it contains in the
 * same atomic step: two compactions in any order, or a crash at any point, never lose an entry.
 * A log that is gone (deleted, expired) is not brought back by a compaction that read it before.
 */
const COMPACT_SCRIPT = new RedisScript(`
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local current = redis.call('HGET', KEYS[1], 'upTo')
if current then
  local cms, cseq = string.match(current, '^(%d+)-(%d+)$')
  local ums, useq = string.match(ARGV[2], '^(%d+)-(%d+)$')
  cms, cseq, ums, useq = tonumber(cms), tonumber(cseq), tonumber(ums), tonumber(useq)
  if cms > ums or (cms == ums and cseq >= useq) then return 0 end
end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'upTo', ARGV[2])
redis.call('XTRIM', KEYS[2], 'MINID', ARGV[3])
redis.call('DEL', KEYS[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[4])
return 1
`);

/** Deletes the lock only if it is still ours (it may have expired and been taken by another). */
const UNLOCK_SCRIPT = new RedisScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

export interface RedisDocLogOptions extends DocLogOptions {
  url: string;
  onError?: (error: Error) => void;
}

/**
 * Documents as Redis Streams (one per document, trimmed behind snapshots) and a pub/sub relay
 * on a dedicated subscriber connection. Every key carries the room retention as its TTL,
 * refreshed on each write.
 */
export class RedisDocLog implements DocLog {
  readonly kind = 'redis' as const;
  private readonly listeners = new Set<RelayListener>();
  /** When this instance last refreshed each document's TTLs, by log key. */
  private readonly refreshed = new Map<string, number>();
  /** Set when the relay connection drops; the next 'ready' is then a reconnect. */
  private relayDown = false;

  private constructor(
    private readonly client: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly options: RedisDocLogOptions,
    /** CLIENT SETNAME of both connections (`<name>` and `<name>:relay`), to find them in CLIENT LIST. */
    readonly connectionName: string,
  ) {
    const down = () => {
      this.relayDown = true;
    };
    subscriber.on('error', down);
    subscriber.on('end', down);
    subscriber.on('ready', () => {
      if (!this.relayDown) return;
      this.relayDown = false;
      // node-redis resubscribes before 'ready'; what was published in between is gone.
      for (const listener of [...this.listeners]) listener.resync();
    });
  }

  static async connect(options: RedisDocLogOptions): Promise<RedisDocLog> {
    const connectionName = `ir-doclog-${randomBytes(6).toString('hex')}`;
    const client: RedisClient = createClient({
      url: options.url,
      name: connectionName,
      // Fail at once while Redis is down: CodeDocs keeps and retries unstored updates itself,
      // in order, and must know they are not stored rather than wait on a hidden queue.
      disableOfflineQueue: true,
      socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2_000) },
    });
    const subscriber: RedisClient = client.duplicate({ name: `${connectionName}:relay` });
    // Without listeners node-redis throws on connection errors; reconnects are automatic.
    client.on('error', (error: Error) => options.onError?.(error));
    subscriber.on('error', (error: Error) => options.onError?.(error));
    await client.connect();
    try {
      await subscriber.connect();
    } catch (error) {
      await client.close();
      throw error;
    }
    return new RedisDocLog(client, subscriber, options, connectionName);
  }

  private get binary() {
    return this.client.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
  }

  async load(roomId: string, docName: string): Promise<StoredDoc> {
    // Stream first, snapshot second (MULTI replies lose the binary type mapping, so these are
    // two reads): a compaction in between only moves entries we already read into a snapshot
    // at least as new, so nothing falls between the two reads.
    const entries = (await this.binary.xRange(logKey(roomId, docName), '-', '+')) ?? [];
    const stored = await this.binary.hGetAll(snapshotKey(roomId, docName));
    let snapshot: Uint8Array | null = stored.state ? toBytes(stored.state) : null;
    if (!snapshot) {
      const legacy = await this.binary.get(legacyKey(roomId, docName));
      if (legacy) snapshot = new Uint8Array(Buffer.from(legacy.toString('latin1'), 'base64'));
    }
    const updates: Uint8Array[] = [];
    for (const entry of entries) {
      const update = entry.message[UPDATE_FIELD];
      if (update) updates.push(toBytes(update));
    }
    const last = entries.at(-1);
    return { snapshot, updates, lastId: last ? last.id.toString('latin1') : null };
  }

  async append(roomId: string, docName: string, update: Uint8Array, relay?: Relay): Promise<string> {
    const ttl = this.options.retentionMs;
    const log = logKey(roomId, docName);
    const now = Date.now();
    const interval = Math.min(TTL_REFRESH_MS, ttl / 100);
    const refresh = !(now - (this.refreshed.get(log) ?? Number.NEGATIVE_INFINITY) < interval);
    // The stream and its snapshot get their TTL with every entry, together: the snapshot never
    // expires before the entries that follow it, and an append racing a delete leaves no key
    // without a TTL. The names set is created only by a refresh, and outlives the stream by the
    // refresh interval, so delete() always finds a live stream.
    const multi = this.client
      .multi()
      .xAdd(log, '*', { [UPDATE_FIELD]: Buffer.from(update) })
      .pExpire(log, ttl)
      .pExpire(snapshotKey(roomId, docName), ttl);
    if (refresh) multi.sAdd(namesKey(roomId), docName).pExpire(namesKey(roomId), ttl + interval);
    if (relay) multi.publish(relayChannel(roomId, docName), Buffer.from(relay.encode()));
    const [id] = await multi.exec();
    if (typeof id !== 'string') throw new Error('XADD returned no id');
    if (refresh) this.markRefreshed(log, now);
    return id;
  }

  private markRefreshed(log: string, now: number): void {
    this.refreshed.delete(log);
    this.refreshed.set(log, now);
    // Oldest first (re-inserted on every refresh): the rooms no longer written go first.
    for (const key of this.refreshed.keys()) {
      if (this.refreshed.size <= REFRESHED_KEEP) break;
      this.refreshed.delete(key);
    }
  }

  async compact(roomId: string, docName: string, snapshot: Uint8Array, upToId: string): Promise<boolean> {
    const minId = successor(upToId);
    const lock = compactLockKey(roomId, docName);
    const token = randomBytes(8).toString('hex');
    if ((await this.client.set(lock, token, { NX: true, PX: COMPACT_LOCK_MS })) !== 'OK') return false;
    try {
      const done = await COMPACT_SCRIPT.run(this.client, {
        keys: [snapshotKey(roomId, docName), logKey(roomId, docName), legacyKey(roomId, docName)],
        arguments: [Buffer.from(snapshot), upToId, minId, String(this.options.retentionMs)],
      });
      return done === 1;
    } finally {
      await UNLOCK_SCRIPT.run(this.client, { keys: [lock], arguments: [token] }).catch(() => undefined);
    }
  }

  async delete(roomId: string): Promise<void> {
    const names = await this.client.sMembers(namesKey(roomId));
    const keys = names.flatMap((name) => [
      logKey(roomId, name),
      snapshotKey(roomId, name),
      compactLockKey(roomId, name),
      legacyKey(roomId, name),
    ]);
    // The one document the previous store wrote is not in the names set.
    keys.push(namesKey(roomId), legacyKey(roomId, 'code'));
    await this.client.del(keys);
    for (const name of names) this.refreshed.delete(logKey(roomId, name));
  }

  async publish(roomId: string, docName: string, relay: Relay): Promise<void> {
    await this.client.publish(relayChannel(roomId, docName), Buffer.from(relay.encode()));
  }

  async subscribe(roomId: string, docName: string, listener: RelayListener): Promise<() => Promise<void>> {
    // Pub/sub commands would wait for a reconnect instead of failing; a load must fail instead.
    if (!this.subscriber.isReady) throw new Error('relay connection is not ready');
    const channel = relayChannel(roomId, docName);
    const onMessage = (message: Buffer) => listener.message(toBytes(message));
    await this.subscriber.subscribe(channel, onMessage, true);
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await this.subscriber.unsubscribe(channel, onMessage, true);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    await Promise.all([
      this.subscriber.isOpen ? this.subscriber.close() : undefined,
      this.client.isOpen ? this.client.close() : undefined,
    ]);
  }
}

function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

/** The smallest stream id after `id`: XTRIM MINID keeps ids >= its argument. */
function successor(id: string): string {
  const match = /^(\d+)-(\d+)$/.exec(id);
  if (!match?.[1] || !match[2]) throw new Error(`not a stream id: ${id}`);
  return `${match[1]}-${BigInt(match[2]) + 1n}`;
}
