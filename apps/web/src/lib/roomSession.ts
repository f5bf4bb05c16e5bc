import type {
  Ack,
  ClientResults,
  ClientToServerEvents,
  HandshakeAuth,
  InterviewerFrame,
  InterviewerView,
  Participant,
  PlanItemInput,
  PublicRoomView,
  Question,
  Recommendation,
  RubricItemKind,
  Score,
  ServerToClientEvents,
  SessionInfo,
} from '@interview-room/protocol';
import {
  ErrorCode,
  InterviewerFrameSchema,
  InterviewerFullFrameSchema,
  LIMITS,
  ParticipantSchema,
  PublicRoomViewSchema,
  SessionInfoSchema,
  viewAfterFrame,
} from '@interview-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';
import type { OutboxStorage, OutboxWrite } from './outbox.ts';
import { browserStorage, fieldOf, newOpId, Outbox } from './outbox.ts';
import { appendLine } from './tickLine.ts';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type TimedSocket = ReturnType<RoomSocket['timeout']>;

/** How long an acknowledged event may take before we call it failed. */
export const ACK_TIMEOUT_MS = 10_000;
/** Notes are saved this long after the last keystroke. */
export const NOTES_DEBOUNCE_MS = 400;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;
/** A write that failed while connected (timeout, server error) is tried again after this. */
const RESEND_MIN_MS = 2_000;
const RESEND_MAX_MS = 30_000;

/** Handshake rejections that retrying cannot fix. */
const FATAL_HANDSHAKE_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.Unauthorized,
  ErrorCode.Forbidden,
  ErrorCode.NotFound,
  ErrorCode.BadRequest,
]);

export type Connection =
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting' }
  | { state: 'rejected'; code: string; message: string };

/** Errors the client adds to the protocol's own. */
export type ClientErrorCode = ErrorCode | 'OFFLINE' | 'TIMEOUT';
/** Failures another try can fix: the write stays in the outbox. Any other failure is final. */
const RETRYABLE_CODES: ReadonlySet<ClientErrorCode> = new Set<ClientErrorCode>([
  'OFFLINE',
  'TIMEOUT',
  ErrorCode.Internal,
  // Sent too fast (a burst of resends): the write waits and goes again.
  ErrorCode.RateLimited,
]);
export interface SessionError {
  /** Increments per error, so the UI can tell two identical errors apart. */
  id: number;
  code: ClientErrorCode;
  message: string;
}

export type NoteStatus =
  /** Typed (and kept in the outbox), waiting for the debounce. */
  | 'editing'
  /** Sent, waiting for the ack (or for a retry after a timeout). */
  | 'saving'
  /** In the outbox, waiting for the connection to come back. */
  | 'queued'
  | 'saved'
  /** Refused by the server, or failed with a server error (then retried). */
  | 'error';
export interface NoteDraft {
  text: string;
  status: NoteStatus;
  error: string | null;
}

/**
 * Text the interviewer types, saved after a pause in typing: a question's notes (key
 * `notes:<question id>`) or the overall summary (key `summary`).
 */
export const notesKey = (questionId: string): string => `notes:${questionId}`;
export const SUMMARY_KEY = 'summary';

/** The draft key of a text write; null for the other writes. */
function draftKeyOf(write: OutboxWrite): string | null {
  if (write.event === 'notes:save') return notesKey(write.payload.questionId);
  if (write.event === 'summary:save') return SUMMARY_KEY;
  return null;
}

/** A text write for a draft key, with a new op id. */
function textWrite(key: string, text: string): OutboxWrite {
  if (key === SUMMARY_KEY) return { event: 'summary:save', payload: { summary: text, opId: newOpId() } };
  return {
    event: 'notes:save',
    payload: { questionId: key.slice('notes:'.length), notes: text, opId: newOpId() },
  };
}

const textOf = (write: Extract<OutboxWrite, { event: 'notes:save' | 'summary:save' }>): string =>
  write.event === 'notes:save' ? write.payload.notes : write.payload.summary;

export type PendingAction = 'next' | 'goto' | 'end';

export interface RoomSessionState {
  connection: Connection;
  session: SessionInfo | null;
  view: PublicRoomView | null;
  /** Interviewers only. */
  privateView: InterviewerView | null;
  presence: readonly Participant[];
  lastError: SessionError | null;
  pendingAction: PendingAction | null;
  /**
   * Local text per draft key (notesKey, SUMMARY_KEY), kept until the server has it and nobody is
   * typing.
   */
  drafts: Readonly<Record<string, NoteDraft>>;
  /** Scores set locally and not yet reflected in `privateView`. */
  optimisticScores: Readonly<Record<string, Score | null>>;
  /**
   * Interviewer writes not acknowledged yet (kept across reloads), oldest first. Until acked, a
   * plan, tick or recommendation write is also what the page shows (roomSelectors).
   */
  outbox: readonly OutboxWrite[];
}

export interface RoomSessionOptions {
  roomId: string;
  token: string;
  /** Honoured by the server for interviewers only. */
  name?: string;
  /** Opens the socket; tests pass a fake. Defaults to a same-origin Socket.io connection. */
  connect?: (auth: HandshakeAuth) => RoomSocket;
  /** Where unacknowledged writes survive a reload. Defaults to `localStorage`; null: memory only. */
  storage?: OutboxStorage | null;
  /** Tells the session when the browser goes on- or offline. Defaults to the window's events. */
  network?: NetworkEvents | null;
}

export interface NetworkEvents {
  subscribe(onChange: (online: boolean) => void): () => void;
}

function browserNetwork(): NetworkEvents | null {
  if (typeof window === 'undefined') return null;
  return {
    subscribe(onChange) {
      const online = (): void => onChange(true);
      const offline = (): void => onChange(false);
      window.addEventListener('online', online);
      window.addEventListener('offline', offline);
      return () => {
        window.removeEventListener('online', online);
        window.removeEventListener('offline', offline);
      };
    },
  };
}

type Result<T> = { ok: true; data: T } | { ok: false; code: ClientErrorCode; message: string };

const defaultConnect = (auth: HandshakeAuth): RoomSocket =>
  io({
    auth,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });

export const INITIAL_SESSION_STATE: RoomSessionState = {
  connection: { state: 'connecting' },
  session: null,
  view: null,
  privateView: null,
  presence: [],
  lastError: null,
  pendingAction: null,
  drafts: {},
  optimisticScores: {},
  outbox: [],
};

/** What a reloaded page shows before the server answers: its own unsaved writes. */
function stateFromOutbox(writes: readonly OutboxWrite[]): RoomSessionState {
  const drafts: Record<string, NoteDraft> = {};
  const optimisticScores: Record<string, Score | null> = {};
  for (const write of writes) {
    if (write.event === 'notes:save' || write.event === 'summary:save') {
      drafts[draftKeyOf(write) ?? ''] = { text: textOf(write), status: 'queued', error: null };
    } else if (write.event === 'score:set') {
      optimisticScores[write.payload.questionId] = write.payload.score;
    }
  }
  return { ...INITIAL_SESSION_STATE, drafts, optimisticScores, outbox: writes };
}

function emitWrite(socket: TimedSocket, write: OutboxWrite): Promise<Ack<unknown>> {
  switch (write.event) {
    case 'notes:save':
      return socket.emitWithAck('notes:save', write.payload);
    case 'score:set':
      return socket.emitWithAck('score:set', write.payload);
    case 'plan:set':
      return socket.emitWithAck('plan:set', write.payload);
    case 'rubric:tick':
      return socket.emitWithAck('rubric:tick', write.payload);
    case 'recommendation:set':
      return socket.emitWithAck('recommendation:set', write.payload);
    case 'summary:save':
      return socket.emitWithAck('summary:save', write.payload);
  }
}

/** The part of a zod schema used here (zod itself is the protocol package's dependency). */
interface InboundSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: unknown } };
}

function parseInbound<T>(schema: InboundSchema<T>, event: string, payload: unknown): T | null {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  console.error(`[room] ignored malformed ${event}`, parsed.error.issues);
  return null;
}

/**
 * Drafts the server now agrees with, or that nobody is editing, follow the server: this keeps a
 * second interviewer's notes visible without overwriting what is being typed here.
 */
export function reconcileDrafts(
  drafts: Readonly<Record<string, NoteDraft>>,
  view: Pick<InterviewerView, 'records' | 'summary'>,
): Readonly<Record<string, NoteDraft>> {
  let changed = false;
  const next: Record<string, NoteDraft> = {};
  for (const [key, draft] of Object.entries(drafts)) {
    const serverText = key === SUMMARY_KEY ? view.summary : view.records[key.slice('notes:'.length)]?.notes;
    if (draft.status === 'saved' && serverText !== undefined && serverText !== draft.text) {
      next[key] = { ...draft, text: serverText };
      changed = true;
    } else {
      next[key] = draft;
    }
  }
  return changed ? next : drafts;
}

/**
 * Owns the Socket.io connection of one room page: what the server says about the room, and the
 * interviewer's actions. React reads it through `subscribe`/`getSnapshot` (useSyncExternalStore).
 *
 * Every interviewer write (notes, scores, ticks, the plan, the recommendation, the summary) goes
 * through the outbox: stored locally before it is sent, dropped when acknowledged, and resent
 * with the same `opId` after a reconnect or a reload.
 */
export class RoomSession {
  private state: RoomSessionState;
  private readonly listeners = new Set<() => void>();
  private readonly socket: RoomSocket;
  private readonly outbox: Outbox;
  private readonly network: NetworkEvents | null;
  private unsubscribeNetwork: (() => void) | null = null;
  private readonly noteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Op ids sent and not answered yet: a resend waits for the answer instead of doubling up. */
  private readonly inFlight = new Set<string>();
  /** Scores whose ack came back: dropped from `optimisticScores` at the next private view. */
  private readonly ackedScores = new Set<string>();
  /** The key of the plan in `privateView`, and the room version it shows (see InterviewerFrame). */
  private planKey: string | null = null;
  private privateVersion = -1;
  /** The newest frame that did not fit the plan held, while the whole view is read. */
  private stashedPrivate: InterviewerFrame | null = null;
  private refreshingPrivate = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private resendTimer: ReturnType<typeof setTimeout> | null = null;
  private resendDelayMs = RESEND_MIN_MS;
  private errorSeq = 0;
  private started = false;
  private destroyed = false;

  constructor(options: RoomSessionOptions) {
    const auth: HandshakeAuth = { roomId: options.roomId, token: options.token };
    if (options.name) auth.name = options.name;
    this.outbox = new Outbox(
      options.roomId,
      options.storage === undefined ? browserStorage() : options.storage,
    );
    this.state = stateFromOutbox(this.outbox.list());
    this.network = options.network === undefined ? browserNetwork() : options.network;
    this.socket = (options.connect ?? defaultConnect)(auth);
    this.listen();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomSessionState => this.state;

  /** The room's socket, for features with events of their own (runConsole.ts). */
  get roomSocket(): RoomSocket {
    return this.socket;
  }

  start(): void {
    if (this.destroyed || this.started) return;
    this.started = true;
    this.unsubscribeNetwork = this.network?.subscribe((online) => this.onNetworkChange(online)) ?? null;
    this.socket.connect();
  }

  /** Sends what is still unsaved (it stays in the outbox until acked), then closes for good. */
  destroy(): void {
    if (this.destroyed) return;
    this.flushAllNotes();
    this.destroyed = true;
    for (const timer of this.noteTimers.values()) clearTimeout(timer);
    this.noteTimers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.unsubscribeNetwork?.();
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  // ---- interviewer actions -------------------------------------------------------------------

  async next(): Promise<boolean> {
    return this.runAction('next', (s) => s.emitWithAck('question:next', {}));
  }

  async previous(): Promise<boolean> {
    const index = this.state.view?.currentIndex ?? -1;
    if (index <= 0) return false;
    return this.goto(index - 1);
  }

  async goto(index: number): Promise<boolean> {
    if (index === this.state.view?.currentIndex) return true;
    return this.runAction('goto', (s) => s.emitWithAck('question:goto', { index }));
  }

  async end(): Promise<boolean> {
    this.flushAllNotes();
    return this.runAction('end', (s) => s.emitWithAck('interview:end', {}));
  }

  /** Records a keystroke in the notes of a question; sends it after a pause in typing. */
  editNotes(questionId: string, text: string): void {
    this.editText(notesKey(questionId), text.slice(0, LIMITS.notesChars));
  }

  /**
   * Adds a line at the end of a question's notes, to what is on screen (typed and unsaved
   * included), so it goes out in the same whole-value write as the typing and loses none of it.
   */
  appendToNotes(questionId: string, line: string): void {
    const key = notesKey(questionId);
    const current = this.state.drafts[key]?.text ?? this.state.privateView?.records[questionId]?.notes ?? '';
    this.editNotes(questionId, appendLine(current, line));
  }

  /** Records a keystroke in the overall summary; sends it after a pause in typing. */
  editSummary(text: string): void {
    this.editText(SUMMARY_KEY, text.slice(0, LIMITS.summaryChars));
  }

  /** Sends every text that has a pending debounce now (before ending, leaving or switching). */
  flushAllNotes(): void {
    for (const [key, timer] of this.noteTimers) {
      clearTimeout(timer);
      this.sendLatestText(key);
    }
    this.noteTimers.clear();
  }

  /** Replaces the plan (order, budgets, new questions); shown at once, true once stored. */
  setPlan(items: PlanItemInput[]): Promise<boolean> {
    return this.write({ event: 'plan:set', payload: { items, opId: newOpId() } });
  }

  /** Ticks or unticks a rubric item; shown at once, true once stored. */
  tick(questionId: string, kind: RubricItemKind, index: number, ticked: boolean): Promise<boolean> {
    return this.write({
      event: 'rubric:tick',
      payload: { questionId, kind, index, ticked, opId: newOpId() },
    });
  }

  setRecommendation(recommendation: Recommendation | null): Promise<boolean> {
    return this.write({ event: 'recommendation:set', payload: { recommendation, opId: newOpId() } });
  }

  /** A bank question with its rubric (interviewers only), to preview it before planning it. */
  async previewQuestion(
    questionId: string,
  ): Promise<{ ok: true; question: Question } | { ok: false; message: string }> {
    const result = await this.call(
      (s) => s.emitWithAck('bank:question', { questionId }) as Promise<Ack<ClientResults['bank:question']>>,
    );
    return result.ok ? { ok: true, question: result.data.question } : { ok: false, message: result.message };
  }

  /** Shows the score at once; resolves true once the server has stored it. */
  async setScore(questionId: string, score: Score | null): Promise<boolean> {
    const write: OutboxWrite = { event: 'score:set', payload: { questionId, score, opId: newOpId() } };
    this.outbox.put(write);
    this.ackedScores.delete(questionId);
    this.set({
      optimisticScores: { ...this.state.optimisticScores, [questionId]: score },
      outbox: this.outbox.list(),
    });
    return this.send(write);
  }

  dismissError(): void {
    if (this.state.lastError) this.set({ lastError: null });
  }

  // ---- internals -----------------------------------------------------------------------------

  private listen(): void {
    const socket = this.socket;
    socket.on('connect', () => {
      this.retryDelayMs = RETRY_MIN_MS;
      this.set({ connection: { state: 'connected' } });
    });
    socket.on('disconnect', (reason) => {
      if (this.destroyed) return;
      this.set({ connection: { state: 'reconnecting' }, pendingAction: null });
      // The server closed us on purpose: Socket.io won't retry, but a new handshake tells us why.
      if (reason === 'io server disconnect') this.scheduleRetry();
    });
    socket.on('connect_error', (err) => {
      if (this.destroyed) return;
      if (FATAL_HANDSHAKE_CODES.has(err.message)) {
        socket.disconnect();
        this.set({ connection: { state: 'rejected', code: err.message, message: err.message } });
        return;
      }
      this.set({ connection: { state: 'reconnecting' } });
      // Middleware errors (INTERNAL...) stop Socket.io's own retries; transport errors don't.
      if (!socket.active) this.scheduleRetry();
    });

    socket.on('session:ready', (payload) => {
      const session = parseInbound(SessionInfoSchema, 'session:ready', payload);
      if (!session) return;
      this.set({ session });
      // Sent on every (re)connection. Only an interviewer's writes can succeed: a candidate tab
      // of the same room in this browser must not send, and so drop, the interviewer's outbox.
      if (session.role === 'interviewer') this.resendOutbox();
    });
    socket.on('room:state', (payload) => {
      const view = parseInbound(PublicRoomViewSchema, 'room:state', payload);
      if (view) this.set({ view });
    });
    socket.on('room:private', (payload) => {
      const frame = parseInbound(InterviewerFrameSchema, 'room:private', payload);
      if (frame) this.receivePrivate(frame);
    });
    socket.on('presence:update', (payload) => {
      const presence = parseInbound(ParticipantSchema.array(), 'presence:update', payload);
      if (presence) this.set({ presence });
    });
  }

  /**
   * Frames older than the view shown are dropped (two instances, or a `room:view` answer, may
   * deliver out of order). A frame without a plan goes with the plan of its key, and a frame of
   * changes over the version it names; a client holding another plan or version missed a frame
   * (or none came yet): it keeps the frame and reads the whole view.
   */
  private receivePrivate(frame: InterviewerFrame, mayRefresh = true): void {
    // A frame of changes for the version shown is one already applied.
    const seen =
      frame.version < this.privateVersion || ('changes' in frame && frame.version === this.privateVersion);
    if (seen) return;
    const current = this.state.privateView;
    const view = viewAfterFrame(
      current && this.planKey ? { view: current, planKey: this.planKey, version: this.privateVersion } : null,
      frame,
    );
    if (view) {
      this.planKey = frame.planKey;
      this.privateVersion = frame.version;
      this.applyPrivate(view);
      return;
    }
    // A frame kept over a refresh that still does not fit is dropped, not read for again: with
    // the whole view failing to come (offline, rate-limited) that would loop without end.
    if (!mayRefresh) return;
    if (!this.stashedPrivate || frame.version > this.stashedPrivate.version) this.stashedPrivate = frame;
    void this.refreshPrivate();
  }

  private async refreshPrivate(): Promise<void> {
    if (this.refreshingPrivate) return;
    this.refreshingPrivate = true;
    try {
      const result = await this.call(
        (s) => s.emitWithAck('room:view', {}) as Promise<Ack<ClientResults['room:view']>>,
      );
      const frame = result.ok
        ? parseInbound(InterviewerFullFrameSchema, 'room:view', result.data.view)
        : null;
      if (frame?.plan && !this.destroyed) this.receivePrivate(frame);
    } finally {
      this.refreshingPrivate = false;
    }
    // A frame kept meanwhile may be newer than the answer. One that still does not fit is
    // dropped: the next frame, or the whole view sent on reconnect, brings the room up to date.
    const stashed = this.stashedPrivate;
    this.stashedPrivate = null;
    if (stashed && !this.destroyed) this.receivePrivate(stashed, false);
  }

  private applyPrivate(privateView: InterviewerView): void {
    const optimisticScores = { ...this.state.optimisticScores };
    for (const questionId of this.ackedScores) delete optimisticScores[questionId];
    this.ackedScores.clear();
    this.set({
      privateView,
      drafts: reconcileDrafts(this.state.drafts, privateView),
      optimisticScores,
    });
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.destroyed) return;
    const delay = this.retryDelayMs;
    this.retryDelayMs = Math.min(this.retryDelayMs * 2, RETRY_MAX_MS);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.destroyed && !this.socket.connected) this.socket.connect();
    }, delay);
  }

  private async call<T>(send: (socket: TimedSocket) => Promise<Ack<T>>): Promise<Result<T>> {
    if (!this.socket.connected) {
      return { ok: false, code: 'OFFLINE', message: 'you are offline; try again when reconnected' };
    }
    try {
      const ack = await send(this.socket.timeout(ACK_TIMEOUT_MS));
      if (ack.ok) return { ok: true, data: ack.data };
      return { ok: false, code: ack.error.code, message: ack.error.message };
    } catch {
      return { ok: false, code: 'TIMEOUT', message: 'the server did not answer in time' };
    }
  }

  private async runAction<T>(
    action: PendingAction,
    send: (socket: TimedSocket) => Promise<Ack<T>>,
  ): Promise<boolean> {
    if (this.state.pendingAction) return false;
    this.set({ pendingAction: action });
    const result = await this.call(send);
    if (this.destroyed) return result.ok;
    this.set({ pendingAction: null });
    if (!result.ok) this.fail(result.code, describeActionFailure(action, result.message));
    return result.ok;
  }

  /**
   * The browser says the network went away or came back. A WebSocket whose network is gone can
   * look open until the heartbeat gives up (up to ~45 s with socket.io's defaults), and after the
   * network returns socket.io waits out its backoff: in both cases start a fresh connection now,
   * so writes queue (and show as unsaved) at once, and go out as soon as they can.
   */
  private onNetworkChange(online: boolean): void {
    if (this.destroyed || this.state.connection.state === 'rejected') return;
    if (online && this.socket.connected) return;
    this.socket.disconnect();
    this.socket.connect();
  }

  /** Keeps a write in the outbox (stored before anything else), then sends it. */
  private write(write: OutboxWrite): Promise<boolean> {
    this.outbox.put(write);
    this.set({ outbox: this.outbox.list() });
    return this.send(write);
  }

  private editText(key: string, text: string): void {
    // Stored at every keystroke, not at the debounce: a reload mid-sentence keeps the sentence.
    this.outbox.put(textWrite(key, text));
    this.set({
      drafts: { ...this.state.drafts, [key]: { text, status: 'editing', error: null } },
      outbox: this.outbox.list(),
    });
    const existing = this.noteTimers.get(key);
    if (existing) clearTimeout(existing);
    this.noteTimers.set(
      key,
      setTimeout(() => {
        this.noteTimers.delete(key);
        this.sendLatestText(key);
      }, NOTES_DEBOUNCE_MS),
    );
  }

  private sendLatestText(key: string): void {
    const write = this.outbox.find(fieldOf(textWrite(key, '')));
    if (write) void this.send(write);
  }

  /** Everything in the outbox, once (re)connected; text still being typed waits for its pause. */
  private resendOutbox(): void {
    for (const write of this.outbox.list()) {
      const key = draftKeyOf(write);
      if (key !== null && this.noteTimers.has(key)) continue;
      void this.send(write);
    }
  }

  private scheduleResend(): void {
    if (this.resendTimer || this.destroyed) return;
    const delay = this.resendDelayMs;
    this.resendDelayMs = Math.min(this.resendDelayMs * 2, RESEND_MAX_MS);
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      if (this.socket.connected) this.resendOutbox();
    }, delay);
  }

  /** Sends one outbox write; resolves true once the server has stored it. */
  private async send(write: OutboxWrite): Promise<boolean> {
    const { opId } = write.payload;
    if (this.inFlight.has(opId)) return false;
    if (!this.socket.connected) {
      this.afterWrite(write, { ok: false, code: 'OFFLINE', message: 'offline' });
      return false;
    }
    this.inFlight.add(opId);
    if (write.event === 'notes:save' || write.event === 'summary:save')
      this.setDraftStatus(write, 'saving', null);
    const result = await this.call((s) => emitWrite(s, write));
    this.inFlight.delete(opId);
    if (this.destroyed) return result.ok;
    if (result.ok || !RETRYABLE_CODES.has(result.code)) {
      this.outbox.settle(opId);
      this.set({ outbox: this.outbox.list() });
    }
    if (result.ok) this.resendDelayMs = RESEND_MIN_MS;
    else if (RETRYABLE_CODES.has(result.code) && this.socket.connected) this.scheduleResend();
    this.afterWrite(write, result);
    return result.ok;
  }

  /** Shows how a write went, unless a newer write of the same field has taken its place. */
  private afterWrite(write: OutboxWrite, result: Result<unknown>): void {
    const latest = this.outbox.find(fieldOf(write));
    if (latest && latest.payload.opId !== write.payload.opId) return;
    const retrying = !result.ok && RETRYABLE_CODES.has(result.code);

    if (write.event === 'notes:save' || write.event === 'summary:save') {
      if (result.ok) this.setDraftStatus(write, 'saved', null);
      else if (result.code === ErrorCode.Internal || !retrying)
        this.setDraftStatus(write, 'error', result.message);
      else this.setDraftStatus(write, this.socket.connected ? 'saving' : 'queued', null);
      return;
    }
    if (write.event !== 'score:set') {
      // The outbox is what these show until acked: a refused write has left it, and the page
      // shows the server's value again. Say why.
      if (!result.ok && !retrying) this.fail(result.code, describeWriteFailure(write, result.message));
      return;
    }

    const { questionId, score } = write.payload;
    if (result.ok) {
      const serverScore = this.state.privateView?.records[questionId]?.score;
      if (serverScore === score && this.state.optimisticScores[questionId] === score) {
        this.dropOptimisticScore(questionId);
      } else {
        this.ackedScores.add(questionId);
      }
    } else if (!retrying) {
      if (this.state.optimisticScores[questionId] === score) this.dropOptimisticScore(questionId);
      this.fail(result.code, `Score not saved: ${result.message}`);
    }
    // Retrying: the score stays shown, and marked unsaved while it sits in the outbox.
  }

  private setDraftStatus(
    write: Extract<OutboxWrite, { event: 'notes:save' | 'summary:save' }>,
    status: NoteStatus,
    error: string | null,
  ): void {
    const key = draftKeyOf(write) ?? '';
    this.set({ drafts: { ...this.state.drafts, [key]: { text: textOf(write), status, error } } });
  }

  private dropOptimisticScore(questionId: string): void {
    const optimisticScores = { ...this.state.optimisticScores };
    delete optimisticScores[questionId];
    this.ackedScores.delete(questionId);
    this.set({ optimisticScores });
  }

  private fail(code: ClientErrorCode, message: string): void {
    this.errorSeq += 1;
    this.set({ lastError: { id: this.errorSeq, code, message } });
  }

  private set(patch: Partial<RoomSessionState>): void {
    if (this.destroyed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

function describeWriteFailure(
  write: Extract<OutboxWrite, { event: 'plan:set' | 'rubric:tick' | 'recommendation:set' }>,
  message: string,
): string {
  switch (write.event) {
    case 'plan:set':
      return `The plan was not changed: ${message}`;
    case 'rubric:tick':
      return `Tick not saved: ${message}`;
    case 'recommendation:set':
      return `Recommendation not saved: ${message}`;
  }
}

function describeActionFailure(action: PendingAction, message: string): string {
  switch (action) {
    case 'next':
      return `Could not move to the next question: ${message}`;
    case 'goto':
      return `Could not change the question: ${message}`;
    case 'end':
      return `Could not end the interview: ${message}`;
  }
}
