import type { ClientEventName, ClientPayload } from '@interview-room/protocol';
import { clientEventSchemas } from '@interview-room/protocol';

/** The interviewer's writes: each carries a whole value and an `opId`, and is kept until acked. */
export const WRITE_EVENTS = [
  'notes:save',
  'score:set',
  'plan:set',
  'rubric:tick',
  'recommendation:set',
  'summary:save',
] as const satisfies readonly ClientEventName[];
export type WriteEvent = (typeof WRITE_EVENTS)[number];

/**
 * A write the server has not acknowledged yet. It is kept exactly as it goes on the wire, so a
 * resend after a reconnect or a reload carries the same `opId` and the server applies it once.
 */
export type OutboxWrite = { [E in WriteEvent]: { event: E; payload: ClientPayload<E> } }[WriteEvent];
export type OutboxEvent = OutboxWrite['event'];

/**
 * What a write sets: a question's notes, score or one rubric item; the plan; the recommendation;
 * the summary. The outbox keeps one write per field, the latest.
 */
export function fieldOf(write: OutboxWrite): string {
  switch (write.event) {
    case 'notes:save':
    case 'score:set':
      return `${write.event}:${write.payload.questionId}`;
    case 'rubric:tick':
      return tickField(write.payload.questionId, write.payload.kind, write.payload.index);
    case 'plan:set':
    case 'recommendation:set':
    case 'summary:save':
      return write.event;
  }
}

export const tickField = (questionId: string, kind: string, index: number): string =>
  `rubric:tick:${questionId}:${kind}:${index}`;

/** The part of the Web Storage API the outbox needs; tests pass an in-memory one. */
export type OutboxStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Bumped if the stored shape changes; entries of another version are dropped, not misread. */
const STORAGE_VERSION = 1;
const OP_ID_BYTES = 16;

/** Per room, never per token: the token stays in the URL fragment and nowhere else. */
export const outboxKey = (roomId: string): string => `interview-room:outbox:${roomId}`;

/** 128 random bits, base64url: 22 characters. `crypto.randomUUID` would need a secure context. */
export function newOpId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(OP_ID_BYTES));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `localStorage`, or null where reading it throws (storage disabled, sandboxed frames). */
export function browserStorage(): OutboxStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Keeps only entries that are still valid wire payloads: storage is not trusted input. */
function parseWrites(raw: string | null): OutboxWrite[] {
  if (raw === null) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (typeof data !== 'object' || data === null) return [];
  const { version, writes } = data as { version?: unknown; writes?: unknown };
  if (version !== STORAGE_VERSION || !Array.isArray(writes)) return [];
  const out: OutboxWrite[] = [];
  for (const entry of writes as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { event, payload } = entry as { event?: unknown; payload?: unknown };
    const known = WRITE_EVENTS.find((name) => name === event);
    if (!known) continue;
    const parsed = clientEventSchemas[known].safeParse(payload);
    // The schema checked the payload against the event's own shape.
    if (parsed.success) out.push({ event: known, payload: parsed.data } as OutboxWrite);
  }
  return out;
}

/**
 * The unacknowledged interviewer writes of one room, persisted so they survive a reload.
 *
 * It holds at most one write per field (see fieldOf): a newer write
 * replaces the older one, which is then never sent again. With each write carrying the whole
 * value, that keeps a client's writes in order without sequence numbers: whatever is resent is
 * this client's latest value, and the server ignores an `opId` it has already applied.
 *
 * Every change is read-modified-written against the storage, so two tabs of the same room keep
 * each other's pending writes (for one field, the later write wins, as on the server).
 */
export class Outbox {
  private readonly key: string;
  private writes: readonly OutboxWrite[] = [];
  private storageFailed = false;

  constructor(
    roomId: string,
    private readonly storage: OutboxStorage | null,
  ) {
    this.key = outboxKey(roomId);
    this.writes = this.read();
  }

  /** Pending writes, oldest first. A new array after every change, so it can sit in a snapshot. */
  list(): readonly OutboxWrite[] {
    return this.writes;
  }

  /** The pending write of a field (see fieldOf). */
  find(field: string): OutboxWrite | undefined {
    return this.writes.find((write) => fieldOf(write) === field);
  }

  has(opId: string): boolean {
    return this.writes.some((write) => write.payload.opId === opId);
  }

  /** Records a write, replacing the pending one of the same field. Stored before it returns. */
  put(write: OutboxWrite): void {
    const field = fieldOf(write);
    this.commit([...this.read().filter((w) => fieldOf(w) !== field), write]);
  }

  /** Forgets a write once the server has it (or refused it for good); a newer one stays. */
  settle(opId: string): void {
    this.commit(this.read().filter((write) => write.payload.opId !== opId));
  }

  /** Whether writes reach the storage; if not, they only live as long as this page. */
  get persistent(): boolean {
    return this.storage !== null && !this.storageFailed;
  }

  private read(): OutboxWrite[] {
    if (!this.persistent || !this.storage) return [...this.writes];
    try {
      return parseWrites(this.storage.getItem(this.key));
    } catch {
      this.storageFailed = true;
      return [...this.writes];
    }
  }

  private commit(writes: OutboxWrite[]): void {
    this.writes = writes;
    if (!this.persistent || !this.storage) return;
    try {
      if (writes.length === 0) this.storage.removeItem(this.key);
      else this.storage.setItem(this.key, JSON.stringify({ version: STORAGE_VERSION, writes }));
    } catch (error) {
      // Quota or privacy settings: keep going in memory rather than lose the write outright.
      this.storageFailed = true;
      console.warn('[room] unsaved notes cannot be kept across a reload', error);
    }
  }
}
