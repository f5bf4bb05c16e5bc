import { frozenCopy } from './frozenCopy.ts';
import { parseRoomRecord } from './schema.ts';
import type { RoomRecord } from './types.ts';

/** Rooms remembered per instance; past this, the least recently used is dropped. */
export const RECORD_CACHE_ROOMS = 10_000;

/**
 * The last record of each room this instance read or wrote, with the JSON stored for it. A room
 * command reads its room, then writes it; parsing and validating the ~10 KB record (its plan
 * carries every rubric) on each read was a tenth of a Redis-backed server's CPU. Records are
 * deep-frozen, so a read that finds the same JSON again returns the same record.
 */
export class RecordCache {
  private readonly entries = new Map<string, { raw: string; record: RoomRecord }>();

  constructor(private readonly capacity = RECORD_CACHE_ROOMS) {}

  /** The record stored as `raw`: parsed (and validated) unless it is the one remembered. */
  parse(id: string, raw: string): RoomRecord {
    const known = this.entries.get(id);
    if (known?.raw === raw) {
      this.touch(id, known);
      return known.record;
    }
    const record = frozenCopy(parseRoomRecord(raw));
    this.remember(id, raw, record);
    return record;
  }

  /** The remembered record, if it is at `version` (a write at that version needs no read). */
  atVersion(id: string, version: number): RoomRecord | null {
    const known = this.entries.get(id);
    return known?.record.version === version ? known.record : null;
  }

  /** After a write: `record` is what `raw` (now stored) holds; it is frozen here. */
  remember(id: string, raw: string, record: RoomRecord): void {
    this.touch(id, { raw, record: frozenCopy(record) });
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  private touch(id: string, entry: { raw: string; record: RoomRecord }): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
  }
}
