import { randomBytes } from 'node:crypto';
import { inject, onTestFinished } from 'vitest';
import { MemoryRoomStore } from '../src/store/memory.ts';
import { RedisRoomStore } from '../src/store/redis.ts';
import type { RoomStore, StoreOptions } from '../src/store/types.ts';

export type StoreKind = 'memory' | 'redis';
export const STORE_KINDS: StoreKind[] = ['memory', 'redis'];

/** A fresh store of the given kind, closed when the test ends. Redis stores are real. */
export async function makeStore(kind: StoreKind, options: Partial<StoreOptions> = {}): Promise<RoomStore> {
  const full: StoreOptions = { retentionMs: 60_000, ...options };
  const store =
    kind === 'memory'
      ? new MemoryRoomStore(full)
      : await RedisRoomStore.connect({ url: inject('redisUrl'), ...full });
  onTestFinished(() => store.close());
  return store;
}

export const randomId = (bytes = 16) => randomBytes(bytes).toString('base64url');
