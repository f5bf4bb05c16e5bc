import { codeTextKey } from '@interview-room/protocol';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { CodeEffects } from '../rooms/service.ts';
import type { RoomStore } from '../store/types.ts';

export const CODE_DOC_NAME = 'code';
/** Bursts of keystrokes are stored together, but never later than this after the first. */
export const PERSIST_DEBOUNCE_MS = 100;
export const PERSIST_MAX_WAIT_MS = 1_000;

/** Server origin for transactions that come from the room itself rather than a client. */
export const SERVER_ORIGIN = Symbol('server');

export interface CodeDoc {
  readonly roomId: string;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  readOnly: boolean;
}

interface Entry extends CodeDoc {
  users: number;
  dirty: boolean;
  timer: NodeJS.Timeout | null;
  firstDirtyAt: number;
  saving: Promise<void>;
}

export interface CodeDocsDeps {
  store: RoomStore;
  log: Logger;
  /** Whether the room has ended (its code is then read-only). */
  isLocked: (roomId: string) => Promise<boolean>;
}

/**
 * The Y.Doc of each room's code, loaded from the store before its first sync (concurrent opens
 * share one load), stored shortly after each change, and dropped when its last user leaves.
 */
export class CodeDocs implements CodeEffects {
  private readonly docs = new Map<string, Promise<Entry>>();

  constructor(private readonly deps: CodeDocsDeps) {}

  /** Opens the room's doc for a user; pair with release(). */
  async acquire(roomId: string): Promise<CodeDoc> {
    const entry = await this.open(roomId);
    entry.users++;
    return entry;
  }

  release(roomId: string): void {
    void this.docs.get(roomId)?.then(async (entry) => {
      entry.users--;
      if (entry.users > 0) return;
      await this.flush(entry);
      if (entry.users === 0 && this.docs.get(roomId)) {
        this.docs.delete(roomId);
        entry.awareness.destroy();
        entry.doc.destroy();
      }
    });
  }

  async seedCode(roomId: string, questionId: string, starterCode: string): Promise<void> {
    if (starterCode === '') return;
    await this.withDoc(roomId, async (entry) => {
      const text = entry.doc.getText(codeTextKey(questionId));
      if (text.length === 0) entry.doc.transact(() => text.insert(0, starterCode), SERVER_ORIGIN);
      await this.flush(entry);
    });
  }

  async lockCode(roomId: string): Promise<void> {
    const entry = await this.docs.get(roomId);
    if (entry) {
      entry.readOnly = true;
      await this.flush(entry);
    }
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

  /** Stores every doc with unsaved changes (on shutdown). */
  async flushAll(): Promise<void> {
    const entries = await Promise.allSettled([...this.docs.values()]);
    await Promise.all(entries.map((e) => (e.status === 'fulfilled' ? this.flush(e.value) : undefined)));
  }

  private async withDoc<T>(roomId: string, task: (entry: Entry) => Promise<T>): Promise<T> {
    const entry = await this.open(roomId);
    entry.users++;
    try {
      return await task(entry);
    } finally {
      this.release(roomId);
    }
  }

  private open(roomId: string): Promise<Entry> {
    let pending = this.docs.get(roomId);
    if (!pending) {
      pending = this.load(roomId);
      this.docs.set(roomId, pending);
      pending.catch(() => this.docs.delete(roomId));
    }
    return pending;
  }

  private async load(roomId: string): Promise<Entry> {
    const [stored, locked] = await Promise.all([
      this.deps.store.getDoc(roomId, CODE_DOC_NAME),
      this.deps.isLocked(roomId),
    ]);
    const doc = new Y.Doc({ gc: true });
    if (stored) Y.applyUpdate(doc, stored, SERVER_ORIGIN);
    const awareness = new Awareness(doc);
    // The server is not a participant: it must not appear in anyone's presence.
    awareness.setLocalState(null);
    const entry: Entry = {
      roomId,
      doc,
      awareness,
      readOnly: locked,
      users: 0,
      dirty: false,
      timer: null,
      firstDirtyAt: 0,
      saving: Promise.resolve(),
    };
    doc.on('update', () => this.schedule(entry));
    return entry;
  }

  private schedule(entry: Entry): void {
    const now = Date.now();
    if (!entry.dirty) entry.firstDirtyAt = now;
    entry.dirty = true;
    if (entry.timer) clearTimeout(entry.timer);
    const wait = Math.max(0, Math.min(PERSIST_DEBOUNCE_MS, entry.firstDirtyAt + PERSIST_MAX_WAIT_MS - now));
    entry.timer = setTimeout(() => void this.flush(entry), wait);
  }

  /** Stores the doc if it changed; saves run one after another so the last one wins. */
  private flush(entry: Entry): Promise<void> {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.saving = entry.saving.then(async () => {
      if (!entry.dirty) return;
      entry.dirty = false;
      try {
        await this.deps.store.saveDoc(entry.roomId, CODE_DOC_NAME, Y.encodeStateAsUpdate(entry.doc));
      } catch (error) {
        entry.dirty = true;
        this.deps.log.error('code save failed; will retry', { roomId: entry.roomId, error });
        entry.timer = setTimeout(() => void this.flush(entry), PERSIST_MAX_WAIT_MS);
      }
    });
    return entry.saving;
  }
}
