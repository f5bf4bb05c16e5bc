import * as encoding from 'lib0/encoding';
import { onTestFinished } from 'vitest';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export interface RawYjs {
  ws: WebSocket;
  /** Resolves with the close code and reason, whoever closes. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A raw WebSocket on the Yjs endpoint, open (rejects if the upgrade is refused). */
export async function openRawYjs(
  url: string,
  roomId: string,
  token: string,
  headers: Record<string, string> = {},
  /** false: the client does not answer pings, like one whose network went away. */
  autoPong = true,
): Promise<RawYjs> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${roomId}?token=${token}`, {
    headers,
    autoPong,
  });
  onTestFinished(() => ws.terminate());
  // A server that cuts a connection mid-write leaves EPIPE/ECONNRESET here; the close tells all.
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return { ws, closed };
}

/** A y-websocket sync "update" message carrying `update`. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** The update that inserts `text` into a fresh doc's Y.Text `key`. */
export function insertionUpdate(key: string, text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText(key).insert(0, text);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** Resolves with `promise`, or rejects after `ms` naming what did not happen. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
    }),
  ]);
}
