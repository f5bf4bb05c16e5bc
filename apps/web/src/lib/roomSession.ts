import type {
  Ack,
  ClientToServerEvents,
  HandshakeAuth,
  InterviewerView,
  Participant,
  PublicRoomView,
  Score,
  ServerToClientEvents,
  SessionInfo,
} from '@interview-room/protocol';
import {
  ErrorCode,
  InterviewerViewSchema,
  LIMITS,
  ParticipantSchema,
  PublicRoomViewSchema,
  SessionInfoSchema,
} from '@interview-room/protocol';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
type TimedSocket = ReturnType<RoomSocket['timeout']>;

/** How long an acknowledged event may take before we call it failed. */
export const ACK_TIMEOUT_MS = 10_000;
/** Notes are saved this long after the last keystroke. */
export const NOTES_DEBOUNCE_MS = 400;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 15_000;

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
export interface SessionError {
  /** Increments per error, so the UI can tell two identical errors apart. */
  id: number;
  code: ClientErrorCode;
  message: string;
}

export type NoteStatus =
  /** Typed, waiting for the debounce. */
  | 'editing'
  /** Sent, waiting for the ack. */
  | 'saving'
  /** Waiting for the connection to come back. */
  | 'queued'
  | 'saved'
  | 'error';
export interface NoteDraft {
  text: string;
  status: NoteStatus;
  error: string | null;
}

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
  /** Local notes per question id, kept until the server has them and nobody is typing. */
  drafts: Readonly<Record<string, NoteDraft>>;
  /** Scores set locally and not yet reflected in `privateView`. */
  optimisticScores: Readonly<Record<string, Score | null>>;
}

export interface RoomSessionOptions {
  roomId: string;
  token: string;
  /** Honoured by the server for interviewers only. */
  name?: string;
  /** Opens the socket; tests pass a fake. Defaults to a same-origin Socket.io connection. */
  connect?: (auth: HandshakeAuth) => RoomSocket;
}

type Result<T> = { ok: true; data: T } | { ok: false; code: ClientErrorCode; message: string };

const defaultConnect = (auth: HandshakeAuth): RoomSocket =>
  io({
    auth,
    autoConnect: false,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5_000,
  });

const INITIAL_STATE: RoomSessionState = {
  connection: { state: 'connecting' },
  session: null,
  view: null,
  privateView: null,
  presence: [],
  lastError: null,
  pendingAction: null,
  drafts: {},
  optimisticScores: {},
};

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
  records: InterviewerView['records'],
): Readonly<Record<string, NoteDraft>> {
  let changed = false;
  const next: Record<string, NoteDraft> = {};
  for (const [questionId, draft] of Object.entries(drafts)) {
    const serverNotes = records[questionId]?.notes;
    if (draft.status === 'saved' && serverNotes !== undefined && serverNotes !== draft.text) {
      next[questionId] = { ...draft, text: serverNotes };
      changed = true;
    } else {
      next[questionId] = draft;
    }
  }
  return changed ? next : drafts;
}

/**
 * Owns the Socket.io connection of one room page: what the server says about the room, and the
 * interviewer's actions. React reads it through `subscribe`/`getSnapshot` (useSyncExternalStore).
 */
export class RoomSession {
  private state: RoomSessionState = INITIAL_STATE;
  private readonly listeners = new Set<() => void>();
  private readonly socket: RoomSocket;
  private readonly noteTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Scores whose ack came back: dropped from `optimisticScores` at the next private view. */
  private readonly ackedScores = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelayMs = RETRY_MIN_MS;
  private errorSeq = 0;
  private destroyed = false;

  constructor(options: RoomSessionOptions) {
    const auth: HandshakeAuth = { roomId: options.roomId, token: options.token };
    if (options.name) auth.name = options.name;
    this.socket = (options.connect ?? defaultConnect)(auth);
    this.listen();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomSessionState => this.state;

  start(): void {
    if (!this.destroyed) this.socket.connect();
  }

  /** Sends what is still unsaved, then closes the connection for good. */
  destroy(): void {
    if (this.destroyed) return;
    this.flushAllNotes();
    this.destroyed = true;
    for (const timer of this.noteTimers.values()) clearTimeout(timer);
    this.noteTimers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
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

  /** Records a keystroke in the notes of a question; saves after a pause in typing. */
  editNotes(questionId: string, text: string): void {
    const clipped = text.slice(0, LIMITS.notesChars);
    this.setDraft(questionId, { text: clipped, status: 'editing', error: null });
    const existing = this.noteTimers.get(questionId);
    if (existing) clearTimeout(existing);
    this.noteTimers.set(
      questionId,
      setTimeout(() => {
        this.noteTimers.delete(questionId);
        void this.saveNotes(questionId);
      }, NOTES_DEBOUNCE_MS),
    );
  }

  /** Saves every note that has a pending debounce now (before ending, leaving or switching). */
  flushAllNotes(): void {
    for (const [questionId, timer] of this.noteTimers) {
      clearTimeout(timer);
      void this.saveNotes(questionId);
    }
    this.noteTimers.clear();
  }

  async setScore(questionId: string, score: Score | null): Promise<boolean> {
    this.ackedScores.delete(questionId);
    this.set({ optimisticScores: { ...this.state.optimisticScores, [questionId]: score } });
    const result = await this.call((s) => s.emitWithAck('score:set', { questionId, score }));
    if (this.destroyed) return result.ok;
    if (result.ok) {
      const serverScore = this.state.privateView?.records[questionId]?.score;
      if (serverScore === score && this.state.optimisticScores[questionId] === score) {
        this.dropOptimisticScore(questionId);
      } else {
        this.ackedScores.add(questionId);
      }
      return true;
    }
    if (this.state.optimisticScores[questionId] === score) this.dropOptimisticScore(questionId);
    this.fail(result.code, `Score not saved: ${result.message}`);
    return false;
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
      this.resendUnsavedNotes();
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
      if (session) this.set({ session });
    });
    socket.on('room:state', (payload) => {
      const view = parseInbound(PublicRoomViewSchema, 'room:state', payload);
      if (view) this.set({ view });
    });
    socket.on('room:private', (payload) => {
      const privateView = parseInbound(InterviewerViewSchema, 'room:private', payload);
      if (!privateView) return;
      const optimisticScores = { ...this.state.optimisticScores };
      for (const questionId of this.ackedScores) delete optimisticScores[questionId];
      this.ackedScores.clear();
      this.set({
        privateView,
        drafts: reconcileDrafts(this.state.drafts, privateView.records),
        optimisticScores,
      });
    });
    socket.on('presence:update', (payload) => {
      const presence = parseInbound(ParticipantSchema.array(), 'presence:update', payload);
      if (presence) this.set({ presence });
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

  private async saveNotes(questionId: string): Promise<void> {
    const draft = this.state.drafts[questionId];
    if (!draft || draft.status === 'saved') return;
    if (!this.socket.connected) {
      this.setDraft(questionId, { ...draft, status: 'queued' });
      return;
    }
    const sent = draft.text;
    this.setDraft(questionId, { ...draft, status: 'saving', error: null });
    const result = await this.call((s) => s.emitWithAck('notes:save', { questionId, notes: sent }));
    if (this.destroyed) return;
    const current = this.state.drafts[questionId];
    // Typed again meanwhile: the newer text has its own save coming.
    if (!current || current.text !== sent) return;
    if (result.ok) {
      this.setDraft(questionId, { text: sent, status: 'saved', error: null });
    } else if (result.code === 'OFFLINE' || result.code === 'TIMEOUT') {
      this.setDraft(questionId, { text: sent, status: 'queued', error: null });
    } else {
      this.setDraft(questionId, { text: sent, status: 'error', error: result.message });
    }
  }

  private resendUnsavedNotes(): void {
    for (const [questionId, draft] of Object.entries(this.state.drafts)) {
      if ((draft.status === 'queued' || draft.status === 'saving') && !this.noteTimers.has(questionId)) {
        void this.saveNotes(questionId);
      }
    }
  }

  private setDraft(questionId: string, draft: NoteDraft): void {
    this.set({ drafts: { ...this.state.drafts, [questionId]: draft } });
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
