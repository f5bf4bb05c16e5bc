import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { inject, onTestFinished } from 'vitest';
import { MemoryDocLog } from '../src/docs/memory.ts';
import { RedisDocLog } from '../src/docs/redis.ts';
import type { DocLog, DocLogOptions } from '../src/docs/types.ts';
import { MemoryRoomStore } from '../src/store/memory.ts';
import { RedisRoomStore } from '../src/store/redis.ts';
import type { RoomStore, StoreOptions } from '../src/store/types.ts';

export type StoreKind = 'memory' | 'redis';
export const STORE_KINDS: StoreKind[] = ['memory', 'redis'];

/** A fresh store of the given kind, closed when the test ends. Redis stores are real. */
export async function makeStore(kind: StoreKind, options: Partial<StoreOptions> = {}): Promise<RoomStore> {
  // Long enough that no test outlives its rooms; retention itself is tested with a short one.
  const full: StoreOptions = { retentionMs: 10 * 60_000, ...options };
  const store =
    kind === 'memory'
      ? new MemoryRoomStore(full)
      : await RedisRoomStore.connect({ url: inject('redisUrl'), ...full });
  onTestFinished(() => store.close());
  return store;
}

/** A fresh document log of the given kind, closed when the test ends. Redis logs are real. */
export async function makeDocLog(kind: StoreKind, options: Partial<DocLogOptions> = {}): Promise<DocLog> {
  // Longer than any test, so a doc idle through a long test is not expired under it.
  const full: DocLogOptions = { retentionMs: 10 * 60_000, ...options };
  const log =
    kind === 'memory'
      ? new MemoryDocLog(full)
      : await RedisDocLog.connect({ url: inject('redisUrl'), ...full });
  onTestFinished(() => log.close());
  return log;
}

export const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');

/** A plain client of the tests' Redis, to look at (or change) keys behind a store's back; closed when the test ends. */
export async function redisAdmin() {
  const client = createClient({ url: inject('redisUrl') });
  await client.connect();
  onTestFinished(() => client.close());
  return client;
}
