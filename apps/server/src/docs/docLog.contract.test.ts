import { describe, expect, it } from 'vitest';
import { makeDocLog, randomId, redisAdmin, STORE_KINDS, type StoreKind } from '../../test/stores.ts';
import { RedisDocLog } from './redis.ts';
import type { DocLog, DocLogOptions, Relay, RelayListener } from './types.ts';

const bytes = (...values: number[]) => Uint8Array.from(values);
const relay = (sender: string, message: Uint8Array): Relay => ({ sender, encode: () => message });

async function eventually<T>(read: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two handles on one backing store, as two server instances have: the same object in memory. */
async function makePair(kind: StoreKind, options: Partial<DocLogOptions> = {}): Promise<[DocLog, DocLog]> {
  const a = await makeDocLog(kind, options);
  return [a, kind === 'memory' ? a : await makeDocLog(kind, options)];
}

function recorder(instance?: string): RelayListener & { messages: Uint8Array[]; resyncs: number } {
  const listener = {
    ...(instance === undefined ? {} : { instance }),
    messages: [] as Uint8Array[],
    resyncs: 0,
    message(message: Uint8Array) {
      listener.messages.push(message);
    },
    resync() {
      listener.resyncs++;
    },
  };
  return listener;
}

describe.each(STORE_KINDS)('DocLog contract: %s', (kind) => {
  it('loads nothing for a document never written', async () => {
    const log = await makeDocLog(kind);
    expect(await log.load(randomId(), 'code')).toEqual({ snapshot: null, updates: [], lastId: null });
  });

  it('appends exact bytes in order, per room and document name', async () => {
    const log = await makeDocLog(kind);
    const room = randomId();
    const updates = [bytes(0, 1, 2, 250, 255, 128, 0), bytes(9), bytes(0), bytes(7, 7)];
    const ids: string[] = [];
    for (const update of updates) ids.push(await log.append(room, 'code', update));
    await log.append(room, 'other', bytes(42));
    await log.append(randomId(), 'code', bytes(43));
    expect(new Set(ids).size).toBe(ids.length);
    expect(await log.load(room, 'code')).toEqual({ snapshot: null, updates, lastId: ids.at(-1) });
    expect((await log.load(room, 'other')).updates).toEqual([bytes(42)]);
  });

  it('compaction keeps what came after it and refuses an older or concurrent one', async () => {
    const [a, b] = await makePair(kind);
    const room = randomId();
    await a.append(room, 'code', bytes(1));
    const second = await a.append(room, 'code', bytes(2));
    const third = await b.append(room, 'code', bytes(3));
    await a.append(room, 'code', bytes(4));

    // Two instances compacting at once: exactly one does it.
    const results = await Promise.all([
      a.compact(room, 'code', bytes(100, 2), second),
      b.compact(room, 'code', bytes(100, 2), second),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await b.load(room, 'code')).toEqual({
      snapshot: bytes(100, 2),
      updates: [bytes(3), bytes(4)],
      lastId: expect.any(String),
    });

    expect(await a.compact(room, 'code', bytes(100, 3), third)).toBe(true);
    // An older snapshot never replaces a newer one (a slow compactor finishing late).
    expect(await b.compact(room, 'code', bytes(100, 2), second)).toBe(false);
    expect(await a.load(room, 'code')).toMatchObject({ snapshot: bytes(100, 3), updates: [bytes(4)] });
  });

  it('relays messages to every subscriber of the document, and stops after unsubscribe', async () => {
    const [a, b] = await makePair(kind);
    const room = randomId();
    const onA = recorder();
    const onB = recorder();
    const other = recorder();
    const stopA = await a.subscribe(room, 'code', onA);
    await b.subscribe(room, 'code', onB);
    await b.subscribe(room, 'other', other);

    await a.publish(room, 'code', relay('a', bytes(1, 0, 255)));
    await eventually(
      () => onA.messages.length + onB.messages.length,
      (n) => n === 2,
    );
    expect(onA.messages).toEqual([bytes(1, 0, 255)]);
    expect(onB.messages).toEqual([bytes(1, 0, 255)]);

    // An append with a relay message announces it: stored and relayed in one step.
    await stopA();
    await b.append(room, 'code', bytes(5), relay('b', bytes(2, 5)));
    await eventually(
      () => onB.messages.length,
      (n) => n === 2,
    );
    expect(onB.messages[1]).toEqual(bytes(2, 5));
    expect(onA.messages).toHaveLength(1);
    expect(other.messages).toEqual([]);
  });

  it("relays to other instances' listeners; a lone instance encodes nothing", async () => {
    const [a, b] = await makePair(kind);
    const room = randomId();
    const ownOfA = recorder('a');
    const ofB = recorder('b');
    await a.subscribe(room, 'code', ownOfA);
    const stopB = await b.subscribe(room, 'code', ofB);

    await a.append(room, 'code', bytes(1), relay('a', bytes(9, 1)));
    await eventually(
      () => ofB.messages.length,
      (n) => n === 1,
    );
    expect(ofB.messages).toEqual([bytes(9, 1)]);

    // Only a's own listener left: the memory log skips it, and so never encodes the message.
    await stopB();
    let encoded = 0;
    await a.append(room, 'code', bytes(2), {
      sender: 'a',
      encode: () => {
        encoded++;
        return bytes(9, 2);
      },
    });
    expect(await a.load(room, 'code')).toMatchObject({ updates: [bytes(1), bytes(2)] });
    if (kind === 'memory') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(encoded).toBe(0);
      expect(ownOfA.messages).toEqual([]);
    }
  });

  it('keeps stored updates apart from the caller and from each load', async () => {
    const log = await makeDocLog(kind);
    const room = randomId();
    const ids: string[] = [];
    // Enough updates to outgrow any first buffer, of varying sizes.
    const updates = Array.from({ length: 300 }, (_, i) =>
      Uint8Array.from({ length: 1 + (i % 40) }, (_, j) => i + j),
    );
    for (const update of updates) ids.push(await log.append(room, 'code', update));
    const first = await log.load(room, 'code');
    expect(first.updates).toEqual(updates);
    first.updates[0]?.fill(0);
    expect((await log.load(room, 'code')).updates[0]).toEqual(updates[0]);

    expect(await log.compact(room, 'code', bytes(100), ids[199] as string)).toBe(true);
    await log.append(room, 'code', bytes(77));
    expect(await log.load(room, 'code')).toEqual({
      snapshot: bytes(100),
      updates: [...updates.slice(200), bytes(77)],
      lastId: expect.any(String),
    });
  });

  it('deletes every document of a room and nothing else', async () => {
    const log = await makeDocLog(kind);
    const room = randomId();
    const neighbour = randomId();
    const last = await log.append(room, 'code', bytes(1));
    await log.compact(room, 'code', bytes(9), last);
    await log.append(room, 'code', bytes(2));
    await log.append(room, 'notes', bytes(3));
    await log.append(neighbour, 'code', bytes(4));
    await log.delete(room);
    expect(await log.load(room, 'code')).toEqual({ snapshot: null, updates: [], lastId: null });
    expect(await log.load(room, 'notes')).toEqual({ snapshot: null, updates: [], lastId: null });
    expect((await log.load(neighbour, 'code')).updates).toEqual([bytes(4)]);
    // A compaction that read the log before the delete does not bring it back.
    expect(await log.compact(room, 'code', bytes(9), last)).toBe(false);
    expect(await log.load(room, 'code')).toEqual({ snapshot: null, updates: [], lastId: null });
  });

  it('drops a document after the retention period without writes', async () => {
    const log = await makeDocLog(kind, { retentionMs: 600 });
    const room = randomId();
    const last = await log.append(room, 'code', bytes(1));
    await log.compact(room, 'code', bytes(9), last);
    await log.append(room, 'code', bytes(2));
    const gone = await eventually(
      () => log.load(room, 'code'),
      (doc) => doc.snapshot === null && doc.updates.length === 0,
    );
    expect(gone).toEqual({ snapshot: null, updates: [], lastId: null });
  });
});

describe('RedisDocLog', () => {
  it('keeps each key for the retention period, refreshed by every write', async () => {
    const log = await makeDocLog('redis', { retentionMs: 30_000 });
    const redis = await redisAdmin();
    const room = randomId();
    const first = await log.append(room, 'code', bytes(1));
    await log.compact(room, 'code', bytes(9), first);
    // Within the refresh interval, but long enough for a stale snapshot TTL to show.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await log.append(room, 'code', bytes(2));
    for (const key of [`ir:doc:${room}:code:log`, `ir:doc:${room}:code:snapshot`, `ir:docs:${room}`]) {
      const ttl = await redis.pTTL(key);
      expect(ttl, key).toBeGreaterThan(25_000);
      // The names set outlives the stream by the refresh interval (a hundredth of 30 s).
      expect(ttl, key).toBeLessThanOrEqual(30_300);
    }
    // A snapshot never expires before the entries that follow it.
    expect(await redis.pTTL(`ir:doc:${room}:code:snapshot`)).toBeGreaterThanOrEqual(
      (await redis.pTTL(`ir:doc:${room}:code:log`)) - 50,
    );
    // Written again after a delete (an append racing it): no key is left without a TTL.
    await log.delete(room);
    await log.append(room, 'code', bytes(3));
    for (const key of [`ir:doc:${room}:code:log`, `ir:docs:${room}`]) {
      expect(await redis.pTTL(key), key).toBeGreaterThan(25_000);
    }
  });

  it('reads, then folds away, a snapshot written by the previous store (base64 under ir:doc:<room>:code)', async () => {
    const log = await makeDocLog('redis');
    const redis = await redisAdmin();
    const room = randomId();
    await redis.set(`ir:doc:${room}:code`, Buffer.from(bytes(7, 0, 255)).toString('base64'));
    expect(await log.load(room, 'code')).toEqual({ snapshot: bytes(7, 0, 255), updates: [], lastId: null });
    const id = await log.append(room, 'code', bytes(1));
    expect(await log.compact(room, 'code', bytes(8), id)).toBe(true);
    expect(await redis.exists(`ir:doc:${room}:code`)).toBe(0);
    expect(await log.load(room, 'code')).toMatchObject({ snapshot: bytes(8), updates: [] });
  });

  it('after its relay connection is cut, tells listeners to resync and relays again', async () => {
    const log = await makeDocLog('redis');
    if (!(log instanceof RedisDocLog)) throw new Error('expected a Redis log');
    const publisher = await makeDocLog('redis');
    const room = randomId();
    const listener = recorder();
    await log.subscribe(room, 'code', listener);

    // A real disconnect of this log's subscriber connection (only it), found by its CLIENT SETNAME.
    const redis = await redisAdmin();
    const clients = (await redis.clientList()).filter((c) => c.name === `${log.connectionName}:relay`);
    expect(clients).toHaveLength(1);
    for (const client of clients) await redis.clientKill({ filter: 'ID', id: Number(client.id) });

    await eventually(
      () => listener.resyncs,
      (n) => n > 0,
    );
    expect(listener.resyncs).toBe(1);
    await publisher.publish(room, 'code', relay('publisher', bytes(3)));
    const received = await eventually(
      () => listener.messages,
      (messages) => messages.length > 0,
    );
    expect(received).toEqual([bytes(3)]);
  });
});
