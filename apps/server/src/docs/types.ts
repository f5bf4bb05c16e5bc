/** What is stored of one Yjs document: a compacted snapshot and the updates appended since. */
export interface StoredDoc {
  /** `Y.encodeStateAsUpdate` of everything up to the last compaction, or null before the first. */
  snapshot: Uint8Array | null;
  /** Updates appended after the snapshot, oldest first. Replaying one twice is harmless. */
  updates: Uint8Array[];
  /** Id of the newest entry in `updates` (what `compact` may trim up to); null when there are none. */
  lastId: string | null;
}

/**
 * A message for the document's relay, from one server instance. Encoded only when someone will
 * receive it: with one instance on the memory log, no one but its sender listens.
 */
export interface Relay {
  readonly sender: string;
  encode(): Uint8Array;
}

/** Receives a document's relay traffic from other server instances. */
export interface RelayListener {
  /**
   * The instance listening. A log may skip relaying that instance's own messages back to it (the
   * memory log does; Redis pub/sub cannot, so a listener must still ignore its own messages).
   */
  readonly instance?: string;
  message(message: Uint8Array): void;
  /**
   * The relay was interrupted and is back: anything published meanwhile was lost, so the
   * listener should re-read the log (updates are idempotent) and re-announce itself.
   */
  resync(): void;
}

/**
 * Durable, append-only storage of Yjs documents plus a live relay between server instances.
 * Two real implementations (memory for one process, Redis for several) pass one contract test.
 * Ids are opaque strings, ordered as the appends were.
 */
export interface DocLog {
  readonly kind: 'memory' | 'redis';
  load(roomId: string, docName: string): Promise<StoredDoc>;
  /**
   * Stores one update durably and resolves with its id. When `relay` is given it is published
   * on the document's relay together with the append, so a stored update is always announced.
   * The log may keep `update` itself: the caller must not change it afterwards.
   */
  append(roomId: string, docName: string, update: Uint8Array, relay?: Relay): Promise<string>;
  /**
   * Replaces every entry up to `upToId` by `snapshot`, which must contain all of them (a superset
   * is fine). Resolves false, changing nothing, if another compaction is running, a newer one
   * is already stored, or the document no longer exists.
   */
  compact(roomId: string, docName: string, snapshot: Uint8Array, upToId: string): Promise<boolean>;
  /** Removes every document of the room. */
  delete(roomId: string): Promise<void>;
  /** Best effort and not stored: listeners that are connected now receive it. */
  publish(roomId: string, docName: string, relay: Relay): Promise<void>;
  /** Resolves once messages are being received; the returned function stops them. */
  subscribe(roomId: string, docName: string, listener: RelayListener): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DocLogOptions {
  /** How long a document is kept after its last write (the room retention). */
  retentionMs: number;
  now?: () => number;
}
