import { codeTextKey } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { connectYjs, roomWithStarterCode, startServer, synced, waitFor } from './harness.ts';

const first = defaultBank.all()[0];
if (!first) throw new Error('the bank needs a question');

/** A y-websocket sync message (type 0) built by hand, as an attacker's client would. */
function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function forgedUpdate(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(codeTextKey(first?.id ?? '')).insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

describe('read-only after the interview ends', () => {
  it('crafted sync-step-2 and update messages from a raw client change nothing and reach no peer', async () => {
    const { url } = await startServer({ kind: 'redis' });
    const { room, interviewer, peer } = await roomWithStarterCode(url, first.id);
    const before = peer.text(first.id).toString();
    expect((await interviewer.send('interview:end', {})).ok).toBe(true);

    const raw = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.candidate.token}`);
    onTestFinished(() => raw.terminate());
    const received: Buffer[] = [];
    raw.on('message', (data: Buffer) => received.push(data));
    await new Promise((resolve) => raw.once('open', resolve));
    let peerUpdates = 0;
    peer.doc.on('update', () => {
      peerUpdates++;
    });

    raw.send(syncMessage((e) => syncProtocol.writeSyncStep2(e, new Y.Doc({ gc: false }))));
    raw.send(
      syncMessage((e) => {
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, forgedUpdate('FORGED-STEP-2 '));
      }),
    );
    raw.send(syncMessage((e) => syncProtocol.writeUpdate(e, forgedUpdate('FORGED-UPDATE '))));
    // The server still answers a sync request, so the raw client is demonstrably heard.
    const answered = received.length;
    raw.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, new Y.Doc())));
    await waitFor(() => (received.length > answered ? true : undefined), 'an answer to sync step 1');

    const reader = connectYjs(url, room.id, room.interviewer.token);
    await synced(reader);
    expect(reader.text(first.id).toString()).toBe(before);
    expect(peer.text(first.id).toString()).toBe(before);
    expect(peerUpdates).toBe(0);
    // Nothing the server sent back contains the forged text either.
    expect(Buffer.concat(received).includes('FORGED')).toBe(false);
  });
});
