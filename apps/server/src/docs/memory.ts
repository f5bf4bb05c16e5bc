import type { DocLog, DocLogOptions, RelayListener, StoredDoc } from './types.ts';

interface MemoryDoc {
  snapshot: Uint8Array | null;
  /** Sequence number of the newest update folded into the snapshot; 0 before any compaction. */
  snapshotUpTo: number;
  updates: { seq: number; update: Uint8Array }[];
  expiresAt: number;
}

/**
 * Single-process document log. Its relay is in-process, so two CodeDocs sharing one instance
 * relay to each other exactly as two servers on one Redis do.
 */
export class MemoryDocLog implements DocLog {
  readonly kind = 'memory' as const;
  private readonly docs = new Map<string, MemoryDoc>();
  private readonly listeners = new Map<string, Set<RelayListener>>();
  private readonly now: () => number;
  private seq = 0;

  constructor(private readonly options: DocLogOptions) {
    this.now = options.now ?? Date.now;
  }

  async load(roomId: string, docName: string): Promise<StoredDoc> {
    const doc = this.live(roomId, docName);
    if (!doc) return { snapshot: null, updates: [], lastId: null };
    const last = doc.updates.at(-1);
    return {
      snapshot: doc.snapshot ? doc.snapshot.slice() : null,
      updates: doc.updates.map((entry) => entry.update.slice()),
      lastId: last ? String(last.seq) : null,
    };
  }

  async append(roomId: string, docName: string, update: Uint8Array, relay?: Uint8Array): Promise<string> {
    let doc = this.live(roomId, docName);
    if (!doc) {
      doc = { snapshot: null, snapshotUpTo: 0, updates: [], expiresAt: 0 };
      this.docs.set(docKey(roomId, docName), doc);
    }
    const seq = ++this.seq;
    doc.updates.push({ seq, update: update.slice() });
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
    doc.updates = doc.updates.filter((entry) => entry.seq > upTo);
    doc.expiresAt = this.expiry();
    return true;
  }

  async delete(roomId: string): Promise<void> {
    const prefix = docKey(roomId, '');
    for (const key of this.docs.keys()) if (key.startsWith(prefix)) this.docs.delete(key);
  }

  async publish(roomId: string, docName: string, message: Uint8Array): Promise<void> {
    this.deliver(roomId, docName, message);
  }

  async subscribe(roomId: string, docName: string, listener: RelayListener): Promise<() => Promise<void>> {
    const key = docKey(roomId, docName);
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return async () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(key) === set) this.listeners.delete(key);
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  /** Delivered after the publisher's turn, like a network relay, never inside its call stack. */
  private deliver(roomId: string, docName: string, message: Uint8Array): void {
    const set = this.listeners.get(docKey(roomId, docName));
    if (!set) return;
    for (const listener of [...set]) {
      const copy = message.slice();
      queueMicrotask(() => {
        if (set.has(listener)) listener.message(copy);
      });
    }
  }

  private live(roomId: string, docName: string): MemoryDoc | null {
    const key = docKey(roomId, docName);
    const doc = this.docs.get(key);
    if (!doc) return null;
    if (doc.expiresAt <= this.now()) {
      this.docs.delete(key);
      return null;
    }
    return doc;
  }

  private expiry(): number {
    return this.now() + this.options.retentionMs;
  }
}

/** Room ids never contain '/', so a room's prefix cannot match another room. */
const docKey = (roomId: string, docName: string) => `${roomId}/${docName}`;
