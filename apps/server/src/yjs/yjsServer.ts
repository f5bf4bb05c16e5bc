import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  LIMITS,
  NameSchema,
  type Role,
  RoomIdSchema,
  TokenSchema,
  YJS_NAME_PARAM,
  YjsCloseCode,
} from '@interview-room/protocol';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { OriginPolicy } from '../auth/origin.ts';
import { tokenId } from '../auth/tokens.ts';
import { LimitExceeded, type YjsGuard } from '../limits/yjsGuard.ts';
import type { Logger } from '../logger.ts';
import { identityFor } from '../realtime/presence.ts';
import type { RoomService } from '../rooms/service.ts';
import { type AwarenessSpeaker, sanitizeAwarenessUpdate } from './awarenessGuard.ts';
import type { CodeDoc, CodeDocs } from './codeDocs.ts';
import { EncodeOnce } from './encodeOnce.ts';
import { PingRounds } from './pingRounds.ts';

/** y-websocket message types. */
const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;

export const YJS_PATH_PREFIX = '/yjs/';
/** A Yjs connection that has not answered a ping within this is terminated. */
export const YJS_PING_INTERVAL_MS = 30_000;
/** Close code for the connections of a deleted room (4000-4999 are the application's). */
export const CLOSE_ROOM_DELETED = 4404;

export interface YjsServerDeps {
  rooms: RoomService;
  codeDocs: CodeDocs;
  log: Logger;
  /** Which browser pages may connect (cross-site WebSocket hijacking); checked before the token. */
  originAllowed: OriginPolicy;
  /** Messages and bytes per connection, and the size of each document (limits/yjsGuard.ts). */
  guard: YjsGuard;
  /** Default YJS_PING_INTERVAL_MS. */
  pingIntervalMs?: number | undefined;
}

/** What the server knows of one accepted connection. */
interface Connection extends AwarenessSpeaker {
  role: Role;
  /** The token it was opened with (see tokenId), to close it when that token is revoked. */
  tokenId: string;
}

/**
 * The y-websocket protocol on `/yjs/<roomId>?token=…`. The token is checked before the
 * upgrade is accepted, so an unauthorized client never receives a byte of any document.
 */
export class YjsServer {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.yjsMessageBytes });
  private readonly pings: PingRounds<WebSocket>;
  private readonly byRoom = new Map<string, Set<WebSocket>>();
  private readonly connections = new WeakMap<WebSocket, Connection>();
  /** Messages shared by every connection that hears the same doc or awareness event. */
  private readonly updateMessages = new EncodeOnce();
  private readonly awarenessMessages = new EncodeOnce();
  private closed = false;

  constructor(private readonly deps: YjsServerDeps) {
    this.pings = new PingRounds(deps.pingIntervalMs ?? YJS_PING_INTERVAL_MS);
    deps.codeDocs.onDeleted((roomId) => {
      for (const ws of this.byRoom.get(roomId) ?? []) ws.close(CLOSE_ROOM_DELETED, 'room deleted');
    });
    deps.codeDocs.onRevoked((roomId, tokenIds) => {
      for (const ws of this.byRoom.get(roomId) ?? []) {
        const id = this.connections.get(ws)?.tokenId;
        if (id !== undefined && tokenIds.includes(id)) ws.close(YjsCloseCode.Unauthorized, 'token revoked');
      }
    });
  }

  static handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(YJS_PATH_PREFIX);
  }

  /** Resolves the HTTP status it refused with, or undefined once the upgrade is accepted. */
  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<number | undefined> {
    socket.on('error', () => socket.destroy());
    // Before anything else: another site's page gets nothing, not even whether the token is good.
    if (!this.deps.originAllowed(req)) {
      this.deps.log.warn('yjs connection refused: origin not allowed', { origin: req.headers.origin });
      return refuse(socket, 403, 'Forbidden');
    }
    // Shutting down: a client connecting now could make edits after the final flush.
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const roomId = RoomIdSchema.safeParse(decodePathSegment(url.pathname.slice(YJS_PATH_PREFIX.length)));
    const token = TokenSchema.safeParse(url.searchParams.get('token'));
    if (!roomId.success) return refuse(socket, 404, 'Not Found');
    if (!token.success) return refuse(socket, 401, 'Unauthorized');
    let auth: Awaited<ReturnType<RoomService['authenticate']>>;
    try {
      auth = await this.deps.rooms.authenticate(roomId.data, token.data);
    } catch (error) {
      this.deps.log.error('yjs auth failed', { error });
      return refuse(socket, 503, 'Service Unavailable');
    }
    if (!auth.ok) {
      this.deps.log.warn('yjs connection refused', { roomId: roomId.data, reason: auth.code });
      return refuse(
        socket,
        auth.code === 'NOT_FOUND' ? 404 : 401,
        auth.code === 'NOT_FOUND' ? 'Not Found' : 'Unauthorized',
      );
    }
    const { role } = auth;
    const name = NameSchema.safeParse(url.searchParams.get(YJS_NAME_PARAM) ?? undefined);
    const connection: Connection = {
      role,
      tokenId: tokenId(token.data),
      identity: identityFor(auth.state, role, name.success ? name.data : undefined),
      controlled: new Set(),
    };
    if (this.closed) return refuse(socket, 503, 'Service Unavailable');
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      // From the start: a connection whose document is slow to load is checked too.
      this.pings.add(ws);
      void this.attach(ws, roomId.data, connection).catch((error: unknown) => {
        this.deps.log.error('yjs connection setup failed', { roomId: roomId.data, error });
        ws.close(1011, 'internal error');
      });
    });
  }

  close(): void {
    this.closed = true;
    this.pings.stop();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }

  private async attach(ws: WebSocket, roomId: string, connection: Connection): Promise<void> {
    const { role, controlled } = connection;
    // Messages that arrive while the doc loads are queued, not lost.
    const early: RawData[] = [];
    // First of the 'message' listeners, so a flooding connection is closed before we queue or apply.
    this.deps.guard.watch(ws, { roomId, role });
    const queue = (data: RawData) => {
      if (ws.readyState === ws.OPEN) early.push(data);
    };
    ws.on('message', queue);
    const codeDoc = await this.deps.codeDocs.acquire(roomId);
    if (ws.readyState !== ws.OPEN) {
      // Gone while the doc loaded: its 'close' has fired already, so release here.
      this.deps.codeDocs.release(roomId);
      return;
    }
    const { doc, awareness } = codeDoc;
    this.connections.set(ws, connection);
    let sockets = this.byRoom.get(roomId);
    if (!sockets) {
      sockets = new Set();
      this.byRoom.set(roomId, sockets);
    }
    sockets.add(ws);

    const send = (message: Uint8Array) => {
      if (ws.readyState === ws.OPEN) ws.send(message, (error) => error && ws.terminate());
    };
    const onDocUpdate = (update: Uint8Array, origin: unknown) => {
      if (origin === ws) return;
      send(
        this.updateMessages.get(update, () => {
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.writeUpdate(encoder, update);
          return encoding.toUint8Array(encoder);
        }),
      );
    };
    const onAwarenessUpdate = (
      changes: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      if (origin === ws) {
        for (const id of changes.added) controlled.add(id);
        for (const id of changes.removed) controlled.delete(id);
      }
      send(
        this.awarenessMessages.get(changes, () => {
          const changed = [...changes.added, ...changes.updated, ...changes.removed];
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
          return encoding.toUint8Array(encoder);
        }),
      );
    };
    const onMessage = (data: RawData) => {
      // Frames that follow a close (over a limit, garbage) are dropped, never applied.
      if (ws.readyState !== ws.OPEN) return;
      try {
        this.handleMessage(ws, codeDoc, toUint8Array(data), send);
      } catch (error) {
        if (error instanceof LimitExceeded) {
          this.deps.guard.close(ws, error, { roomId, role });
          return;
        }
        this.deps.log.warn('malformed yjs message; closing', { roomId, role, error });
        ws.close(1003, 'malformed message');
      }
    };
    ws.once('close', () => {
      sockets.delete(ws);
      if (sockets.size === 0 && this.byRoom.get(roomId) === sockets) this.byRoom.delete(roomId);
      doc.off('update', onDocUpdate);
      awareness.off('update', onAwarenessUpdate);
      awarenessProtocol.removeAwarenessStates(awareness, [...controlled], null);
      this.deps.codeDocs.release(roomId);
    });

    // A revocation from now on finds this connection in byRoom. One stored before now was missed
    // (the token was checked before the upgrade), so read the token's standing again, before the
    // connection is sent or may send anything.
    let current: boolean;
    try {
      current = await this.deps.rooms.isTokenCurrent(roomId, role, connection.tokenId);
    } catch (error) {
      this.deps.log.error('yjs token re-check failed', { roomId, error });
      ws.close(1011, 'internal error');
      return;
    }
    if (!current) {
      ws.close(YjsCloseCode.Unauthorized, 'token revoked');
      return;
    }
    // Closed while we checked: the 'close' handler above has released everything.
    if (ws.readyState !== ws.OPEN) return;
    doc.on('update', onDocUpdate);
    awareness.on('update', onAwarenessUpdate);
    ws.off('message', queue);
    ws.on('message', onMessage);

    // Start the sync: our state vector, then everyone's presence.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, doc);
    send(encoding.toUint8Array(encoder));
    const states = awareness.getStates();
    if (states.size > 0) {
      const awarenessEncoder = encoding.createEncoder();
      encoding.writeVarUint(awarenessEncoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        awarenessEncoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [...states.keys()]),
      );
      send(encoding.toUint8Array(awarenessEncoder));
    }
    for (const data of early) onMessage(data);
  }

  private handleMessage(
    ws: WebSocket,
    codeDoc: CodeDoc,
    message: Uint8Array,
    send: (m: Uint8Array) => void,
  ): void {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // Only a sync step 1 is answered: a keystroke's update allocates no encoder.
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(encoder, codeDoc.doc, decoding.readVarUint8Array(decoder));
          send(encoding.toUint8Array(encoder));
        } else if (
          syncType === syncProtocol.messageYjsSyncStep2 ||
          syncType === syncProtocol.messageYjsUpdate
        ) {
          const update = decoding.readVarUint8Array(decoder);
          // A locked room keeps its code exactly as it was when the interview ended.
          if (!codeDoc.readOnly) {
            this.deps.guard.admitUpdate(codeDoc.doc, update);
            Y.applyUpdate(codeDoc.doc, update, ws);
          }
        } else {
          throw new Error(`unknown sync message type ${syncType}`);
        }
        break;
      }
      case MESSAGE_AWARENESS: {
        const connection = this.connections.get(ws);
        if (!connection) throw new Error('awareness from an unknown connection');
        const update = sanitizeAwarenessUpdate(
          codeDoc.awareness,
          decoding.readVarUint8Array(decoder),
          connection,
          this.peers(codeDoc.roomId, ws),
        );
        if (update) awarenessProtocol.applyAwarenessUpdate(codeDoc.awareness, update, ws);
        break;
      }
      case MESSAGE_QUERY_AWARENESS: {
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          encoder,
          awarenessProtocol.encodeAwarenessUpdate(codeDoc.awareness, [
            ...codeDoc.awareness.getStates().keys(),
          ]),
        );
        send(encoding.toUint8Array(encoder));
        break;
      }
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  /** The other connections to a room's document on this instance. */
  private *peers(roomId: string, ws: WebSocket): Generator<Connection> {
    for (const other of this.byRoom.get(roomId) ?? []) {
      const connection = other === ws ? undefined : this.connections.get(other);
      if (connection) yield connection;
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** A malformed escape (`%E0%A4%A`) makes decodeURIComponent throw: that path names no room. */
function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Answers an upgrade with an HTTP error; returns the status, which the handshake guard counts. */
function refuse(socket: Duplex, status: number, reason: string): number {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  return status;
}
