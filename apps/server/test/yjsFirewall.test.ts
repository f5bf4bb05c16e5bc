import { defaultBank } from '@interview-room/questions';
import * as encoding from 'lib0/encoding';
import * as random from 'lib0/random';
import { describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { connectYjs, roomWithStarterCode, startServer, synced } from './harness.ts';
import { openRawYjs, syncUpdateMessage } from './rawClients.ts';

const first = defaultBank.all()[0];
if (!first) throw new Error('the bank needs a question');

/**
 * An update that decodes but that Yjs cannot integrate: its one item names, as the item to its
 * left, a later item of its own client. Yjs checks only other clients' items for existence, so
 * applying it throws (a browser that applied it would throw too, on every sync of the room).
 */
function unintegrableUpdate(): Uint8Array {
  const client = random.uint32();
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1); // clients
  encoding.writeVarUint(encoder, 1); // structs of this client
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 0); // first clock
  encoding.writeUint8(encoder, 0b1000_0100); // an origin follows; string content
  encoding.writeVarUint(encoder, client);
  encoding.writeVarUint(encoder, 96); // the origin's clock: after the item itself
  encoding.writeVarString(encoder, 'POISON');
  encoding.writeVarUint(encoder, 0); // empty delete set
  return encoding.toUint8Array(encoder);
}

describe('the server’s Y.Doc is the firewall between participants', () => {
  it('an update Yjs decodes but cannot integrate closes its sender, and no peer receives a byte of it', async () => {
    const update = unintegrableUpdate();
    // The premise: it decodes (so a decode check alone would pass it on), and it cannot be applied.
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();

    const { url } = await startServer({ kind: 'memory' });
    const { room, peer } = await roomWithStarterCode(url, first.id);
    const before = peer.text(first.id).toString();
    // What reaches the peer's socket, before its Yjs could throw on it.
    const peerFrames: Buffer[] = [];
    const peerSocket = peer.provider.ws as unknown as WebSocket | null;
    if (!peerSocket) throw new Error('the peer is not connected');
    peerSocket.on('message', (data: Buffer) => peerFrames.push(data));

    const raw = await openRawYjs(url, room.id, room.candidate.token);
    raw.ws.send(syncUpdateMessage(update));
    expect((await raw.closed).code).toBe(1003);
    expect(peerFrames).toEqual([]);

    const reader = connectYjs(url, room.id, room.interviewer.token);
    await synced(reader);
    expect(reader.text(first.id).toString()).toBe(before);
    expect(Buffer.concat(peerFrames).includes('POISON')).toBe(false);
  });
});
