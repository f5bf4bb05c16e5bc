import type { Ack, InterviewerFullFrame, PlannedQuestion } from '@interview-room/protocol';
import { PROTOCOL_VERSION } from '@interview-room/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Outbox } from './outbox.ts';
import type { NetworkEvents, NoteDraft, RoomSocket } from './roomSession.ts';
import { NOTES_DEBOUNCE_MS, RoomSession, reconcileDrafts } from './roomSession.ts';
import { MemoryStorage } from './testing/memoryStorage.ts';
import { plannedQuestion } from './testing/plannedQuestion.ts';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAAA';
type Handler = (...args: unknown[]) => void;

/** Just enough of a Socket.io client socket to drive a RoomSession. */
class FakeSocket {
  connected = false;
  active = false;
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: { event: string; payload: unknown }[] = [];
  connects = 0;
  disconnects = 0;
  role: 'interviewer' | 'candidate' = 'interviewer';
  /** Rejects the acks still awaited, as socket.io does when the connection closes. */
  private readonly pendingAcks = new Set<(error: Error) => void>();
  /** What the server answers; a promise that never settles is an ack that never comes. */
  reply: (event: string, payload: unknown) => Ack<unknown> | Promise<Ack<unknown>> = () => ({
    ok: true,
    data: {},
  });

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect(): this {
    this.connects++;
    this.connected = true;
    this.active = true;
    this.fire('connect');
    // As the server does once the handshake is accepted.
    this.fire('session:ready', {
      protocolVersion: PROTOCOL_VERSION,
      roomId: ROOM,
      role: this.role,
      participant: { id: 'p1', name: 'Grace', role: this.role, color: '#336699' },
    });
    return this;
  }
  disconnect(): this {
    this.disconnects++;
    if (this.connected) this.close('io client disconnect');
    this.active = false;
    return this;
  }
  /** The connection drops under the session (not asked for by it); socket.io will retry. */
  drop(): void {
    this.close('transport close');
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  timeout(): { emitWithAck: (event: string, payload: unknown) => Promise<Ack<unknown>> } {
    return {
      emitWithAck: (event, payload) => {
        this.sent.push({ event, payload });
        return new Promise<Ack<unknown>>((resolve, reject) => {
          this.pendingAcks.add(reject);
          Promise.resolve(this.reply(event, payload)).then(resolve, reject);
        });
      },
    };
  }
  private close(reason: string): void {
    this.connected = false;
    this.fire('disconnect', reason);
    for (const reject of this.pendingAcks) reject(new Error('socket has been disconnected'));
    this.pendingAcks.clear();
  }
}

/** The browser's online/offline events, fired by hand. */
class FakeNetwork implements NetworkEvents {
  private listener: ((online: boolean) => void) | null = null;
  subscribe(onChange: (online: boolean) => void): () => void {
    this.listener = onChange;
    return () => {
      this.listener = null;
    };
  }
  go(online: boolean): void {
    this.listener?.(online);
  }
}

const never = (): Promise<Ack<unknown>> => new Promise<Ack<unknown>>(() => {});

/** A whole view, as sent on connection: with its plan. */
function privateView(notes: string): InterviewerFullFrame & { plan: PlannedQuestion[] } {
  return {
    interviewerName: 'I',
    plan: [],
    planKey: 'plan-0',
    version: 0,
    records: { q1: { notes, score: null, timeSpentMs: 0, firstShownAt: 1, ticks: [] } },
    timeline: [],
    recommendation: null,
    summary: '',
  };
}

describe('reconcileDrafts', () => {
  const draft = (text: string, status: NoteDraft['status']): NoteDraft => ({ text, status, error: null });

  it('follows the server once a draft is saved: notes and the summary', () => {
    const drafts = { 'notes:q1': draft('mine', 'saved'), summary: draft('my summary', 'saved') };
    const out = reconcileDrafts(drafts, { ...privateView('theirs'), summary: 'their summary' });
    expect(out['notes:q1']?.text).toBe('theirs');
    expect(out.summary?.text).toBe('their summary');
  });

  it('never overwrites text being typed or saved', () => {
    for (const status of ['editing', 'saving', 'queued', 'error'] as const) {
      const drafts = { 'notes:q1': draft('mine', status), summary: draft('my summary', status) };
      expect(reconcileDrafts(drafts, { ...privateView('theirs'), summary: 'theirs' })).toBe(drafts);
    }
  });
});

describe('RoomSession', () => {
  let socket: FakeSocket;
  let storage: MemoryStorage;
  let network: FakeNetwork;
  let session: RoomSession;
  const sessions: RoomSession[] = [];

  /** A session as a page load makes it: over the same storage, so an outbox survives a reload. */
  function load(): RoomSession {
    socket = new FakeSocket();
    network = new FakeNetwork();
    const created = new RoomSession({
      roomId: ROOM,
      token: 't',
      connect: () => socket as unknown as RoomSocket,
      storage,
      network,
    });
    sessions.push(created);
    return created;
  }
  const stored = () => new Outbox(ROOM, storage).list();
  const sentOps = () => socket.sent.map((m) => (m.payload as { opId?: string }).opId);

  beforeEach(() => {
    vi.useFakeTimers();
    storage = new MemoryStorage();
    session = load();
    session.start();
  });
  afterEach(() => {
    for (const created of sessions.splice(0)) created.destroy();
    vi.useRealTimers();
  });

  describe('notes', () => {
    it('debounces keystrokes into one save and reports Saved', async () => {
      session.editNotes('q1', 'a');
      session.editNotes('q1', 'ab');
      session.editNotes('q1', 'abc');
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('editing');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(socket.sent).toEqual([
        { event: 'notes:save', payload: { questionId: 'q1', notes: 'abc', opId: expect.any(String) } },
      ]);
      expect(session.getSnapshot().drafts['notes:q1']).toEqual({ text: 'abc', status: 'saved', error: null });
    });

    it('keeps every keystroke in the outbox at once, and empties it on the ack', async () => {
      session.editNotes('q1', 'typed just now');
      // Before the debounce: a reload at this instant must find the text.
      expect(stored()).toEqual([
        {
          event: 'notes:save',
          payload: { questionId: 'q1', notes: 'typed just now', opId: expect.any(String) },
        },
      ]);
      expect(session.getSnapshot().outbox).toEqual(stored());
      const opId = stored()[0]?.payload.opId;
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(sentOps()).toEqual([opId]);
      expect(stored()).toEqual([]);
      expect(session.getSnapshot().outbox).toEqual([]);
    });

    it('queues notes while offline and sends them on reconnect', async () => {
      socket.connected = false;
      session.editNotes('q1', 'offline text');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(socket.sent).toEqual([]);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('queued');
      socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toHaveLength(1);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('saved');
    });

    it('after a reload, shows the unsaved note over the server one and resends it with the same op id', async () => {
      socket.reply = never;
      session.editNotes('q1', 'in flight');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      const opId = sentOps()[0];
      expect(opId).toBeDefined();

      // The page reloads before the ack: a new session over the same storage.
      const reloaded = load();
      expect(reloaded.getSnapshot().drafts['notes:q1']).toEqual({
        text: 'in flight',
        status: 'queued',
        error: null,
      });
      reloaded.start();
      socket.fire('room:private', privateView('older server text'));
      expect(reloaded.getSnapshot().drafts['notes:q1']?.text).toBe('in flight');
      await vi.advanceTimersByTimeAsync(0);
      expect(sentOps()).toEqual([opId]);
      expect(reloaded.getSnapshot().drafts['notes:q1']).toEqual({
        text: 'in flight',
        status: 'saved',
        error: null,
      });
      expect(stored()).toEqual([]);
    });

    it('resends a write whose ack was lost to a dropped connection, with the same op id', async () => {
      socket.reply = never;
      session.editNotes('q1', 'sent, never acked');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      socket.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('queued');
      socket.reply = () => ({ ok: true, data: {} });
      socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      const [first, second] = sentOps();
      expect(second).toBe(first);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('saved');
    });

    it('resends only the latest text of a question, never an older one', async () => {
      socket.reply = never;
      session.editNotes('q1', 'old');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      socket.drop();
      session.editNotes('q1', 'old and new');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      socket.reply = () => ({ ok: true, data: {} });
      socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent.map((m) => (m.payload as { notes: string }).notes)).toEqual(['old', 'old and new']);
      expect(stored()).toEqual([]);
    });

    it('shows a rejected save as an error and stops retrying it', async () => {
      socket.reply = () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'no such question' } });
      session.editNotes('q1', 'late');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(session.getSnapshot().drafts['notes:q1']).toEqual({
        text: 'late',
        status: 'error',
        error: 'no such question',
      });
      expect(stored()).toEqual([]);
    });

    it('retries a save the server failed to store, with growing pauses', async () => {
      let answer: Ack<unknown> = { ok: false, error: { code: 'INTERNAL', message: 'try again' } };
      socket.reply = () => answer;
      session.editNotes('q1', 'retry me');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('error');
      expect(stored()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(2_000);
      expect(socket.sent).toHaveLength(2);
      answer = { ok: true, data: {} };
      await vi.advanceTimersByTimeAsync(3_999);
      expect(socket.sent).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(1);
      expect(new Set(sentOps()).size).toBe(1);
      expect(session.getSnapshot().drafts['notes:q1']?.status).toBe('saved');
      expect(stored()).toEqual([]);
    });
  });

  describe('the workflow: ticks, plan, verdict', () => {
    it('adds a tick line to the notes without losing what was typed and not yet saved', async () => {
      socket.fire('room:private', privateView('saved earlier'));
      session.editNotes('q1', 'saved earlier\nhalf a sent');
      session.appendToNotes('q1', '[1:00] ✓ Key point: k0');
      expect(session.getSnapshot().drafts['notes:q1']?.text).toBe(
        'saved earlier\nhalf a sent\n[1:00] ✓ Key point: k0',
      );
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      // One whole-value write carries both the typing and the line.
      expect(socket.sent.map((m) => (m.payload as { notes?: string }).notes)).toEqual([
        'saved earlier\nhalf a sent\n[1:00] ✓ Key point: k0',
      ]);
    });

    it('sends a tick, a plan and a recommendation at once, each with its own op id, and settles them', async () => {
      await session.tick('q1', 'keyPoint', 2, true);
      await session.setPlan([{ questionId: 'q1', budgetMinutes: 7 }]);
      await session.setRecommendation('strong-yes');
      expect(socket.sent.map((m) => m.event)).toEqual(['rubric:tick', 'plan:set', 'recommendation:set']);
      expect(new Set(sentOps()).size).toBe(3);
      expect(stored()).toEqual([]);
    });

    it('keeps them across a reload while offline and resends them with the same op ids', async () => {
      socket.connected = false;
      void session.tick('q1', 'redFlag', 0, true);
      void session.setPlan([{ questionId: 'q1', budgetMinutes: 9 }]);
      void session.setRecommendation('no');
      session.editSummary('Thorough but slow');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      const pending = stored().map((w) => w.payload.opId);
      expect(pending).toHaveLength(4);

      const reloaded = load();
      expect(reloaded.getSnapshot().drafts.summary).toEqual({
        text: 'Thorough but slow',
        status: 'queued',
        error: null,
      });
      reloaded.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(sentOps().sort()).toEqual([...pending].sort());
      expect(stored()).toEqual([]);
      expect(reloaded.getSnapshot().drafts.summary?.status).toBe('saved');
    });

    it('debounces the summary like notes', async () => {
      session.editSummary('S');
      session.editSummary('Solid');
      await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
      expect(socket.sent).toEqual([
        { event: 'summary:save', payload: { summary: 'Solid', opId: expect.any(String) } },
      ]);
    });

    it('reports a refused plan change and forgets it, so the server’s plan shows again', async () => {
      socket.reply = () => ({
        ok: false,
        error: { code: 'INVALID_TRANSITION', message: '“Q1” has been asked: its budget cannot change' },
      });
      expect(await session.setPlan([{ questionId: 'q1', budgetMinutes: 99 }])).toBe(false);
      expect(stored()).toEqual([]);
      expect(session.getSnapshot().lastError?.message).toBe(
        'The plan was not changed: “Q1” has been asked: its budget cannot change',
      );
    });

    it('previews a bank question through an acknowledged read, outside the outbox', async () => {
      socket.reply = () => ({ ok: true, data: { question: { id: 'q9', title: 'Nine' } } });
      expect(await session.previewQuestion('q9')).toEqual({
        ok: true,
        question: { id: 'q9', title: 'Nine' },
      });
      expect(socket.sent).toEqual([{ event: 'bank:question', payload: { questionId: 'q9' } }]);
      expect(stored()).toEqual([]);
    });
  });

  describe('the private view', () => {
    const withPlan = (planKey: string, version: number, ids: string[], notes = '') => ({
      ...privateView(notes),
      planKey,
      version,
      plan: ids.map((id) => plannedQuestion(id)),
    });
    const withoutPlan = (planKey: string, version: number, notes: string) => {
      const { plan: _plan, ...frame } = withPlan(planKey, version, [], notes);
      return frame;
    };
    const planIds = () => session.getSnapshot().privateView?.plan.map((q) => q.id);
    const notes = () => session.getSnapshot().privateView?.records.q1?.notes;

    it('keeps the plan it holds for a frame that leaves it out', () => {
      socket.fire('room:private', withPlan('k1', 1, ['a', 'b']));
      socket.fire('room:private', withoutPlan('k1', 2, 'new notes'));
      expect(planIds()).toEqual(['a', 'b']);
      expect(notes()).toBe('new notes');
      expect(socket.sent).toEqual([]);
    });

    it('drops a frame older than the view it shows (two instances may deliver out of order)', () => {
      socket.fire('room:private', withPlan('k1', 5, ['a'], 'newer'));
      socket.fire('room:private', withoutPlan('k1', 4, 'older'));
      socket.fire('room:private', withPlan('k0', 3, ['z'], 'oldest'));
      expect(notes()).toBe('newer');
      expect(planIds()).toEqual(['a']);
    });

    it('reads the whole view when a frame goes with a plan it does not hold (a missed frame)', async () => {
      socket.fire('room:private', withPlan('k1', 1, ['a']));
      socket.reply = (event) =>
        event === 'room:view'
          ? { ok: true, data: { view: withPlan('k2', 3, ['a', 'c'], 'fresh') } }
          : never();
      socket.fire('room:private', withoutPlan('k2', 2, 'stale'));
      // The frame is not applied over the old plan.
      expect(planIds()).toEqual(['a']);
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toEqual([{ event: 'room:view', payload: {} }]);
      expect(planIds()).toEqual(['a', 'c']);
      // The frame kept meanwhile is older than the answer: it does not take the notes back.
      expect(notes()).toBe('fresh');

      socket.fire('room:private', withoutPlan('k2', 4, 'later'));
      expect(notes()).toBe('later');
      expect(socket.sent).toHaveLength(1);
    });

    const changes = (planKey: string, version: number, notes: string) => ({
      interviewerName: 'I',
      recommendation: null,
      summary: '',
      planKey,
      version,
      changes: {
        base: version - 1,
        records: { q1: { notes, score: null, timeSpentMs: 0, firstShownAt: 1, ticks: [] } },
        timelineFrom: 0,
        timeline: [{ type: 'room-created', at: version }],
      },
    });

    it('applies a frame of changes over the version it changes, keeping the records it leaves out', () => {
      socket.fire('room:private', {
        ...withPlan('k1', 1, ['a']),
        records: {
          q1: { notes: 'old', score: null, timeSpentMs: 0, firstShownAt: 1, ticks: [] },
          q2: { notes: 'kept', score: 2, timeSpentMs: 0, firstShownAt: 1, ticks: [] },
        },
      });
      socket.fire('room:private', changes('k1', 2, 'changed'));
      expect(notes()).toBe('changed');
      expect(session.getSnapshot().privateView?.records.q2?.notes).toBe('kept');
      expect(session.getSnapshot().privateView?.timeline).toEqual([{ type: 'room-created', at: 2 }]);
      expect(planIds()).toEqual(['a']);
      // The same frame again (two instances) changes nothing and reads nothing.
      socket.fire('room:private', changes('k1', 2, 'again'));
      expect(notes()).toBe('changed');
      expect(socket.sent).toEqual([]);
    });

    it('reads the whole view for a frame of changes over a version it does not hold (a missed frame)', async () => {
      socket.fire('room:private', withPlan('k1', 1, ['a'], 'one'));
      socket.reply = (event) =>
        event === 'room:view' ? { ok: true, data: { view: withPlan('k1', 3, ['a'], 'three') } } : never();
      socket.fire('room:private', changes('k1', 3, 'missed two'));
      expect(notes()).toBe('one');
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toEqual([{ event: 'room:view', payload: {} }]);
      expect(notes()).toBe('three');
      // The kept frame is not newer than the answer: no second read.
      expect(socket.sent).toHaveLength(1);
      socket.fire('room:private', changes('k1', 4, 'four'));
      expect(notes()).toBe('four');
    });

    it('reads the whole view once for a frame that does not fit, even when the answer fails', async () => {
      socket.fire('room:private', withPlan('k1', 1, ['a'], 'one'));
      socket.reply = () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } });
      socket.fire('room:private', changes('k1', 3, 'missed two'));
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(1_000);
      // The kept frame is dropped, not read for again and again.
      expect(socket.sent).toEqual([{ event: 'room:view', payload: {} }]);
      expect(notes()).toBe('one');
      // The next frame that fits brings the view up to date.
      socket.fire('room:private', withPlan('k1', 4, ['a'], 'four'));
      expect(notes()).toBe('four');
    });

    it('applies a frame that came while the whole view was read, when it is newer than the answer', async () => {
      socket.fire('room:private', withPlan('k1', 1, ['a']));
      let answer: (ack: Ack<unknown>) => void = () => {};
      socket.reply = () => new Promise((resolve) => (answer = resolve));
      socket.fire('room:private', withoutPlan('k2', 2, 'missed plan'));
      socket.fire('room:private', withoutPlan('k2', 4, 'newest'));
      answer({ ok: true, data: { view: withPlan('k2', 3, ['a', 'c'], 'answer') } });
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toHaveLength(1);
      expect(planIds()).toEqual(['a', 'c']);
      expect(notes()).toBe('newest');
    });
  });

  describe('scores', () => {
    it('keeps an optimistic score until the server view confirms it', async () => {
      const pending = session.setScore('q1', 3);
      expect(session.getSnapshot().optimisticScores.q1).toBe(3);
      await pending;
      socket.fire('room:private', {
        ...privateView(''),
        records: { q1: { notes: '', score: 3, timeSpentMs: 0, firstShownAt: 1 } },
      });
      expect(session.getSnapshot().optimisticScores).toEqual({});
      expect(session.getSnapshot().privateView?.records.q1?.score).toBe(3);
    });

    it('keeps a score set offline, marked unsaved, and sends it once on reconnect', async () => {
      socket.drop();
      expect(await session.setScore('q1', 2)).toBe(false);
      expect(session.getSnapshot().optimisticScores.q1).toBe(2);
      expect(session.getSnapshot().lastError).toBeNull();
      expect(stored()).toEqual([
        { event: 'score:set', payload: { questionId: 'q1', score: 2, opId: expect.any(String) } },
      ]);
      socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toHaveLength(1);
      expect(stored()).toEqual([]);
    });

    it('after a reload, shows the unsaved score and resends it with the same op id', async () => {
      socket.reply = never;
      void session.setScore('q1', 4);
      const opId = sentOps()[0];
      const reloaded = load();
      expect(reloaded.getSnapshot().optimisticScores).toEqual({ q1: 4 });
      reloaded.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(sentOps()).toEqual([opId]);
      expect(stored()).toEqual([]);
    });

    it('never sends the outbox from a candidate tab of the same room', async () => {
      socket.reply = never;
      void session.setScore('q1', 4);
      const reloaded = load();
      socket.role = 'candidate';
      reloaded.start();
      await vi.advanceTimersByTimeAsync(0);
      expect(socket.sent).toEqual([]);
      expect(stored()).toHaveLength(1);
    });

    it('reports a refused score and forgets it', async () => {
      socket.reply = () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'interviewers only' } });
      expect(await session.setScore('q1', 1)).toBe(false);
      expect(session.getSnapshot().optimisticScores).toEqual({});
      expect(session.getSnapshot().lastError?.message).toBe('Score not saved: interviewers only');
      expect(stored()).toEqual([]);
    });
  });

  describe('connection', () => {
    it('marks a rejected handshake as final', () => {
      socket.fire('connect_error', new Error('UNAUTHORIZED'));
      expect(session.getSnapshot().connection).toEqual({
        state: 'rejected',
        code: 'UNAUTHORIZED',
        message: 'UNAUTHORIZED',
      });
    });

    it('drops a connection the browser says is offline, and reconnects at once when it is back', () => {
      expect(socket.connects).toBe(1);
      network.go(false);
      // A dead WebSocket can look open for minutes: start over rather than trust it.
      expect(socket.disconnects).toBe(1);
      expect(socket.connects).toBe(2);
      socket.drop();
      expect(session.getSnapshot().connection.state).toBe('reconnecting');
      network.go(true);
      expect(socket.connects).toBe(3);
      expect(session.getSnapshot().connection.state).toBe('connected');
      network.go(true);
      expect(socket.connects).toBe(3);
    });
  });
});
