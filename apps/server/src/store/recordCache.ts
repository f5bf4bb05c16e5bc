import { frozenCopy } from './frozenCopy.ts';
import { parseRoomRecord } from './schema.ts';
import type { RoomRecord } from './types.ts';

/**
 * Rooms remembered per instance; past this, the least recently used is dropped. A record is
 * ~30 KB of heap and its JSON ~10 KB more, so the cache stays under ~80 MB however many rooms
 * an instance serves.
 */
export const RECORD_CACHE_ROOMS = 2_000;
/**
 * A room not read or written for this long is dropped (a missed record costs one parse), and the
 * store sweeps every RECORD_CACHE_SWEEP_MS, so an instance whose rooms went quiet holds none.
 */
export const RECORD_CACHE_IDLE_MS = 30_000;
export const RECORD_CACHE_SWEEP_MS = 10_000;

interface Entry {
  raw: string;
  record: RoomRecord;
  usedAt: number;
}

/**
 * The last record of each room this instance read or wrote, with the JSON stored for it. A room
 * command reads its room, then writes it; parsing and validating the ~10 KB record (its plan
 * carries every rubric) on each read was a tenth of a Redis-backed server's CPU. Records are
 * deep-frozen, so a read that finds the same JSON again returns the same record.
 */
export class RecordCache {
  /** Least recently used first. */
  private readonly entries = new Map<string, Entry>();
  private readonly capacity: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: { capacity?: number; idleMs?: number; now?: () => number } = {}) {
    this.capacity = options.capacity ?? RECORD_CACHE_ROOMS;
    this.idleMs = options.idleMs ?? RECORD_CACHE_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  /** The record stored as `raw`: parsed (and validated) unless it is the one remembered. */
  parse(id: string, raw: string): RoomRecord {
    const known = this.live(id);
    if (known?.raw === raw) {
      this.touch(id, known.raw, known.record);
      return known.record;
    }
    const record = frozenCopy(parseRoomRecord(raw));
    this.remember(id, raw, record);
    return record;
  }

  /** The remembered record, whatever its version. */
  latest(id: string): RoomRecord | null {
    return this.live(id)?.record ?? null;
  }

  /** The remembered record, if it is at `version` (a write at that version needs no read). */
  atVersion(id: string, version: number): RoomRecord | null {
    const known = this.live(id);
    return known?.record.version === version ? known.record : null;
  }

  /** After a write: `record` is what `raw` (now stored) holds; it is frozen here. */
  remember(id: string, raw: string, record: RoomRecord): void {
    this.touch(id, raw, frozenCopy(record));
    this.sweep();
  }

  /** Drops the rooms over capacity and those unused for the idle time, least recently used first. */
  sweep(): void {
    const idleSince = this.now() - this.idleMs;
    for (const [oldestId, oldest] of this.entries) {
      if (this.entries.size <= this.capacity && oldest.usedAt > idleSince) break;
      this.entries.delete(oldestId);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry && entry.usedAt <= this.now() - this.idleMs) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  private touch(id: string, raw: string, record: RoomRecord): void {
    this.entries.delete(id);
    this.entries.set(id, { raw, record, usedAt: this.now() });
  }
}
