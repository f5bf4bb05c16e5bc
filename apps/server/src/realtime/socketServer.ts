import type { Server as HttpServer } from 'node:http';
import {
  type Ack,
  type ClientEventName,
  type ClientPayload,
  type ClientResults,
  type ClientToServerEvents,
  clientEventSchemas,
  HandshakeAuthSchema,
  INTERVIEWER_ONLY_EVENTS,
  isClientEventName,
  isRunEventName,
  LIMITS,
  type Participant,
  PROTOCOL_VERSION,
  type ProtocolError,
  type Role,
  type ServerToClientEvents,
} from '@interview-room/protocol';
import type { QuestionBank } from '@interview-room/questions';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { WebSocketServer } from 'ws';
import type { OriginPolicy } from '../auth/origin.ts';
import { tokenId } from '../auth/tokens.ts';
import type { RoomCommand, RoomState } from '../domain/room.ts';
import { samePublicView, toInterviewerFrame, toInterviewerFullFrame, toPublicView } from '../domain/views.ts';
import type { HandshakeGuard } from '../limits/handshakeGuard.ts';
import type { SocketGuard } from '../limits/socketGuard.ts';
import type { Logger } from '../logger.ts';
import type { RoomService } from '../rooms/service.ts';
import { identityFor, type PresenceTracker } from './presence.ts';
import { createRunRelay, type RunRelay } from './runRelay.ts';

interface SocketData {
  roomId: string;
  role: Role;
  participant: Participant;
  /** The token it authenticated with (see tokenId), to disconnect it when that token is revoked. */
  tokenId: string;
}

type RoomServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Socket.io room names: everyone in a room, and its interviewers only. */
const everyone = (roomId: string) => `room:${roomId}`;
const interviewers = (roomId: string) => `room:${roomId}:interviewers`;
/** Every socket authenticated with one token, on every instance (the adapter spans them). */
const withToken = (id: string) => `token:${id}`;

export interface SocketServerDeps {
  rooms: RoomService;
  /** For plan edits (new questions come from it) and question previews. */
  bank: QuestionBank;
  presence: PresenceTracker;
  log: Logger;
  /** Cross-instance fan-out; the default in-memory adapter serves a single instance. */
  adapter?: ServerOptions['adapter'];
  /** Which browser pages may connect (cross-site WebSocket hijacking); checked before the token. */
  originAllowed: OriginPolicy;
  /** Refuses handshakes from an address that keeps failing them, before the token is checked. */
  handshakes: HandshakeGuard;
  /** Events per second and their shape, per accepted socket. */
  guard: SocketGuard;
}

/** Events that read and change nothing: answered here, never run through the room. */
type QueryEventName = 'bank:question' | 'room:view';
type CommandEventName = Exclude<ClientEventName, QueryEventName>;
const isQuery = (name: ClientEventName): name is QueryEventName =>
  name === 'bank:question' || name === 'room:view';

/** What a read may look at: the bank, and the asking socket's room. */
interface QueryContext {
  bank: QuestionBank;
  rooms: RoomService;
  roomId: string;
}

/** Maps each validated client event to a room command. */
const toCommand: {
  [E in CommandEventName]: (payload: ClientPayload<E>, bank: QuestionBank) => RoomCommand;
} = {
  'question:next': () => ({ type: 'next' }),
  'question:goto': ({ index }) => ({ type: 'goto', index }),
  'interview:end': () => ({ type: 'end' }),
  'notes:save': ({ questionId, notes, opId }) => ({ type: 'save-notes', questionId, notes, opId }),
  'score:set': ({ questionId, score, opId }) => ({ type: 'set-score', questionId, score, opId }),
  // The domain is pure: the bank's copy of each named question is looked up here, once.
  'plan:set': ({ items, opId }, bank) => ({
    type: 'set-plan',
    items,
    opId,
    bankQuestions: items.flatMap((item) => bank.get(item.questionId) ?? []),
  }),
  'rubric:tick': ({ questionId, kind, index, ticked, opId }) => ({
    type: 'tick',
    questionId,
    kind,
    index,
    ticked,
    opId,
  }),
  'recommendation:set': ({ recommendation, opId }) => ({ type: 'set-recommendation', recommendation, opId }),
  'summary:save': ({ summary, opId }) => ({ type: 'save-summary', summary, opId }),
};

/** What a successful command answers, from the state it produced. */
const toResult: {
  [E in CommandEventName]: (state: RoomState, payload: ClientPayload<E>) => ClientResults[E];
} = {
  'question:next': (state) => ({ currentIndex: state.currentIndex }),
  'question:goto': (state) => ({ currentIndex: state.currentIndex }),
  'interview:end': (state) => ({ endedAt: state.endedAt ?? Date.now() }),
  'notes:save': (_state, { questionId }) => ({ questionId, savedAt: Date.now() }),
  'score:set': (_state, { questionId }) => ({ questionId, savedAt: Date.now() }),
  'plan:set': (state) => ({ questionCount: state.plan.length, savedAt: Date.now() }),
  'rubric:tick': (_state, { questionId }) => ({ questionId, savedAt: Date.now() }),
  'recommendation:set': () => ({ savedAt: Date.now() }),
  'summary:save': () => ({ savedAt: Date.now() }),
};

/** Answers to the read-only events. */
const queries: {
  [E in QueryEventName]: (payload: ClientPayload<E>, context: QueryContext) => Promise<Ack<ClientResults[E]>>;
} = {
  // Any bank question, with its rubric, to preview it before it joins the plan.
  'bank:question': async ({ questionId }, { bank }) => {
    const question = bank.get(questionId);
    return question
      ? { ok: true, data: { question } }
      : failure({ code: 'NOT_FOUND', message: `Question ${questionId} is not in the question bank` });
  },
  'room:view': async (_payload, { rooms, roomId }) => {
    const read = await rooms.readState(roomId);
    return read
      ? { ok: true, data: { view: toInterviewerFullFrame(read.state, read.version) } }
      : failure({ code: 'NOT_FOUND', message: 'Room not found' });
  },
};

export class SocketServer {
  readonly io: RoomServer;
  /** Per socket: whether its token was still valid once it could be reached by a revocation. */
  private readonly admitted = new WeakMap<RoomSocket, Promise<boolean>>();
  private readonly runRelays = new WeakMap<RoomSocket, RunRelay>();
  /** Disconnects still being cleaned up (presence, timeline). */
  private readonly leaving = new Set<Promise<void>>();

  constructor(
    httpServer: HttpServer,
    private readonly deps: SocketServerDeps,
  ) {
    this.io = new Server(httpServer, {
      serveClient: false,
      // The Yjs endpoint shares this HTTP server: leave upgrades that are not ours alone.
      destroyUpgrade: false,
      maxHttpBufferSize: LIMITS.socketPayloadBytes,
      // Our ws rather than Engine.IO's older copy: since 8.23 a receiver no longer keeps the
      // buffer of a connection's last frame alive (through its mask) until the next frame.
      wsEngine: WebSocketServer,
      // Runs on every handshake, polling and WebSocket alike, before any namespace middleware;
      // engine.io answers a refusal with 403. (`cors` would only set headers.)
      allowRequest: (req, callback) => {
        const allowed = deps.originAllowed(req);
        if (!allowed)
          deps.log.warn('socket.io handshake refused: origin not allowed', { origin: req.headers.origin });
        callback(allowed ? null : 'origin not allowed', allowed);
      },
      // Connection-state recovery stays off: a recovered session skips the handshake middleware,
      // so a revoked token could resume its session. Clients re-authenticate on every reconnect.
      ...(deps.adapter ? { adapter: deps.adapter } : {}),
    });
    this.io.use(deps.handshakes.socketMiddleware);
    this.io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          if (error instanceof HandshakeError) deps.handshakes.socketFailed(socket);
          next(toConnectError(error));
        },
      );
    });
    // Per-socket limits: its middleware sees every event before any handler does.
    this.io.on('connection', (socket) => deps.guard.watch(socket));
    this.io.on('connection', (socket) => {
      this.onConnection(socket).catch((error: unknown) => {
        this.deps.log.error('socket setup failed', { roomId: socket.data.roomId, error });
        socket.disconnect(true);
      });
    });
  }

  /**
   * Sends the room's new state: the public view to all, the private one to interviewers only.
   * Most changes (notes, scores, ticks) touch only the private view; the public one then goes
   * nowhere, which halves the frames of a note save, and the private one carries only the records
   * and timeline events that changed. `previous` is the state of `version - 1`: a client that
   * shows it applies the changes; one that does not reads the whole view.
   */
  broadcast(state: RoomState, previous: RoomState, version: number): void {
    const view = toPublicView(state);
    if (!samePublicView(toPublicView(previous), view))
      this.io.to(everyone(state.id)).emit('room:state', view);
    this.io.to(interviewers(state.id)).emit('room:private', toInterviewerFrame(state, version, previous));
  }

  /** Disconnects everyone in a room, on every instance (the room was deleted). */
  disconnectRoom(roomId: string): void {
    this.io.in(everyone(roomId)).disconnectSockets(true);
  }

  /** Disconnects every socket opened with these tokens, on every instance (they were revoked). */
  disconnectTokens(tokenIds: readonly string[]): void {
    if (tokenIds.length > 0) this.io.in(tokenIds.map(withToken)).disconnectSockets(true);
  }

  async close(): Promise<void> {
    await this.io.close();
    // Their presence and timeline writes (and broadcasts) finish before the store and adapter close.
    await Promise.allSettled([...this.leaving]);
  }

  private async authenticate(socket: RoomSocket): Promise<void> {
    const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!auth.success) throw new HandshakeError('UNAUTHORIZED', 'A room id and a valid token are required');
    const result = await this.deps.rooms.authenticate(auth.data.roomId, auth.data.token);
    if (!result.ok) {
      this.deps.log.warn('socket refused', { roomId: auth.data.roomId, reason: result.code });
      throw new HandshakeError(result.code, result.code === 'NOT_FOUND' ? 'Room not found' : 'Invalid token');
    }
    const { role, state } = result;
    socket.data = {
      roomId: auth.data.roomId,
      role,
      participant: { id: socket.id, ...identityFor(state, role, auth.data.name) },
      tokenId: tokenId(auth.data.token),
    };
  }

  private async onConnection(socket: RoomSocket): Promise<void> {
    const { roomId, role, participant } = socket.data;
    const { rooms, presence, log } = this.deps;
    const admitted = this.admit(socket);
    this.admitted.set(socket, admitted);
    socket.on('disconnect', () => {
      this.runRelays.get(socket)?.disconnected();
      const leaving = admitted.then((ok) => (ok ? this.onDisconnect(socket) : undefined));
      this.leaving.add(leaving);
      void leaving.finally(() => this.leaving.delete(leaving));
    });
    // Registered at once, so no early event is dropped; each room event waits for the admission.
    // A middleware, not `onAny` (which Socket.io calls before any middleware): it runs after the
    // socket guard's, so an event the guard refuses is never handled. One dispatch for every
    // event: a listener per event name would cost each connection a score of closures, and the
    // run relay is made only for a socket that runs code.
    socket.use(([event, payload, ack], next) => {
      if (isClientEventName(event)) void this.handle(socket, event, payload, ack);
      else if (isRunEventName(event)) this.runRelay(socket).receive(event, payload, ack);
      next();
    });

    if (!(await admitted)) {
      log.info('socket of a revoked token disconnected', { roomId, role });
      socket.disconnect(true);
      return;
    }
    // Gone while admitted: joining now would leave its id in the rooms for good.
    if (socket.disconnected) return;
    await socket.join(role === 'interviewer' ? [everyone(roomId), interviewers(roomId)] : [everyone(roomId)]);
    const firstConnection = presence.localCount(roomId, role, participant.name) === 0;
    await presence.join(roomId, participant);
    // Read from the store after joining the rooms: a change this read misses is broadcast to
    // this socket, and one broadcast before it arrives carries an older version.
    const read = await rooms.readState(roomId);
    if (!read) throw new Error('room vanished after authentication');
    const { state } = read;
    socket.emit('session:ready', { protocolVersion: PROTOCOL_VERSION, roomId, role, participant });
    socket.emit('room:state', toPublicView(state));
    if (role === 'interviewer') socket.emit('room:private', toInterviewerFullFrame(state, read.version));
    await this.broadcastPresence(roomId);
    if (firstConnection)
      await rooms.execute(roomId, { type: 'participant-joined', role, name: participant.name });
    log.info('participant connected', { roomId, role, participantId: participant.id });
  }

  /**
   * Makes the socket reachable by a revocation of its token, then reads the token's standing
   * again: the handshake checked it earlier, and a revocation stored in between reached no one.
   * Resolves false for a revoked token (or a store failure), never rejects.
   */
  private admit(socket: RoomSocket): Promise<boolean> {
    const { roomId, role, tokenId } = socket.data;
    // Synchronous with the 'connection' event, while the socket is surely connected.
    const joined = socket.join(withToken(tokenId));
    return Promise.resolve(joined)
      .then(() => this.deps.rooms.isTokenCurrent(roomId, role, tokenId))
      .catch((error: unknown) => {
        this.deps.log.error('token re-check failed; disconnecting', { roomId, error });
        return false;
      });
  }

  private async onDisconnect(socket: RoomSocket): Promise<void> {
    const { roomId, role, participant } = socket.data;
    const { rooms, presence, log } = this.deps;
    try {
      await presence.leave(roomId, participant.id);
      await this.broadcastPresence(roomId);
      if (presence.localCount(roomId, role, participant.name) === 0) {
        await rooms.execute(roomId, { type: 'participant-left', role, name: participant.name });
      }
    } catch (error) {
      log.warn('disconnect cleanup failed', { roomId, error });
    }
  }

  private runRelay(socket: RoomSocket): RunRelay {
    let relay = this.runRelays.get(socket);
    if (!relay) {
      const { rooms, log } = this.deps;
      relay = createRunRelay(socket, { rooms, log, roomChannel: everyone(socket.data.roomId) });
      this.runRelays.set(socket, relay);
    }
    return relay;
  }

  private async broadcastPresence(roomId: string): Promise<void> {
    this.io.to(everyone(roomId)).emit('presence:update', await this.deps.presence.list(roomId));
  }

  /** Validates, authorizes and runs one client event; always answers the ack, never throws. */
  private async handle<E extends ClientEventName>(
    socket: RoomSocket,
    name: E,
    payload: unknown,
    ack: unknown,
  ): Promise<void> {
    const { rooms, log } = this.deps;
    // Nothing runs for a socket whose token was revoked while it connected.
    if (!(await this.admitted.get(socket))) return;
    const reply = (res: Ack<ClientResults[E]>) => {
      if (typeof ack === 'function') ack(res);
    };
    const { roomId, role } = socket.data;
    if (typeof ack !== 'function') log.warn('event without ack', { roomId, event: name });
    if (role !== 'interviewer' && INTERVIEWER_ONLY_EVENTS.has(name)) {
      log.warn('forbidden event', { roomId, role, event: name });
      return reply(failure({ code: 'FORBIDDEN', message: `${name} is for interviewers only` }));
    }
    const parsed = clientEventSchemas[name].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      log.warn('invalid event payload', { roomId, event: name, issue: issue?.message });
      return reply(
        failure({
          code: 'BAD_REQUEST',
          message: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'Invalid payload',
          ...(issue && issue.path.length > 0 ? { field: issue.path.join('.') } : {}),
        }),
      );
    }
    const { bank } = this.deps;
    try {
      if (isQuery(name)) {
        const answer = await (queries[name] as QueryOf)(parsed.data as ClientPayload<QueryEventName>, {
          bank,
          rooms,
          roomId,
        });
        return reply(answer as Ack<ClientResults[E]>);
      }
      const command = name as CommandEventName;
      const data = parsed.data as ClientPayload<CommandEventName>;
      const result = await rooms.execute(roomId, (toCommand[command] as CommandOf)(data, bank));
      if (!result.ok) return reply(failure(result.error));
      reply({ ok: true, data: (toResult[command] as ResultOf)(result.state, data) as ClientResults[E] });
    } catch (error) {
      log.error('event failed', { roomId, event: name, error });
      reply(failure({ code: 'INTERNAL', message: 'The server could not store this change; try again' }));
    }
  }
}

/** A command's handlers with the payload type erased, once the event name is only known at run time. */
type CommandOf = (payload: ClientPayload<CommandEventName>, bank: QuestionBank) => RoomCommand;
type ResultOf = (
  state: RoomState,
  payload: ClientPayload<CommandEventName>,
) => ClientResults[CommandEventName];
type QueryOf = (
  payload: ClientPayload<QueryEventName>,
  context: QueryContext,
) => Promise<Ack<ClientResults[QueryEventName]>>;

const failure = (error: ProtocolError): { ok: false; error: ProtocolError } => ({ ok: false, error });

class HandshakeError extends Error {
  constructor(
    readonly code: 'UNAUTHORIZED' | 'NOT_FOUND',
    readonly detail: string,
  ) {
    super(code);
  }
}

/** Socket.io hands `message` and `data` of a middleware error to the client's connect_error. */
function toConnectError(error: unknown): Error & { data?: ProtocolError } {
  if (error instanceof HandshakeError) {
    return Object.assign(new Error(error.code), { data: { code: error.code, message: error.detail } });
  }
  return Object.assign(new Error('INTERNAL'), {
    data: { code: 'INTERNAL' as const, message: 'Server error' },
  });
}
