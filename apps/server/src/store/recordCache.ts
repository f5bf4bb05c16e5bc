import { frozenCopy } from '../domain/frozenCopy.ts';
import type { RoomRecord } from './types.ts';

/**
 * Rooms remembered per instance; past this, the least recently used is dropped. A record is a
 * few KB of heap when its plan is shared with other rooms (PlanCache) and up to ~30 KB when it is
 * not, so the cache stays under ~60 MB however many rooms an instance serves.
 */
export const RECORD_CACHE_ROOMS = 2_000;
/**
 * A room not read or written for this long is dropped (a missed record costs one parse), and the
 * store sweeps every RECORD_CACHE_SWEEP_MS, so an instance whose rooms went quiet holds none.
 */
export const RECORD_CACHE_IDLE_MS = 30_000;
export const RECORD_CACHE_SWEEP_MS = 10_000;

/** A record as stored, with the stamp its write stored with it. */
export interface StampedRecord {
  record: RoomRecord;
  /**
   * Unique to one write. A version is written once while Redis keeps what it acknowledged, but
   * a Redis that lost writes (a crash between two fsyncs, a failover, a restore) can see the
   * same version written again with other content: the stamp tells the two apart.
   */
  stamp: string;
}

interface Entry extends StampedRecord {
  usedAt: number;
}

/**
 * The last record of each room this instance read or wrote. Parsing and validating the ~10 KB
 * record (its plan carries every rubric) on each read was a tenth of a Redis-backed server's
 * CPU. A read that finds the version and stamp remembered here returns the remembered record,
 * deep-frozen.
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

  /** The remembered record, whatever its version. */
  latest(id: string): RoomRecord | null {
    return this.live(id)?.record ?? null;
  }

  /**
   * The remembered record, if it is at `version`: the base of a write at that version, which
   * then needs no read (the write checks the stamp too).
   */
  atVersion(id: string, version: number): StampedRecord | null {
    const known = this.live(id);
    if (known?.record.version !== version) return null;
    this.touch(id, known);
    return { record: known.record, stamp: known.stamp };
  }

  /** The remembered record, if it is the one written at `version` with `stamp`. */
  matching(id: string, version: number, stamp: string): RoomRecord | null {
    const known = this.atVersion(id, version);
    return known?.stamp === stamp ? known.record : null;
  }

  /** `record` is what the store holds now (read or written); a frozen copy is kept and returned. */
  remember(id: string, record: RoomRecord, stamp: string): StampedRecord {
    const known = { record: frozenCopy(record), stamp };
    this.touch(id, known);
    this.sweep();
    return known;
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

  private touch(id: string, { record, stamp }: StampedRecord): void {
    this.entries.delete(id);
    this.entries.set(id, { record, stamp, usedAt: this.now() });
  }
}
