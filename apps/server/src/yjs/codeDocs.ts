import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { codeTextKey } from '@interview-room/protocol';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocLog, Relay, StoredDoc } from '../docs/types.ts';
import type { Logger } from '../logger.ts';
import type { CodeEffects } from '../rooms/service.ts';
import { decodeRelay, encodeRelay, exhaustive, type RelayMessage } from './relay.ts';

export const CODE_DOC_NAME = 'code';
/** Stored updates after which the log is folded into a snapshot (it is also folded on unload). */
export const COMPACT_EVERY_UPDATES = 500;
/**
 * How long a room command (next question, end) waits for its code change to be stored. It runs in
 * the room's command queue, which must not stall on a failing log; the update stays queued anyway.
 */
export const EFFECT_STORE_WAIT_MS = 5_000;
/** How long a shutdown waits for unstored updates before giving up on them. */
export const FLUSH_TIMEOUT_MS = 10_000;
/** Backoff between attempts to reach the log while it is failing. */
export const RETRY_MIN_MS = 100;
export const RETRY_MAX_MS = 5_000;

/** Transactions of the room itself (starter code): stored and relayed like a client's. */
export const SERVER_ORIGIN = Symbol('server');
/** Read back from the log: already stored, so neither appended nor relayed again. */
export const LOG_ORIGIN = Symbol('log');
/** Relayed by another instance, which stored it: neither appended nor relayed again. */
export const REMOTE_ORIGIN = Symbol('remote');

export interface CodeDoc {
  readonly roomId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readOnly: boolean;
}

interface Entry extends CodeDoc {
  users: number;
  /** Updates made on this instance and not yet stored, oldest first. */
  pending: Uint8Array[];
  /** The loop that stores `pending`, while it runs. */
  storing: Promise<void> | null;
  storedSinceCompaction: number;
  /** Awareness client ids of this instance's connections: the ones it speaks for on the relay. */
  localClients: Set<number>;
  unsubscribe: () => Promise<void>;
  /** Dropped from the registry: relay traffic and resyncs no longer apply. */
  unloaded: boolean;
  resyncing: boolean;
  resyncAgain: boolean;
}

export interface CodeDocsDeps {
  docLog: DocLog;
  log: Logger;
  /** Whether the room has ended (its code is then read-only). Must read the shared store. */
  isLocked: (roomId: string) => Promise<boolean>;
  compactEvery?: number;
  flushTimeoutMs?: number;
}

/**
 * The Y.Doc of each room's code on this instance. Loaded from the DocLog before its first sync
 * (concurrent opens share one load); every local update is appended to the log at once (retried
 * in order while the log fails) and relayed to the other instances, whose updates, awareness and
 * lock arrive the same way; dropped when its last local user leaves and its updates are stored.
 */
export class CodeDocs implements CodeEffects {
  /** Tells this instance's relay messages from the others' (pub/sub echoes to the sender). */
  readonly instanceId = randomBytes(9).toString('base64url');
  private readonly docs = new Map<string, Promise<Entry>>();
  /** The entries of `docs` whose load has finished, for synchronous reads. */
  private readonly ready = new Map<string, Entry>();
  private readonly compactions = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private readonly deletedListeners = new Set<(roomId: string) => void>();
  private readonly revokedListeners = new Set<(roomId: string, tokenIds: readonly string[]) => void>();
  private closed = false;
  private readonly compactEvery: number;
  private readonly flushTimeoutMs: number;

  constructor(private readonly deps: CodeDocsDeps) {
    this.compactEvery = deps.compactEvery ?? COMPACT_EVERY_UPDATES;
    this.flushTimeoutMs = deps.flushTimeoutMs ?? FLUSH_TIMEOUT_MS;
  }

  /** Opens the room's doc for a user; pair with release(). */
  acquire(roomId: string): Promise<CodeDoc> {
    return this.acquireEntry(roomId);
  }

  private async acquireEntry(roomId: string): Promise<Entry> {
    for (;;) {
      if (this.closed) throw new Error('code documents are closed');
      const entry = await this.open(roomId);
      // It may have been unloaded while we waited; the next open loads it again.
      if (entry.unloaded) continue;
      entry.users++;
      return entry;
    }
  }

  release(roomId: string): void {
    const pending = this.docs.get(roomId);
    pending?.then(
      async (entry) => {
        entry.users--;
        if (entry.users > 0) return;
        // Until every update made here is stored the entry stays, and an acquire reuses it:
        // loading again from the log now would miss those updates.
        await this.settle(entry);
        if (entry.users > 0 || this.docs.get(roomId) !== pending || this.closed) return;
        this.docs.delete(roomId);
        this.unload(entry);
        await this.compact(roomId);
      },
      () => undefined,
    );
  }

  async seedCode(
    roomId: string,
    questionId: string,
    starterCode: string,
  ): Promise<{ stored: Promise<void> }> {
    const nothingToStore = { stored: Promise.resolve() };
    if (starterCode === '') return nothingToStore;
    return this.withDoc(roomId, async (entry) => {
      const text = entry.doc.getText(codeTextKey(questionId));
      if (text.length > 0) return nothingToStore;
      entry.doc.transact(() => text.insert(0, starterCode), SERVER_ORIGIN);
      // Only a seed waits for the store: going back to a seeded question must not wait on the
      // keystrokes being stored meanwhile (a round trip to Redis, on a push's path). Releasing
      // the doc before that is safe: it stays loaded until its updates are stored.
      return { stored: this.settleWithin(entry, EFFECT_STORE_WAIT_MS) };
    });
  }

  /** Called on the instance that ended the interview; the relay locks the other instances' copies. */
  async lockCode(roomId: string): Promise<void> {
    const loaded = this.docs.get(roomId);
    const entry = loaded ? await loaded.catch(() => null) : null;
    if (entry) {
      entry.readOnly = true;
      await this.settleWithin(entry, EFFECT_STORE_WAIT_MS);
    }
    // Instances that load the doc later read the ended state from the store instead.
    await this.publish(roomId, { type: 'lock', sender: this.instanceId }).catch((error: unknown) =>
      this.deps.log.warn('code lock not relayed; other instances lock on their next resync', {
        roomId,
        error,
      }),
    );
    // The final code in one snapshot; this also restarts its retention after the room's last save.
    await this.compact(roomId);
  }

  /**
   * Removes the room's code everywhere: this instance's copy (unstored updates are discarded),
   * the other instances' copies (over the relay), and the stored log. Call after the room record
   * is gone, so no new connection can load the code again.
   */
  async deleteCode(roomId: string): Promise<void> {
    const entry = await this.drop(roomId);
    // An append already on its way would recreate the keys after the delete.
    if (entry) await this.settle(entry);
    await this.compactions.get(roomId);
    await this.publish(roomId, { type: 'deleted', sender: this.instanceId }).catch((error: unknown) =>
      this.deps.log.warn('code deletion not relayed; other instances keep their copy until it unloads', {
        roomId,
        error,
      }),
    );
    await this.deps.docLog.delete(roomId);
  }

  /** Called with the room id when a room's code is deleted here or on another instance. */
  onDeleted(listener: (roomId: string) => void): () => void {
    this.deletedListeners.add(listener);
    return () => this.deletedListeners.delete(listener);
  }

  /**
   * Tells every instance (this one included) to close the connections opened with these tokens.
   * Call after the new token hashes are stored, so a connection that misses this message (it was
   * still being set up) sees the revocation when it checks its token afterwards.
   */
  async revokeTokens(roomId: string, tokenIds: readonly string[]): Promise<void> {
    if (tokenIds.length === 0) return;
    this.notifyRevoked(roomId, tokenIds);
    await this.publish(roomId, { type: 'revoked', sender: this.instanceId, tokenIds: [...tokenIds] });
  }

  /** Called with the room id and token ids when tokens are revoked here or on another instance. */
  onRevoked(listener: (roomId: string, tokenIds: readonly string[]) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** How many users this instance's copy has (0 while it waits to unload, or when not loaded). */
  localUsers(roomId: string): number {
    return this.ready.get(roomId)?.users ?? 0;
  }

  /** Whether this instance's copy is read-only; undefined when it has none loaded. */
  isReadOnly(roomId: string): boolean | undefined {
    return this.ready.get(roomId)?.readOnly;
  }

  /** The text of every question's buffer, for the export. */
  async readCode(roomId: string): Promise<Map<string, string>> {
    return this.withDoc(roomId, async (entry) => {
      const code = new Map<string, string>();
      for (const key of entry.doc.share.keys()) {
        if (key.startsWith(codeTextKey('')))
          code.set(key.slice(codeTextKey('').length), entry.doc.getText(key).toString());
      }
      return code;
    });
  }

  /**
   * Waits until every update made on this instance is stored (and running compactions are done),
   * for at most `timeoutMs`. Resolves false if updates were still unstored at the deadline.
   */
  async flushAll(timeoutMs = this.flushTimeoutMs): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const stored = await Promise.race([this.settleAll(), deadline]);
    clearTimeout(timer);
    if (!stored) {
      const entries = await this.loadedEntries();
      this.deps.log.error('code updates not stored before the shutdown deadline', {
        rooms: entries.filter((e) => e.pending.length > 0).map((e) => e.roomId),
        updates: entries.reduce((sum, e) => sum + e.pending.length, 0),
      });
    }
    return stored;
  }

  /** Stores what is pending (bounded by the flush timeout), then stops; does not close the log. */
  async close(): Promise<void> {
    await this.flushAll();
    this.closed = true;
    this.stopping.abort();
    const entries = await this.loadedEntries();
    this.docs.clear();
    for (const entry of entries) this.unload(entry);
  }

  private async withDoc<T>(roomId: string, task: (entry: Entry) => Promise<T>): Promise<T> {
    const entry = await this.acquireEntry(roomId);
    try {
      return await task(entry);
    } finally {
      this.release(roomId);
    }
  }

  private open(roomId: string): Promise<Entry> {
    let pending = this.docs.get(roomId);
    if (!pending) {
      const loading = this.load(roomId);
      pending = loading;
      this.docs.set(roomId, loading);
      // The caller reports the failure; the next open tries again.
      loading.catch(() => {
        if (this.docs.get(roomId) === loading) this.docs.delete(roomId);
      });
    }
    return pending;
  }

  private async load(roomId: string): Promise<Entry> {
    const { docLog } = this.deps;
    // Subscribe before reading: an update stored after the read is then relayed to us, and one
    // relayed during the read is queued until the doc exists (applying it twice is harmless).
    let entry: Entry | null = null;
    const early: Uint8Array[] = [];
    let resyncWanted = false;
    const unsubscribe = await docLog.subscribe(roomId, CODE_DOC_NAME, {
      instance: this.instanceId,
      message: (message) => {
        if (entry) this.onRelay(entry, message);
        else early.push(message);
      },
      resync: () => {
        if (entry) this.resync(entry);
        else resyncWanted = true;
      },
    });
    let stored: StoredDoc;
    let locked: boolean;
    try {
      [stored, locked] = await Promise.all([docLog.load(roomId, CODE_DOC_NAME), this.deps.isLocked(roomId)]);
    } catch (error) {
      void unsubscribe().catch(() => undefined);
      throw error;
    }
    const doc = new Y.Doc({ gc: true });
    this.applyStored(roomId, doc, stored);
    const awareness = new Awareness(doc);
    // The server is not a participant: it must not appear in anyone's presence.
    awareness.setLocalState(null);
    const loaded: Entry = {
      roomId,
      doc,
      awareness,
      readOnly: locked,
      users: 0,
      pending: [],
      storing: null,
      storedSinceCompaction: stored.updates.length,
      localClients: new Set(),
      unsubscribe,
      unloaded: false,
      resyncing: false,
      resyncAgain: false,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOG_ORIGIN || origin === REMOTE_ORIGIN) return;
      loaded.pending.push(update);
      this.store(loaded);
    });
    awareness.on('update', (changes: AwarenessChanges, origin: unknown) =>
      this.onAwareness(loaded, changes, origin),
    );
    entry = loaded;
    this.ready.set(roomId, loaded);
    for (const message of early) this.onRelay(loaded, message);
    if (resyncWanted) this.resync(loaded);
    // Instances already editing tell us who is there, rather than after their next renewal.
    void this.publish(roomId, { type: 'awareness-query', sender: this.instanceId }).catch(() => undefined);
    if (loaded.storedSinceCompaction >= this.compactEvery) void this.compact(roomId);
    return loaded;
  }

  private async drop(roomId: string): Promise<Entry | null> {
    const loaded = this.docs.get(roomId);
    this.docs.delete(roomId);
    const entry = loaded ? await loaded.catch(() => null) : null;
    if (entry && !entry.unloaded) {
      entry.pending.length = 0;
      this.unload(entry);
    }
    for (const listener of this.deletedListeners) listener(roomId);
    return entry;
  }

  private unload(entry: Entry): void {
    entry.unloaded = true;
    if (this.ready.get(entry.roomId) === entry) this.ready.delete(entry.roomId);
    void entry.unsubscribe().catch(() => undefined);
    entry.awareness.destroy();
    entry.doc.destroy();
  }

  /** Starts the store loop unless it runs; there is one per document, so appends keep their order. */
  private store(entry: Entry): void {
    if (entry.storing || this.closed) return;
    entry.storing = this.storeLoop(entry).finally(() => {
      entry.storing = null;
      // An update may have arrived after the loop's last check.
      if (entry.pending.length > 0) this.store(entry);
    });
  }

  private async storeLoop(entry: Entry): Promise<void> {
    let failures = 0;
    while (entry.pending.length > 0 && !this.closed) {
      // Everything pending goes in one append: a burst, or the backlog of an outage, in order.
      const count = entry.pending.length;
      const update = count === 1 ? (entry.pending[0] as Uint8Array) : Y.mergeUpdates(entry.pending);
      try {
        await this.deps.docLog.append(
          entry.roomId,
          CODE_DOC_NAME,
          update,
          this.relay({ type: 'update', sender: this.instanceId, update }),
        );
      } catch (error) {
        failures++;
        if (failures === 1 || failures % 20 === 0)
          this.deps.log.warn('code update not stored; retrying', {
            roomId: entry.roomId,
            pending: count,
            attempt: failures,
            error,
          });
        await this.pause(Math.min(RETRY_MIN_MS * 2 ** (failures - 1), RETRY_MAX_MS));
        continue;
      }
      if (failures > 0)
        this.deps.log.info('code updates stored after retrying', {
          roomId: entry.roomId,
          attempts: failures,
        });
      failures = 0;
      entry.pending.splice(0, count);
      entry.storedSinceCompaction += count;
      if (entry.storedSinceCompaction >= this.compactEvery) {
        entry.storedSinceCompaction = 0;
        void this.compact(entry.roomId);
      }
    }
  }

  /** Resolves when nothing made on this instance is waiting to be stored. */
  private async settle(entry: Entry): Promise<void> {
    while (entry.storing) await entry.storing;
  }

  private async settleWithin(entry: Entry, ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const stored = await Promise.race([
      this.settle(entry).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
    clearTimeout(timer);
    if (!stored)
      this.deps.log.warn('code change not stored yet; it stays queued', {
        roomId: entry.roomId,
        waitedMs: ms,
      });
  }

  private async settleAll(): Promise<boolean> {
    for (;;) {
      const entries = await this.loadedEntries();
      await Promise.all(entries.map((entry) => this.settle(entry)));
      await Promise.allSettled([...this.compactions.values()]);
      if (this.closed) return entries.every((entry) => entry.pending.length === 0);
      const busy = entries.some((entry) => entry.storing || entry.pending.length > 0);
      if (!busy && this.compactions.size === 0) return true;
    }
  }

  private async loadedEntries(): Promise<Entry[]> {
    const results = await Promise.allSettled([...this.docs.values()]);
    return results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Folds the stored log into one snapshot; the in-memory doc is not involved. */
  private compact(roomId: string): Promise<void> {
    const running = this.compactions.get(roomId);
    if (running) return running;
    const task = (async () => {
      try {
        const stored = await this.deps.docLog.load(roomId, CODE_DOC_NAME);
        if (stored.lastId === null) return;
        const doc = new Y.Doc({ gc: true });
        try {
          this.applyStored(roomId, doc, stored);
          await this.deps.docLog.compact(roomId, CODE_DOC_NAME, Y.encodeStateAsUpdate(doc), stored.lastId);
        } finally {
          doc.destroy();
        }
      } catch (error) {
        // Nothing is lost: the log stays as it was and the next compaction folds it.
        this.deps.log.warn('code compaction failed', { roomId, error });
      }
    })();
    this.compactions.set(roomId, task);
    void task.finally(() => {
      if (this.compactions.get(roomId) === task) this.compactions.delete(roomId);
    });
    return task;
  }

  private applyStored(roomId: string, doc: Y.Doc, stored: StoredDoc): void {
    doc.transact(() => {
      for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) {
        try {
          Y.applyUpdate(doc, update, LOG_ORIGIN);
        } catch (error) {
          // One unreadable entry must not make the whole room's code unavailable.
          this.deps.log.error('unreadable code update in the log; skipped', { roomId, error });
        }
      }
    }, LOG_ORIGIN);
  }

  /**
   * The relay was interrupted, so messages from other instances may be missing: read the log
   * again (Yjs ignores what the doc already has) and the lock state, and re-announce presence.
   * Retries until it succeeds or the doc is unloaded.
   */
  private resync(entry: Entry): void {
    if (entry.resyncing) {
      entry.resyncAgain = true;
      return;
    }
    entry.resyncing = true;
    void (async () => {
      let failures = 0;
      while (!entry.unloaded && !this.closed) {
        entry.resyncAgain = false;
        try {
          const [stored, locked] = await Promise.all([
            this.deps.docLog.load(entry.roomId, CODE_DOC_NAME),
            this.deps.isLocked(entry.roomId),
          ]);
          if (entry.unloaded) break;
          this.applyStored(entry.roomId, entry.doc, stored);
          if (locked) entry.readOnly = true;
          this.announceAwareness(entry);
          await this.publish(entry.roomId, { type: 'awareness-query', sender: this.instanceId });
          if (!entry.resyncAgain) break;
        } catch (error) {
          failures++;
          if (failures === 1)
            this.deps.log.warn('code resync failed; retrying', { roomId: entry.roomId, error });
          await this.pause(Math.min(RETRY_MIN_MS * 2 ** (failures - 1), RETRY_MAX_MS));
        }
      }
      entry.resyncing = false;
    })();
  }

  private onRelay(entry: Entry, data: Uint8Array): void {
    if (entry.unloaded) return;
    let message: RelayMessage | null;
    try {
      message = decodeRelay(data);
    } catch (error) {
      this.deps.log.warn('malformed relay message ignored', { roomId: entry.roomId, error });
      return;
    }
    if (!message || message.sender === this.instanceId) return;
    switch (message.type) {
      case 'update':
        try {
          Y.applyUpdate(entry.doc, message.update, REMOTE_ORIGIN);
        } catch (error) {
          this.deps.log.warn('unreadable relayed update ignored', { roomId: entry.roomId, error });
        }
        break;
      case 'awareness':
        try {
          applyAwarenessUpdate(entry.awareness, message.update, REMOTE_ORIGIN);
        } catch (error) {
          this.deps.log.warn('unreadable relayed awareness ignored', { roomId: entry.roomId, error });
        }
        break;
      case 'awareness-query':
        this.announceAwareness(entry);
        break;
      case 'lock':
        entry.readOnly = true;
        break;
      case 'deleted':
        void this.drop(entry.roomId);
        break;
      case 'revoked':
        this.notifyRevoked(entry.roomId, message.tokenIds);
        break;
      default:
        throw exhaustive(message);
    }
  }

  /** Relays awareness changes of this instance's clients; other instances' clients are theirs. */
  private onAwareness(entry: Entry, { added, updated, removed }: AwarenessChanges, origin: unknown): void {
    if (origin === REMOTE_ORIGIN) return;
    let changed: number[];
    if (origin === 'timeout') {
      // The server timed out a state: relay it only for a client of ours that went silent.
      changed = removed.filter((id) => entry.localClients.has(id));
    } else {
      changed = [...added, ...updated, ...removed];
      for (const id of [...added, ...updated]) entry.localClients.add(id);
    }
    for (const id of removed) entry.localClients.delete(id);
    if (changed.length > 0) this.publishAwareness(entry, changed);
  }

  private announceAwareness(entry: Entry): void {
    const states = entry.awareness.getStates();
    const ours = [...entry.localClients].filter((id) => states.has(id));
    if (ours.length > 0) this.publishAwareness(entry, ours);
  }

  /** Best effort; encoded (states to JSON) only if another instance listens. */
  private publishAwareness(entry: Entry, clients: number[]): void {
    const relay: Relay = {
      sender: this.instanceId,
      encode: () =>
        encodeRelay({
          type: 'awareness',
          sender: this.instanceId,
          update: encodeAwarenessUpdate(entry.awareness, clients),
        }),
    };
    void this.deps.docLog.publish(entry.roomId, CODE_DOC_NAME, relay).catch(() => undefined);
  }

  private notifyRevoked(roomId: string, tokenIds: readonly string[]): void {
    for (const listener of this.revokedListeners) listener(roomId, tokenIds);
  }

  private publish(roomId: string, message: RelayMessage): Promise<void> {
    return this.deps.docLog.publish(roomId, CODE_DOC_NAME, this.relay(message));
  }

  private relay(message: RelayMessage): Relay {
    return { sender: message.sender, encode: () => encodeRelay(message) };
  }

  /** A retry wait that close() cuts short. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal, ref: false }).catch(() => undefined);
  }
}

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}
