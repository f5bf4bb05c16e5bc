import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import {
  type Ack,
  type ClientEventName,
  type ClientPayload,
  type ClientResults,
  type ClientToServerEvents,
  type CreateRoomResponse,
  codeTextKey,
  type HeldInterviewerView,
  type InterviewerFrame,
  type InterviewerView,
  type ServerToClientEvents,
  viewAfterFrame,
  YJS_NAME_PARAM,
} from '@interview-room/protocol';
import { defaultBank, type QuestionBank } from '@interview-room/questions';
import { io, type Socket } from 'socket.io-client';
import { inject, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type App, createApp } from '../src/app.ts';
import type { DocLog } from '../src/docs/types.ts';
import type { ServerLimits } from '../src/limits/limits.ts';
import { type Logger, silentLogger } from '../src/logger.ts';
import { createRedisScaleOut } from '../src/realtime/redisAdapter.ts';
import type { RoomStore } from '../src/store/types.ts';
import { makeDocLog, makeStore, type StoreKind } from './stores.ts';

export interface TestServer {
  url: string;
  app: App;
  store: RoomStore;
  docLog: DocLog;
}

/** A real server on a free port, closed when the test ends. */
export async function startServer(
  options: {
    store?: RoomStore;
    /** Defaults to a fresh log of the store's kind (a real Redis for a Redis store). */
    docLog?: DocLog;
    kind?: StoreKind;
    bank?: QuestionBank;
    webDistDir?: string;
    /**
     * Room creations per address per minute. Tests create many rooms from 127.0.0.1, so the
     * default here is far above the app's; the rate-limit test passes the app's default.
     */
    roomCreationPerMinute?: number;
    /** Defaults to silence; pass createLogger(level, write) to look at what is logged. */
    log?: Logger;
    allowedOrigins?: readonly string[];
    /** Socket.io on the Redis adapter (as main.ts wires it), so disconnects cross instances. */
    scaleOut?: boolean;
    /** Flood limits over the production defaults (which apply unless a test raises one). */
    limits?: Partial<ServerLimits>;
    /** How often each Yjs connection is pinged (the app's default is 30 s). */
    yjsPingIntervalMs?: number;
  } = {},
): Promise<TestServer> {
  const store = options.store ?? (await makeStore(options.kind ?? 'memory'));
  const docLog = options.docLog ?? (await makeDocLog(store.kind));
  const scaleOut = options.scaleOut ? await createRedisScaleOut(inject('redisUrl'), silentLogger) : null;
  // Registered before the app's teardown, so it runs after it (after-hooks run as a stack).
  if (scaleOut) onTestFinished(() => scaleOut.close());
  const app = createApp({
    store,
    docLog,
    bank: options.bank ?? defaultBank,
    log: options.log ?? silentLogger,
    allowedOrigins: options.allowedOrigins,
    socketAdapter: scaleOut?.adapter,
    webDistDir: options.webDistDir ?? '/nonexistent',
    roomCreationPerMinute: options.roomCreationPerMinute ?? 10_000,
    limits: options.limits,
    yjsPingIntervalMs: options.yjsPingIntervalMs,
  });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const { port } = app.server.address() as AddressInfo;
  onTestFinished(() => app.close());
  return { url: `http://127.0.0.1:${port}`, app, store, docLog };
}

export async function createRoom(
  url: string,
  body: Record<string, unknown> = {
    title: 'Python screen',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace',
  },
): Promise<CreateRoomResponse> {
  const res = await fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as CreateRoomResponse;
}

/**
 * A room whose first question is pushed, with the interviewer's socket and an interviewer editor
 * synced to the question's starter code: the starting point of the tests that attack the code.
 */
export async function roomWithStarterCode(url: string, questionId: string) {
  const room = await createRoom(url);
  const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
  await interviewer.send('question:next', {});
  const peer = connectYjs(url, room.id, room.interviewer.token);
  await synced(peer);
  await waitFor(() => (peer.text(questionId).length > 0 ? true : undefined), 'starter code');
  return { room, interviewer, peer };
}

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Records every event a socket receives, in order, with its raw payload. */
export interface RecordingSocket {
  socket: ClientSocket;
  received: { event: string; payload: unknown }[];
  /** The latest payload of an event, waiting for it if none arrived yet. */
  next<E extends keyof ServerToClientEvents>(
    event: E,
    accept?: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean,
  ): Promise<Parameters<ServerToClientEvents[E]>[0]>;
  /**
   * The latest interviewer view (`room:private`, frames of changes applied as a client applies
   * them) with the plan key and version of its frame, waiting for one if none arrived yet.
   */
  nextView(accept?: (view: PrivateView) => boolean): Promise<PrivateView>;
  send<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResults[E]>>;
}

export type PrivateView = InterviewerView & { planKey: string; version: number };

export function connect(
  url: string,
  auth: Record<string, unknown>,
  options: { reconnection?: boolean } = {},
): RecordingSocket {
  const socket: ClientSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: options.reconnection ?? false,
    reconnectionDelay: 200,
    reconnectionDelayMax: 1_000,
    forceNew: true,
  });
  const received: { event: string; payload: unknown }[] = [];
  const views: PrivateView[] = [];
  let held: HeldInterviewerView | null = null;
  socket.onAny((event: string, payload: unknown) => {
    received.push({ event, payload });
    if (event !== 'room:private') return;
    const frame = payload as InterviewerFrame;
    const view = viewAfterFrame(held, frame);
    // A frame that does not fit (out of order, from two instances) is left out: a waiting test
    // then times out, where a browser would read the whole view.
    if (!view) return;
    held = { view, planKey: frame.planKey, version: frame.version };
    views.push({ ...view, planKey: frame.planKey, version: frame.version });
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return {
    socket,
    received,
    next<E extends keyof ServerToClientEvents>(
      event: E,
      accept: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
    ) {
      type Payload = Parameters<ServerToClientEvents[E]>[0];
      return waitFor<Payload>(() => {
        for (let i = received.length - 1; i >= 0; i--) {
          const entry = received[i];
          if (entry?.event === event && accept(entry.payload as Payload)) return entry.payload as Payload;
        }
        return undefined;
      }, `event ${event}`);
    },
    nextView(accept = () => true) {
      return waitFor(() => views.findLast(accept), 'a room:private view');
    },
    send(event, payload) {
      // Socket.io's typed emit cannot relate a generic event name to its payload.
      return (
        socket.timeout(20_000) as unknown as {
          emitWithAck(e: string, p: unknown): Promise<Ack<ClientResults[typeof event]>>;
        }
      ).emitWithAck(event, payload);
    },
  };
}

/** Resolves with the handshake error message, or rejects if the connection is accepted. */
export function connectError(
  url: string,
  auth: Record<string, unknown>,
): Promise<{ message: string; data: unknown }> {
  const socket: ClientSocket = io(url, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return new Promise((resolve, reject) => {
    socket.on('connect', () => reject(new Error('connection was accepted')));
    socket.on('connect_error', (error) =>
      resolve({ message: error.message, data: (error as Error & { data?: unknown }).data }),
    );
  });
}

export interface YjsClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  text(questionId: string): Y.Text;
}

export function connectYjs(
  url: string,
  roomId: string,
  token: string,
  options: { name?: string } = {},
): YjsClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/yjs`, roomId, doc, {
    params: { token, ...(options.name ? { [YJS_NAME_PARAM]: options.name } : {}) },
    // Two providers in one process must sync through the server, not a BroadcastChannel.
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    maxBackoffTime: 200,
  });
  onTestFinished(() => {
    provider.destroy();
    doc.destroy();
  });
  return { doc, provider, text: (questionId) => doc.getText(codeTextKey(questionId)) };
}

export function synced(client: YjsClient): Promise<void> {
  return waitFor(() => (client.provider.synced ? true : undefined), 'yjs sync').then(() => undefined);
}

/** A fresh id for an idempotent write (notes, scores). */
export const opId = (): string => randomBytes(12).toString('base64url');

/** Polls a condition until it yields a value; fails with the description after the timeout. */
export async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Raw HTTP status of a WebSocket upgrade attempt (101 when accepted). */
export function upgradeStatus(wsUrl: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(wsUrl, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', () => resolve(0));
  });
}
