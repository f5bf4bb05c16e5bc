import { RegenerateLinksResponseSchema, type Role } from '@interview-room/protocol';
import { describe, expect, it, onTestFinished } from 'vitest';
import WebSocket from 'ws';
import type { RoomStore } from '../src/store/types.ts';
import {
  connect,
  connectError,
  connectYjs,
  createRoom,
  opId,
  type RecordingSocket,
  startServer,
  synced,
  upgradeStatus,
  waitFor,
  type YjsClient,
} from './harness.ts';
import { makeStore } from './stores.ts';

const UNAUTHORIZED_CLOSE = 4401;

function regenerate(url: string, roomId: string, token: string | null, body: unknown): Promise<Response> {
  return fetch(`${url}/api/rooms/${roomId}/links`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

async function regenerated(url: string, roomId: string, token: string, roles: Role[]) {
  const res = await regenerate(url, roomId, token, { roles });
  expect(res.status).toBe(200);
  return RegenerateLinksResponseSchema.parse(await res.json());
}

/** Why the server ended this socket, once it has. */
function disconnectReason(client: RecordingSocket): () => string | undefined {
  let reason: string | undefined;
  client.socket.on('disconnect', (why) => {
    reason = why;
  });
  return () => reason;
}

/** The close codes an editor's connection got from the server. */
function closeCodes(client: YjsClient): number[] {
  const codes: number[] = [];
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code);
  });
  return codes;
}

const yjsUrl = (url: string, roomId: string, token: string) =>
  `${url.replace(/^http/, 'ws')}/yjs/${roomId}?token=${token}`;

/**
 * A real store whose next room read, once armed, is held after it has read: a connection that
 * authenticated just before a revocation, and is still being set up when it happens.
 */
function holdingStore(inner: RoomStore) {
  let armed: { onHeld: () => void; gate: Promise<void> } | null = null;
  const store = new Proxy(inner, {
    get(target, key) {
      if (key === 'getRoom') {
        return async (id: string) => {
          const record = await target.getRoom(id);
          const hold = armed;
          armed = null;
          if (hold) {
            hold.onHeld();
            await hold.gate;
          }
          return record;
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    store,
    /** Arms the hold; `held` resolves once a read is held, `release` lets it go. */
    hold() {
      let release = () => {};
      let onHeld = () => {};
      const held = new Promise<void>((resolve) => {
        onHeld = resolve;
      });
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      armed = { onHeld, gate };
      return { held, release };
    },
  };
}

describe('regenerating links revokes the old ones', () => {
  it('closes the old candidate link’s sockets and editors on every instance, and it cannot come back', async () => {
    const a = await startServer({ kind: 'redis', scaleOut: true });
    const b = await startServer({ kind: 'redis', scaleOut: true });
    const room = await createRoom(a.url);
    const interviewer = connect(a.url, { roomId: room.id, token: room.interviewer.token });
    const candidateOnA = connect(a.url, { roomId: room.id, token: room.candidate.token });
    const candidateOnB = connect(b.url, { roomId: room.id, token: room.candidate.token });
    await Promise.all([interviewer, candidateOnA, candidateOnB].map((c) => c.next('session:ready')));
    const reasons = [candidateOnA, candidateOnB].map(disconnectReason);
    const interviewerReason = disconnectReason(interviewer);
    const codeOnA = connectYjs(a.url, room.id, room.candidate.token);
    const codeOnB = connectYjs(b.url, room.id, room.candidate.token);
    const interviewerCode = connectYjs(b.url, room.id, room.interviewer.token);
    await Promise.all([codeOnA, codeOnB, interviewerCode].map(synced));
    const closes = [codeOnA, codeOnB].map(closeCodes);
    const interviewerCloses = closeCodes(interviewerCode);

    const links = await regenerated(a.url, room.id, room.interviewer.token, ['candidate']);
    expect(links.id).toBe(room.id);
    expect(links.interviewer).toBeUndefined();
    const fresh = links.candidate?.token ?? '';
    expect(fresh).not.toBe(room.candidate.token);
    expect(links.candidate?.url).toBe(`${a.url}/room/${room.id}#token=${fresh}`);

    // Live connections of the old token go, on both instances: sockets and editors.
    for (const reason of reasons)
      await waitFor(() => (reason() === 'io server disconnect' ? true : undefined), 'socket disconnect');
    for (const codes of closes)
      await waitFor(() => (codes.includes(UNAUTHORIZED_CLOSE) ? true : undefined), 'editor closed with 4401');

    // And they cannot come back: the handshake and the upgrade refuse the old token everywhere.
    for (const server of [a, b]) {
      const refused = await connectError(server.url, { roomId: room.id, token: room.candidate.token });
      expect(refused.message).toBe('UNAUTHORIZED');
      expect(await upgradeStatus(yjsUrl(server.url, room.id, room.candidate.token))).toBe(401);
    }

    // The interviewer was not touched; the new candidate link works.
    expect(interviewerReason()).toBeUndefined();
    expect(interviewer.socket.connected).toBe(true);
    expect(interviewerCloses).toEqual([]);
    const again = connect(b.url, { roomId: room.id, token: fresh });
    expect((await again.next('session:ready')).role).toBe('candidate');
    await synced(connectYjs(a.url, room.id, fresh));
  });

  it('regenerating the interviewer link revokes the old interviewer token for the API too', async () => {
    const { url } = await startServer({ kind: 'redis' });
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await Promise.all([interviewer.next('session:ready'), candidate.next('session:ready')]);
    const interviewerReason = disconnectReason(interviewer);

    const links = await regenerated(url, room.id, room.interviewer.token, ['interviewer']);
    expect(links.candidate).toBeUndefined();
    const fresh = links.interviewer?.token ?? '';
    await waitFor(() => (interviewerReason() === 'io server disconnect' ? true : undefined), 'disconnect');
    expect(candidate.socket.connected).toBe(true);

    const exportWith = (token: string) =>
      fetch(`${url}/api/rooms/${room.id}/export`, { headers: { authorization: `Bearer ${token}` } });
    expect((await exportWith(room.interviewer.token)).status).toBe(401);
    expect((await regenerate(url, room.id, room.interviewer.token, { roles: ['candidate'] })).status).toBe(
      401,
    );
    expect((await exportWith(fresh)).status).toBe(200);

    // Both at once: every old token stops, the new ones work.
    const both = await regenerated(url, room.id, fresh, ['candidate', 'interviewer']);
    expect((await exportWith(fresh)).status).toBe(401);
    expect((await exportWith(both.interviewer?.token ?? '')).status).toBe(200);
    expect((await connectError(url, { roomId: room.id, token: room.candidate.token })).message).toBe(
      'UNAUTHORIZED',
    );
  });

  it('is for interviewers only, and validates its body', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const other = await createRoom(url);
    const roles = { roles: ['candidate'] };
    expect((await regenerate(url, room.id, null, roles)).status).toBe(401);
    expect((await regenerate(url, room.id, other.interviewer.token, roles)).status).toBe(401);
    expect((await regenerate(url, room.id, room.candidate.token, roles)).status).toBe(403);
    expect((await regenerate(url, 'A'.repeat(22), room.interviewer.token, roles)).status).toBe(404);
    for (const body of [{}, { roles: [] }, { roles: ['observer'] }, { roles: ['candidate', 'candidate'] }]) {
      const res = await regenerate(url, room.id, room.interviewer.token, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    }
    // None of the refused requests changed anything.
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    expect((await candidate.next('session:ready')).role).toBe('candidate');
  });

  it('a dropped connection cannot resume its session after its token is revoked (no state recovery)', async () => {
    // The in-memory adapter supports connection-state recovery, should anyone turn it on.
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    // A broadcast received: what a recovering client would resume from.
    await candidate.next('presence:update', (list) => list.length === 2);
    const mark = interviewer.received.length;
    candidate.socket.io.engine.close();
    // Gone on the server's side too (where a recoverable session would now be kept), before the revocation.
    await waitFor(
      () =>
        interviewer.received
          .slice(mark)
          .some((e) => e.event === 'presence:update' && Array.isArray(e.payload) && e.payload.length === 1)
          ? true
          : undefined,
      'the candidate gone from presence',
    );

    await regenerated(url, room.id, room.interviewer.token, ['candidate']);
    const outcome = new Promise<string>((resolve) => {
      candidate.socket.once('connect', () => resolve('connected'));
      candidate.socket.once('connect_error', (error) => resolve(error.message));
    });
    candidate.socket.connect();
    expect(await outcome).toBe('UNAUTHORIZED');
  });

  it('a connection authenticated just before the revocation, and set up just after, is closed too', async () => {
    const inner = await makeStore('redis');
    const holding = holdingStore(inner);
    const a = await startServer({ store: holding.store, scaleOut: true });
    const b = await startServer({ kind: 'redis', scaleOut: true });
    const room = await createRoom(b.url);

    // Socket.io: the handshake has read the old hashes; the revocation lands before it connects.
    const probe = connect(a.url, { roomId: room.id, token: room.candidate.token });
    // Settled: its join is on the stored timeline (read past the hold), so the next room read on A
    // is the held socket's handshake, not the probe's.
    const joinStored = async () =>
      (await inner.getRoom(room.id))?.state.timeline.some(
        (e) => e.type === 'participant-joined' && e.role === 'candidate',
      ) ?? false;
    for (const deadline = Date.now() + 5_000; !(await joinStored()); ) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the probe’s join stored');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const probeReason = disconnectReason(probe);
    const socketHold = holding.hold();
    const late = connect(a.url, { roomId: room.id, token: room.candidate.token });
    const lateReason = disconnectReason(late);
    await socketHold.held;
    const first = await regenerated(b.url, room.id, room.interviewer.token, ['candidate']);
    // A has acted on the revocation (it crossed over from B): too early for the held socket.
    await waitFor(() => (probeReason() === 'io server disconnect' ? true : undefined), 'probe disconnected');
    socketHold.release();
    await waitFor(
      () => (lateReason() === 'io server disconnect' ? true : undefined),
      'late socket disconnected',
    );
    expect(late.received.map((e) => e.event)).toEqual([]);

    // Yjs: the same, for an editor whose upgrade was accepted with the token just revoked.
    const token = first.candidate?.token ?? '';
    const yjsHold = holding.hold();
    const raw = new WebSocket(yjsUrl(a.url, room.id, token));
    onTestFinished(() => raw.terminate());
    const frames: Buffer[] = [];
    raw.on('message', (data: Buffer) => frames.push(data));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    await yjsHold.held;
    await regenerated(b.url, room.id, room.interviewer.token, ['candidate']);
    yjsHold.release();
    expect(await closed).toBe(UNAUTHORIZED_CLOSE);
    expect(frames).toEqual([]);
  });

  it('tells interviewers the room’s new version, so the next change still applies over their view', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const before = await interviewer.nextView((v) => v.timeline.some((e) => e.type === 'participant-joined'));
    await regenerated(url, room.id, room.interviewer.token, ['candidate']);
    // The links are not in the view, so nothing in it changes but its version.
    const moved = await interviewer.nextView((v) => v.version === before.version + 1);
    expect(moved.records).toEqual(before.records);
    const questionId = Object.keys(before.records)[0] ?? '';
    await interviewer.send('notes:save', { questionId, notes: 'after new links', opId: opId() });
    // Applied as a frame of changes over the version the interviewer holds, without a reread.
    await interviewer.nextView((v) => v.records[questionId]?.notes === 'after new links');
    expect(interviewer.received.filter((e) => e.event === 'room:private').at(-1)?.payload).toHaveProperty(
      'changes',
    );
  });
});
