import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

/** y-websocket message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;

/** Updates that came from the server: applied, never sent back. */
const REMOTE = Symbol('remote');

export interface YjsClientHooks {
  /** After a remote update (or the sync) has been applied to the doc. */
  onApplied(): void;
  /** The connection closed while the client had not asked for it. */
  onUnexpectedClose(code: number, reason: string): void;
}

/**
 * A lean y-websocket client: a real Y.Doc and the real sync protocol (step 1, step 2, updates)
 * over `ws`, without the provider's reconnect logic, BroadcastChannel and awareness timers, so
 * thousands fit in one load process. Awareness is sent (cursors) but what arrives is not decoded:
 * this client renders nothing.
 */
export class LeanYjsClient {
  readonly doc = new Y.Doc();
  private ws: WebSocket | null = null;
  private awarenessClock = 0;
  private closing = false;
  synced = false;

  constructor(
    private readonly url: string,
    private readonly hooks: YjsClientHooks,
    /** A document the client already holds (a reconnect rather than a first load). */
    initialState?: Uint8Array,
  ) {
    if (initialState) Y.applyUpdate(this.doc, initialState, REMOTE);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
  }

  /** Resolves once the first sync step 2 from the server is applied. */
  open(timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false });
      this.ws = ws;
      let settled = false;
      const fail = (error: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.terminate();
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error('yjs sync timed out')), timeoutMs);
      ws.on('unexpected-response', (_req, res) => fail(new Error(`yjs upgrade refused: ${res.statusCode}`)));
      ws.on('error', (error) => fail(error));
      ws.on('open', () => {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(encoder, this.doc);
        this.send(encoding.toUint8Array(encoder));
      });
      ws.on('message', (data: Buffer) => {
        this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
        if (this.synced && !settled) {
          settled = true;
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('close', (code, reason) => {
        if (!settled) fail(new Error(`yjs closed before sync: ${code} ${reason.toString()}`));
        else if (!this.closing) this.hooks.onUnexpectedClose(code, reason.toString());
      });
    });
  }

  /** A cursor as y-monaco shares it: relative positions in the awareness `selection` field. */
  sendCursor(text: Y.Text, index: number): void {
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    const state = JSON.stringify({ selection: { anchor: position, head: position } });
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.doc.clientID);
    encoding.writeVarUint(inner, ++this.awarenessClock);
    encoding.writeVarString(inner, state);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
    this.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.closing = true;
    this.ws?.close();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  private send(message: Uint8Array): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(message);
  }

  private receive(message: Uint8Array): void {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
    switch (decoding.readVarUint(decoder)) {
      case syncProtocol.messageYjsSyncStep1: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(encoder, this.doc, decoding.readVarUint8Array(decoder));
        this.send(encoding.toUint8Array(encoder));
        return;
      }
      case syncProtocol.messageYjsSyncStep2:
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE);
        this.synced = true;
        this.hooks.onApplied();
        return;
      case syncProtocol.messageYjsUpdate:
        Y.applyUpdate(this.doc, decoding.readVarUint8Array(decoder), REMOTE);
        this.hooks.onApplied();
        return;
      default:
        throw new Error('unknown sync message');
    }
  }
}
