import type { Ack, InterviewerView } from '@interview-room/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NoteDraft, RoomSocket } from './roomSession.ts';
import { NOTES_DEBOUNCE_MS, RoomSession, reconcileDrafts } from './roomSession.ts';

type Handler = (...args: unknown[]) => void;

/** Just enough of a Socket.io client socket to drive a RoomSession. */
class FakeSocket {
  connected = false;
  active = false;
  readonly handlers = new Map<string, Handler[]>();
  readonly sent: { event: string; payload: unknown }[] = [];
  reply: (event: string, payload: unknown) => Ack<unknown> = () => ({ ok: true, data: {} });

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }
  connect(): this {
    this.connected = true;
    this.active = true;
    this.fire('connect');
    return this;
  }
  disconnect(): this {
    this.connected = false;
    this.active = false;
    return this;
  }
  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }
  timeout(): { emitWithAck: (event: string, payload: unknown) => Promise<Ack<unknown>> } {
    return {
      emitWithAck: async (event, payload) => {
        this.sent.push({ event, payload });
        return this.reply(event, payload);
      },
    };
  }
}

function privateView(notes: string): InterviewerView {
  return {
    interviewerName: 'I',
    plan: [],
    records: { q1: { notes, score: null, timeSpentMs: 0, firstShownAt: 1 } },
    timeline: [],
  };
}

describe('reconcileDrafts', () => {
  const draft = (text: string, status: NoteDraft['status']): NoteDraft => ({ text, status, error: null });

  it('follows the server once a draft is saved', () => {
    const out = reconcileDrafts({ q1: draft('mine', 'saved') }, privateView('theirs').records);
    expect(out.q1?.text).toBe('theirs');
  });

  it('never overwrites text being typed or saved', () => {
    for (const status of ['editing', 'saving', 'queued', 'error'] as const) {
      const drafts = { q1: draft('mine', status) };
      expect(reconcileDrafts(drafts, privateView('theirs').records)).toBe(drafts);
    }
  });
});

describe('RoomSession notes', () => {
  let socket: FakeSocket;
  let session: RoomSession;

  beforeEach(() => {
    vi.useFakeTimers();
    socket = new FakeSocket();
    session = new RoomSession({ roomId: 'r', token: 't', connect: () => socket as unknown as RoomSocket });
    session.start();
  });
  afterEach(() => {
    session.destroy();
    vi.useRealTimers();
  });

  it('debounces keystrokes into one save and reports Saved', async () => {
    session.editNotes('q1', 'a');
    session.editNotes('q1', 'ab');
    session.editNotes('q1', 'abc');
    expect(session.getSnapshot().drafts.q1?.status).toBe('editing');
    await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
    expect(socket.sent).toEqual([{ event: 'notes:save', payload: { questionId: 'q1', notes: 'abc' } }]);
    expect(session.getSnapshot().drafts.q1).toEqual({ text: 'abc', status: 'saved', error: null });
  });

  it('queues notes while offline and sends them on reconnect', async () => {
    socket.connected = false;
    session.editNotes('q1', 'offline text');
    await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
    expect(socket.sent).toEqual([]);
    expect(session.getSnapshot().drafts.q1?.status).toBe('queued');
    socket.connect();
    await vi.advanceTimersByTimeAsync(0);
    expect(socket.sent).toHaveLength(1);
    expect(session.getSnapshot().drafts.q1?.status).toBe('saved');
  });

  it('shows a rejected save as an error', async () => {
    socket.reply = () => ({ ok: false, error: { code: 'ROOM_ENDED', message: 'the interview has ended' } });
    session.editNotes('q1', 'late');
    await vi.advanceTimersByTimeAsync(NOTES_DEBOUNCE_MS);
    expect(session.getSnapshot().drafts.q1).toEqual({
      text: 'late',
      status: 'error',
      error: 'the interview has ended',
    });
  });

  it('marks a rejected handshake as final', () => {
    socket.fire('connect_error', new Error('UNAUTHORIZED'));
    expect(session.getSnapshot().connection).toEqual({
      state: 'rejected',
      code: 'UNAUTHORIZED',
      message: 'UNAUTHORIZED',
    });
  });

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
});
