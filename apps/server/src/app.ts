import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { QuestionBank } from '@interview-room/questions';
import type { ServerOptions } from 'socket.io';
import { createOriginPolicy } from './auth/origin.ts';
import type { DocLog } from './docs/types.ts';
import { DEFAULT_ROOM_CREATIONS_PER_MINUTE } from './http/rateLimit.ts';
import { createHttpApp } from './http/routes.ts';
import { HandshakeGuard } from './limits/handshakeGuard.ts';
import { resolveLimits, type ServerLimits } from './limits/limits.ts';
import { SocketGuard } from './limits/socketGuard.ts';
import { YjsGuard } from './limits/yjsGuard.ts';
import type { Logger } from './logger.ts';
import { SavedPlans } from './plans/savedPlans.ts';
import { PresenceTracker } from './realtime/presence.ts';
import { SocketServer } from './realtime/socketServer.ts';
import { RoomService } from './rooms/service.ts';
import type { RoomStore } from './store/types.ts';
import { CodeDocs } from './yjs/codeDocs.ts';
import { YjsServer } from './yjs/yjsServer.ts';

export interface AppDeps {
  store: RoomStore;
  /** Where the code documents live and how instances relay them (same backend as the store). */
  docLog: DocLog;
  bank: QuestionBank;
  log: Logger;
  now?: () => number;
  publicUrl?: string | undefined;
  /** Browser origins allowed to open realtime connections; unset means the app's own (same-origin). */
  allowedOrigins?: readonly string[] | undefined;
  webDistDir: string;
  /** Room creations per client address per minute (default DEFAULT_ROOM_CREATIONS_PER_MINUTE). */
  roomCreationPerMinute?: number;
  /** Socket.io adapter for several instances on one Redis (see realtime/redisAdapter.ts). */
  socketAdapter?: ServerOptions['adapter'];
  /**
   * Flood limits (limits/limits.ts) over the production defaults of the protocol's LIMITS: tests
   * that open many connections or send fast on purpose raise them.
   */
  limits?: Partial<ServerLimits>;
  /** How often each Yjs connection is pinged (default YJS_PING_INTERVAL_MS); a test shortens it. */
  yjsPingIntervalMs?: number;
}

export interface App {
  server: Server;
  rooms: RoomService;
  codeDocs: CodeDocs;
  /** Stops accepting connections and stores everything pending; does not close the store. */
  close(): Promise<void>;
}

/** The composition root: builds every part around the given store; main.ts only listens. */
export function createApp(deps: AppDeps): App {
  const { store, bank, log } = deps;
  const now = deps.now ?? Date.now;
  let sockets: SocketServer | null = null;
  const savedPlans = new SavedPlans({ store, bank, log, now });
  const rooms = new RoomService({
    store,
    bank,
    savedPlans,
    log,
    now,
    onChange: (state, previous, version) => sockets?.broadcast(state, previous, version),
  });
  const codeDocs = new CodeDocs({
    docLog: deps.docLog,
    log,
    // Read from the store, not the room cache: another instance may have ended the interview.
    isLocked: async (roomId) => (await store.getRoom(roomId))?.state.status === 'ended',
  });
  rooms.setCodeEffects(codeDocs);

  const http = createHttpApp({
    rooms,
    savedPlans,
    codeDocs,
    bank,
    store,
    log,
    now,
    publicUrl: deps.publicUrl,
    webDistDir: deps.webDistDir,
    roomCreationPerMinute: deps.roomCreationPerMinute ?? DEFAULT_ROOM_CREATIONS_PER_MINUTE,
    onRoomDeleted: (roomId) => {
      sockets?.disconnectRoom(roomId);
      void codeDocs
        .deleteCode(roomId)
        .catch((error: unknown) => log.error('code of a deleted room not removed', { roomId, error }));
    },
    onTokensRevoked: (roomId, tokenIds) => {
      sockets?.disconnectTokens(tokenIds);
      // If the relay fails, those editors on other instances stay open (a reconnect is refused).
      void codeDocs
        .revokeTokens(roomId, tokenIds)
        .catch((error: unknown) => log.error('token revocation not relayed', { roomId, error }));
    },
  });
  const server = createServer(http);
  /** Every TCP connection of the server, so a shutdown can cut the ones still open (see close). */
  const connections = new Set<Socket>();
  server.on('connection', (connection: Socket) => {
    connections.add(connection);
    connection.once('close', () => connections.delete(connection));
  });
  const presence = new PresenceTracker(store, log);
  const originAllowed = createOriginPolicy(deps.allowedOrigins);
  // Rate limits run on real time, never on deps.now (a test may freeze the room's clock).
  const limits = resolveLimits(deps.limits);
  const handshakes = new HandshakeGuard({ limits, log });
  sockets = new SocketServer(server, {
    rooms,
    bank,
    presence,
    log,
    adapter: deps.socketAdapter,
    originAllowed,
    handshakes,
    guard: new SocketGuard({ limits, log }),
  });
  const yjs = new YjsServer({
    rooms,
    codeDocs,
    log,
    originAllowed,
    guard: new YjsGuard({ limits, log }),
    pingIntervalMs: deps.yjsPingIntervalMs,
  });

  server.on('upgrade', (req, socket, head) => {
    if (YjsServer.handles(req))
      void handshakes.guardUpgrade(req, socket, () => yjs.handleUpgrade(req, socket, head));
    else if (!(req.url ?? '').startsWith('/socket.io/')) socket.destroy();
  });

  return {
    server,
    rooms,
    codeDocs,
    async close() {
      presence.stop();
      yjs.close();
      // No new connections from here. Socket.io's close ends only when every connection of the
      // server has (a client that reconnected during the shutdown held it, and the storing below,
      // for ever): once its sockets and the Yjs ones are let go, what is still open is cut.
      const serverClosed = server.listening
        ? new Promise<void>((resolve) => server.close(() => resolve()))
        : Promise.resolve();
      const socketsClosed = sockets?.close();
      for (const connection of connections) connection.destroy();
      await socketsClosed;
      await rooms.drain();
      await codeDocs.close();
      await serverClosed;
    },
  };
}
