import type { Participant, Role } from '@interview-room/protocol';
import type { RoomState } from '../domain/room.ts';
import type { Logger } from '../logger.ts';
import type { PresenceEntry, RoomStore } from '../store/types.ts';

/** An entry not refreshed for this long is gone (its instance died). */
export const PRESENCE_TTL_MS = 30_000;
export const PRESENCE_HEARTBEAT_MS = 10_000;
/**
 * Entries refreshed per store call by the heartbeat. One Redis transaction per connection made
 * an idle instance with 500 connections allocate ~0.6 MB a second (bench finding 13).
 */
export const PRESENCE_HEARTBEAT_BATCH = 200;

const PALETTE = ['#e6194b', '#3c8d2f', '#4363d8', '#f58231', '#911eb4', '#1b9e9e', '#c2185b', '#7a6a00'];

/** A stable color per person, so a reload keeps their cursor color. */
export function colorFor(role: Role, name: string): string {
  let hash = role === 'candidate' ? 7 : 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#4363d8';
}

/** Who a connection is, as everyone else sees it: set by the server from the token, never by the client. */
export interface Identity {
  name: string;
  role: Role;
  color: string;
}

/**
 * The identity a token grants: the candidate is the room's candidate; an interviewer may give a
 * display name (several interviewers share one link), else the room's interviewer name. Socket.io
 * presence and Yjs awareness both use this, so a person looks the same on both.
 */
export function identityFor(
  room: Pick<RoomState, 'candidateName' | 'interviewerName'>,
  role: Role,
  requestedName?: string,
): Identity {
  const name = role === 'candidate' ? room.candidateName : (requestedName ?? room.interviewerName);
  return { name, role, color: colorFor(role, name) };
}

/**
 * Presence of this instance's connections, kept in the store with a TTL and refreshed by a
 * heartbeat, so every instance sees everyone and a crashed instance's users expire.
 */
export class PresenceTracker {
  /** This instance's connections by room, then by participant id (a connect counts its room's only). */
  private readonly local = new Map<string, Map<string, PresenceEntry>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: RoomStore,
    private readonly log: Logger,
    private readonly heartbeatBatch = PRESENCE_HEARTBEAT_BATCH,
  ) {
    this.timer = setInterval(() => void this.heartbeat(), PRESENCE_HEARTBEAT_MS);
    this.timer.unref();
  }

  async join(roomId: string, participant: Participant): Promise<void> {
    const entry = { ...participant, roomId };
    let room = this.local.get(roomId);
    if (!room) {
      room = new Map();
      this.local.set(roomId, room);
    }
    room.set(participant.id, entry);
    await this.store.putPresence(entry, PRESENCE_TTL_MS);
  }

  async leave(roomId: string, participantId: string): Promise<void> {
    const room = this.local.get(roomId);
    room?.delete(participantId);
    if (room?.size === 0) this.local.delete(roomId);
    await this.store.removePresence(roomId, participantId);
  }

  async list(roomId: string): Promise<Participant[]> {
    const entries = await this.store.listPresence(roomId);
    return entries
      .map(({ id, name, role, color }) => ({ id, name, role, color }))
      .sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name));
  }

  /** How many of this instance's connections are this person (for joined/left timeline events). */
  localCount(roomId: string, role: Role, name: string): number {
    let count = 0;
    for (const entry of this.local.get(roomId)?.values() ?? []) {
      if (entry.role === role && entry.name === name) count++;
    }
    return count;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async heartbeat(): Promise<void> {
    // Over the live maps, each batch gathered right before it is written: a connection that
    // leaves while the heartbeat goes round is skipped, not written back (which would show the
    // person present for another TTL). Its removal, written after, is applied after the batch.
    let batch: PresenceEntry[] = [];
    for (const room of this.local.values()) {
      for (const entry of room.values()) {
        batch.push(entry);
        if (batch.length < this.heartbeatBatch) continue;
        await this.refresh(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await this.refresh(batch);
  }

  private async refresh(entries: readonly PresenceEntry[]): Promise<void> {
    try {
      await this.store.putPresenceMany(entries, PRESENCE_TTL_MS);
    } catch (error) {
      this.log.warn('presence heartbeat failed', { entries: entries.length, error });
    }
  }
}
