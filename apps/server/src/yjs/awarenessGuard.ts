import type { AwarenessUser } from '@interview-room/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Awareness } from 'y-protocols/awareness';

/**
 * Awareness (cursors, names) is written by clients, and y-protocols applies whatever a client
 * sends: any client id, any name. The server therefore rewrites each update before applying it:
 * a connection speaks only for the client ids it introduced, and the identity in every state it
 * sends is replaced by the one its token grants.
 */

/** One client's entry in an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: unknown;
}

/** A connection, as the guard sees it. */
export interface AwarenessSpeaker {
  /** Who the connection's token says it is; stamped into every state it sends. */
  identity: AwarenessUser;
  /** The awareness client ids this connection speaks for. */
  controlled: Set<number>;
}

/**
 * The wire format of y-protocols/awareness.js (`encodeAwarenessUpdate`): varUint count, then
 * per client varUint clientID, varUint clock, varString JSON state. Throws on malformed input.
 */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, clock, state });
  }
  return entries;
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, JSON.stringify(state));
  }
  return encoding.toUint8Array(encoder);
}

/**
 * What of `update` the connection `from` may say, with its identity in every state; null when
 * nothing is left. `others` are the other connections to the same document on this instance.
 *
 * A client id is the connection's if it introduced it, or if no one else's state holds it. A
 * state held by someone else is never changed or removed, except by a connection with the same
 * identity: that is the same person reconnecting before the server noticed the old connection
 * died, and the new connection takes the id over (else their cursor would vanish until then).
 */
export function sanitizeAwarenessUpdate(
  awareness: Awareness,
  update: Uint8Array,
  from: AwarenessSpeaker,
  others: Iterable<AwarenessSpeaker>,
): Uint8Array | null {
  const kept: AwarenessEntry[] = [];
  for (const entry of decodeAwarenessUpdate(update)) {
    const { clientId, state } = entry;
    // The server's own id: a state there would make the server a participant.
    if (clientId === awareness.clientID) continue;
    // Cursors are objects; anything else is not ours to relay.
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) continue;
    if (!from.controlled.has(clientId)) {
      const held = awareness.getStates().get(clientId);
      if (held !== undefined && !sameIdentity(held, from.identity)) continue;
      // Free, or taken over: the previous speaker must not remove it when it leaves.
      for (const other of others) other.controlled.delete(clientId);
      from.controlled.add(clientId);
    }
    kept.push({
      ...entry,
      state: state === null ? null : { ...state, user: { ...from.identity } },
    });
  }
  return kept.length > 0 ? encodeAwarenessEntries(kept) : null;
}

function sameIdentity(state: Record<string, unknown>, identity: AwarenessUser): boolean {
  const user = state.user;
  if (typeof user !== 'object' || user === null) return false;
  return 'name' in user && user.name === identity.name && 'role' in user && user.role === identity.role;
}
