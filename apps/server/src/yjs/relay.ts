import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * Messages between server instances about one document, sent on the DocLog relay. The first
 * byte is a format version: an instance of another version (a rolling deploy) ignores the message
 * instead of misreading it, and catches up from the log.
 */
export const RELAY_VERSION = 1;

export type RelayMessage =
  /** A Yjs update the sender has stored in the log. */
  | { type: 'update'; sender: string; update: Uint8Array }
  /** An encoded awareness update of the sender's own clients. */
  | { type: 'awareness'; sender: string; update: Uint8Array }
  /** Asks every instance to send the awareness of its own clients (the asker just loaded). */
  | { type: 'awareness-query'; sender: string }
  /** The interview ended: the document is read-only everywhere. */
  | { type: 'lock'; sender: string }
  /** The room was deleted: drop the document without storing anything more, close its connections. */
  | { type: 'deleted'; sender: string }
  /** Links were regenerated: close the connections opened with these tokens (ids, see tokenId). */
  | { type: 'revoked'; sender: string; tokenIds: string[] };

const TAGS = {
  update: 0,
  awareness: 1,
  'awareness-query': 2,
  lock: 3,
  deleted: 4,
  revoked: 5,
} as const satisfies Record<RelayMessage['type'], number>;

export function encodeRelay(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, RELAY_VERSION);
  encoding.writeVarUint(encoder, TAGS[message.type]);
  encoding.writeVarString(encoder, message.sender);
  switch (message.type) {
    case 'update':
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.update);
      break;
    case 'awareness-query':
    case 'lock':
    case 'deleted':
      break;
    case 'revoked':
      encoding.writeVarUint(encoder, message.tokenIds.length);
      for (const id of message.tokenIds) encoding.writeVarString(encoder, id);
      break;
    default:
      throw exhaustive(message);
  }
  return encoding.toUint8Array(encoder);
}

/** Null for a message of another format version; throws on a malformed one. */
export function decodeRelay(data: Uint8Array): RelayMessage | null {
  const decoder = decoding.createDecoder(data);
  if (decoding.readVarUint(decoder) !== RELAY_VERSION) return null;
  const tag = decoding.readVarUint(decoder);
  const sender = decoding.readVarString(decoder);
  switch (tag) {
    case TAGS.update:
      return { type: 'update', sender, update: decoding.readVarUint8Array(decoder) };
    case TAGS.awareness:
      return { type: 'awareness', sender, update: decoding.readVarUint8Array(decoder) };
    case TAGS['awareness-query']:
      return { type: 'awareness-query', sender };
    case TAGS.lock:
      return { type: 'lock', sender };
    case TAGS.deleted:
      return { type: 'deleted', sender };
    case TAGS.revoked: {
      const count = decoding.readVarUint(decoder);
      const tokenIds: string[] = [];
      for (let i = 0; i < count; i++) tokenIds.push(decoding.readVarString(decoder));
      return { type: 'revoked', sender, tokenIds };
    }
    default:
      throw new Error(`unknown relay message tag ${tag}`);
  }
}

export function exhaustive(value: never): Error {
  return new Error(`unexpected value ${JSON.stringify(value)}`);
}
