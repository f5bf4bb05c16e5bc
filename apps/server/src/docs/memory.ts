import type { DocLog, DocLogOptions, Relay, RelayListener, StoredDoc } from './types.ts';
import { UpdateArena } from './updateArena.ts';

interface MemoryDoc {
  snapshot: Uint8Array | null;
  /** Sequence number of the newest update folded into the snapshot; 0 before any compaction. */
  snapshotUpTo: number;
  updates: UpdateArena;
  expiresAt: number;
}

/**
 * Single-process document log. Its relay is in-process, so two CodeDocs sharing one instance
 * relay to each other exactly as two servers on one Redis do.
 */
export class MemoryDocLog implements DocLog {
  readonly kind = 'memory' as const;
  /** By room, then document name: lookups on every keystroke, without building a key string. */
  private readonly docs = new Map<string, Map<string, MemoryDoc>>();
  private readonly listeners = new Map<string, Map<string, Set<RelayListener>>>();
  private readonly now: () => number;
  private seq = 0;

  constructor(private readonly options: DocLogOptions) {
    this.now = options.now ?? Date.now;
  }

  async load(roomId: string, docName: string): Promise<StoredDoc> {
    const doc = this.live(roomId, docName);
    if (!doc) return { snapshot: null, updates: [], lastId: null };
    const lastSeq = doc.updates.lastSeq();
    return {
      snapshot: doc.snapshot ? doc.snapshot.slice() : null,
      updates: doc.updates.copies(),
      lastId: lastSeq === null ? null : String(lastSeq),
    };
  }

  async append(roomId: string, docName: string, update: Uint8Array, relay?: Relay): Promise<string> {
    let doc = this.live(roomId, docName);
    if (!doc) {
      doc = { snapshot: null, snapshotUpTo: 0, updates: new UpdateArena(), expiresAt: 0 };
      inner(this.docs, roomId).set(docName, doc);
    }
    const seq = ++this.seq;
    doc.updates.push(seq, update);
    doc.expiresAt = this.expiry();
    if (relay) this.deliver(roomId, docName, relay);
    return String(seq);
  }

  async compact(roomId: string, docName: string, snapshot: Uint8Array, upToId: string): Promise<boolean> {
    const doc = this.live(roomId, docName);
    const upTo = Number(upToId);
    if (!doc || !Number.isSafeInteger(upTo) || upTo <= doc.snapshotUpTo) return false;
    doc.snapshot = snapshot.slice();
    doc.snapshotUpTo = upTo;
    doc.updates.dropThrough(upTo);
    doc.expiresAt = this.expiry();
    return true;
  }

  async delete(roomId: string): Promise<void> {
    this.docs.delete(roomId);
  }

  async publish(roomId: string, docName: string, relay: Relay): Promise<void> {
    this.deliver(roomId, docName, relay);
  }

  async subscribe(roomId: string, docName: string, listener: RelayListener): Promise<() => Promise<void>> {
    const byName = inner(this.listeners, roomId);
    let set = byName.get(docName);
    if (!set) {
      set = new Set();
      byName.set(docName, set);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size > 0 || byName.get(docName) !== set) return;
      byName.delete(docName);
      if (byName.size === 0 && this.listeners.get(roomId) === byName) this.listeners.delete(roomId);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  /**
   * Delivered after the publisher's turn, like a network relay, never inside its call stack; not
   * to the sender's own listener, so a lone instance neither encodes nor decodes its messages.
   */
  private deliver(roomId: string, docName: string, relay: Relay): void {
    const set = this.listeners.get(roomId)?.get(docName);
    if (!set) return;
    let message: Uint8Array | undefined;
    for (const listener of set) {
      if (listener.instance === relay.sender) continue;
      message ??= relay.encode();
      const copy = message.slice();
      queueMicrotask(() => {
        if (set.has(listener)) listener.message(copy);
      });
    }
  }

  private live(roomId: string, docName: string): MemoryDoc | null {
    const byName = this.docs.get(roomId);
    const doc = byName?.get(docName);
    if (!byName || !doc) return null;
    if (doc.expiresAt <= this.now()) {
      byName.delete(docName);
      if (byName.size === 0) this.docs.delete(roomId);
      return null;
    }
    return doc;
  }

  private expiry(): number {
    return this.now() + this.options.retentionMs;
  }
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) {
    map = new Map();
    outer.set(key, map);
  }
  return map;
}
