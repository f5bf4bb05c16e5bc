const INITIAL_BYTES = 256;

/**
 * A document's stored updates, back to back in one buffer. A keystroke's update is ~20-30 bytes;
 * kept as its own Uint8Array (plus a record for its sequence number) it would cost ~150 bytes
 * more, for every update of every room until the log is compacted.
 */
export class UpdateArena {
  private bytes = new Uint8Array(INITIAL_BYTES);
  private used = 0;
  /** Sequence numbers, ascending, and where each update ends in `bytes`. */
  private seqs: number[] = [];
  private ends: number[] = [];

  push(seq: number, update: Uint8Array): void {
    const needed = this.used + update.byteLength;
    if (needed > this.bytes.byteLength) {
      const grown = new Uint8Array(Math.max(needed, this.bytes.byteLength * 2));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    this.bytes.set(update, this.used);
    this.used = needed;
    this.seqs.push(seq);
    this.ends.push(needed);
  }

  lastSeq(): number | null {
    return this.seqs.at(-1) ?? null;
  }

  /** Every update as its own copy, oldest first. */
  copies(): Uint8Array[] {
    return this.ends.map((end, i) => this.bytes.slice(i === 0 ? 0 : (this.ends[i - 1] as number), end));
  }

  /** Drops the updates with a sequence number up to `seq`; the buffer shrinks to what is left. */
  dropThrough(seq: number): void {
    let keep = 0;
    while (keep < this.seqs.length && (this.seqs[keep] as number) <= seq) keep++;
    if (keep === 0) return;
    const start = this.ends[keep - 1] as number;
    const rest = this.bytes.subarray(start, this.used);
    this.bytes = new Uint8Array(Math.max(INITIAL_BYTES, rest.byteLength));
    this.bytes.set(rest);
    this.used = rest.byteLength;
    this.seqs = this.seqs.slice(keep);
    this.ends = this.ends.slice(keep).map((end) => end - start);
  }
}
