import { randomBytes } from 'node:crypto';
import { codeTextKey, LIMITS, YjsCloseCode } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  type ClientSocket,
  connect,
  connectYjs,
  createRoom,
  opId,
  startServer,
  synced,
  upgradeStatus,
  waitFor,
  type YjsClient,
} from './harness.ts';
import { ServerProcess } from './processes.ts';
import { insertionUpdate, openRawYjs, syncUpdateMessage, within } from './rawClients.ts';

const MiB = 1024 * 1024;
const firstQuestion = defaultBank.all()[0]?.id ?? 'missing';

/** Two editors of one room that must keep syncing whatever happens elsewhere. */
async function bystanders(url: string) {
  const room = await createRoom(url);
  const writer = connectYjs(url, room.id, room.interviewer.token);
  const reader = connectYjs(url, room.id, room.candidate.token);
  await Promise.all([synced(writer), synced(reader)]);
  let edits = 0;
  return {
    room,
    /** Makes an edit and waits until the other editor has it. */
    async stillSync(): Promise<void> {
      const mark = `edit-${++edits};`;
      writer.text('probe').insert(0, mark);
      await waitFor(() => (reader.text('probe').toString().startsWith(mark) ? true : undefined), mark);
    },
  };
}

const sendAny = (client: { send: unknown }) =>
  client.send as (event: string, payload: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;

describe('oversized input', () => {
  it('closes a Socket.io connection whose message is twice the limit; the others go on', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const big = connect(url, { roomId: room.id, token: room.interviewer.token });
    const calm = connect(url, { roomId: room.id, token: room.interviewer.token });
    await Promise.all([big.next('session:ready'), calm.next('session:ready')]);
    const reason = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
    // Without an ack: the server never gets to answer it.
    (big.socket as unknown as { emit(event: string, payload: unknown): void }).emit('notes:save', {
      questionId: firstQuestion,
      notes: 'x'.repeat(2 * LIMITS.socketPayloadBytes),
      opId: opId(),
    });
    // engine.io's WebSocket refuses the frame (1009) before reading it; the client sees it close.
    expect(await within(reason, 5_000, 'the oversized socket to be closed')).toBe('transport close');
    expect(await calm.send('question:next', {})).toEqual({ ok: true, data: { currentIndex: 0 } });
  });

  it('closes each Yjs frame twice the limit with 1009, memory stays flat and other rooms keep syncing', async () => {
    const { url } = await startServer();
    const attacked = await createRoom(url);
    const others = await bystanders(url);
    // A valid update, so that a server which read it would also apply and keep it.
    const frame = syncUpdateMessage(
      insertionUpdate(codeTextKey('flood'), 'x'.repeat(2 * LIMITS.yjsMessageBytes)),
    );
    expect(frame.byteLength).toBeGreaterThan(2 * LIMITS.yjsMessageBytes);

    const attack = async () => {
      const raw = await openRawYjs(url, attacked.id, attacked.candidate.token);
      raw.ws.send(frame);
      return (await within(raw.closed, 5_000, 'the oversized frame to close its connection')).code;
    };
    // The first round loads the room's doc and warms buffers: measure from after it.
    expect(await attack()).toBe(1009);
    const before = process.memoryUsage();
    for (let i = 1; i < 50; i++) {
      expect(await attack()).toBe(1009);
      if (i % 10 === 0) await others.stillSync();
    }
    const after = process.memoryUsage();
    const grownMb = (key: 'heapUsed' | 'rss') => (after[key] - before[key]) / MiB;
    // 49 frames of 2 MiB read and kept would be ~100 MB (twice that once applied). The client's own
    // copies of the frames live in this process too, hence the generous bounds.
    expect(grownMb('heapUsed')).toBeLessThan(50);
    expect(grownMb('rss')).toBeLessThan(100);
    await others.stillSync();
    const reader = connectYjs(url, attacked.id, attacked.interviewer.token);
    await synced(reader);
    expect(reader.text('flood').length).toBe(0);
  });

  it('refuses an update that would grow the code past its limit with 4413, and keeps the doc as it was', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const others = await bystanders(url);
    const watcher = connectYjs(url, room.id, room.interviewer.token);
    await synced(watcher);
    const chunk = 'x'.repeat(Math.floor(LIMITS.yjsDocBytes / 2.5));
    const raw = await openRawYjs(url, room.id, room.candidate.token);
    raw.ws.send(syncUpdateMessage(insertionUpdate(codeTextKey('a'), chunk)));
    raw.ws.send(syncUpdateMessage(insertionUpdate(codeTextKey('b'), chunk)));
    const has = (client: YjsClient, key: string) =>
      client.text(key).length === chunk.length ? true : undefined;
    await waitFor(() => has(watcher, 'a') && has(watcher, 'b'), 'two chunks under the limit', 10_000);

    // A third would pass the limit: refused, the connection closed, and anything after it dropped.
    raw.ws.send(syncUpdateMessage(insertionUpdate(codeTextKey('c'), chunk)));
    raw.ws.send(syncUpdateMessage(insertionUpdate(codeTextKey('d'), 'after the refusal')));
    expect(await within(raw.closed, 5_000, 'the refusal')).toEqual({
      code: YjsCloseCode.TooLarge,
      reason: 'document too large',
    });

    const fresh = connectYjs(url, room.id, room.interviewer.token);
    await synced(fresh);
    expect(fresh.text('a').length).toBe(chunk.length);
    expect(fresh.text('c').length).toBe(0);
    expect(fresh.text('d').length).toBe(0);
    expect(watcher.text('c').length).toBe(0);
    // Small edits still fit: the room goes on.
    watcher.text('a').insert(0, 'still editable ');
    await waitFor(() => (fresh.text('a').toString().startsWith('still editable') ? true : undefined), 'edit');
    await others.stillSync();
  });
});

describe('flooding', () => {
  it('answers Socket.io events over the rate RATE_LIMITED, then disconnects a socket that keeps on', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const flooder = connect(url, { roomId: room.id, token: room.interviewer.token });
    const calm = connect(url, { roomId: room.id, token: room.interviewer.token });
    await Promise.all([flooder.next('session:ready'), calm.next('session:ready')]);
    const send = sendAny(flooder);
    // Invalid payloads: each costs the server a parse, never a store write.
    const burst = await Promise.all(Array.from({ length: 50 }, () => send('question:goto', { index: -1 })));
    const codes = burst.map((ack) => ack.error?.code);
    expect(codes.filter((code) => code === 'BAD_REQUEST').length).toBeGreaterThanOrEqual(
      LIMITS.socketEventBurst,
    );
    expect(codes).toContain('RATE_LIMITED');
    expect(flooder.socket.connected).toBe(true);

    const reason = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
    const flood = await Promise.allSettled(
      Array.from({ length: 100 }, () => send('question:goto', { index: -1 })),
    );
    expect(await within(reason, 5_000, 'the flooding socket to be disconnected')).toBe(
      'io server disconnect',
    );
    expect(flood.some((result) => result.status === 'rejected')).toBe(true);
    // The room, and another socket of the same person, are unaffected.
    expect(await calm.send('question:next', {})).toEqual({ ok: true, data: { currentIndex: 0 } });
  });

  it('never applies a write it answered RATE_LIMITED', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await interviewer.next('session:ready');
    // Every applied score write adds its own timeline event: one refused and run anyway would show.
    const count = LIMITS.socketEventBurst + 10;
    const acks = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        interviewer.send('score:set', { questionId: firstQuestion, score: i % 2 ? 2 : 3, opId: opId() }),
      ),
    );
    const acknowledged = acks.filter((ack) => ack.ok).length;
    expect(acks.filter((ack) => !ack.ok && ack.error.code === 'RATE_LIMITED').length).toBeGreaterThan(0);

    const fresh = connect(url, { roomId: room.id, token: room.interviewer.token });
    const view = await fresh.nextView((v) => v.plan !== undefined);
    expect(view.timeline.filter((event) => event.type === 'score-set')).toHaveLength(acknowledged);
  });

  it('closes a Yjs connection over the message rate, or the byte rate, with 4429', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const writer = connectYjs(url, room.id, room.interviewer.token);
    const reader = connectYjs(url, room.id, room.candidate.token);
    await Promise.all([synced(writer), synced(reader)]);

    const chatty = await openRawYjs(url, room.id, room.candidate.token);
    // An empty update: valid, and applying it changes nothing.
    const empty = syncUpdateMessage(insertionUpdate(codeTextKey('x'), '').subarray(0));
    for (let i = 0; i < 2 * LIMITS.yjsMessageBurst; i++) chatty.ws.send(empty);
    expect(await within(chatty.closed, 5_000, 'the message-rate close')).toEqual({
      code: YjsCloseCode.RateLimited,
      reason: 'rate limited',
    });

    const heavy = await openRawYjs(url, room.id, room.candidate.token);
    // An awareness query padded to ~1 MiB: valid (the rest is ignored), and heavy.
    const padded = new Uint8Array(LIMITS.yjsMessageBytes - 16);
    padded[0] = 3;
    for (let i = 0; i < LIMITS.yjsByteBurst / padded.byteLength + 2; i++) heavy.ws.send(padded);
    expect((await within(heavy.closed, 5_000, 'the byte-rate close')).code).toBe(YjsCloseCode.RateLimited);

    writer.text('q').insert(0, 'unaffected');
    await waitFor(() => (reader.text('q').toString() === 'unaffected' ? true : undefined), 'sync');
  });

  it('cuts off an address that keeps failing handshakes, on both endpoints, before any token check', async () => {
    // A refill slower than the test's own pace, so the count is exact; the burst is production's.
    const { url } = await startServer({ limits: { handshakeFailureWindowMs: 10 * 60_000 } });
    const room = await createRoom(url);
    const ws = url.replace(/^http/, 'ws');
    // The test's loopback peer is a trusted proxy, so X-Forwarded-For names the client.
    const attacker = { 'x-forwarded-for': '203.0.113.66' };
    const neighbour = { 'x-forwarded-for': '198.51.100.7' };
    const guess = () => randomBytes(32).toString('base64url');
    const half = LIMITS.handshakeFailuresPerWindow / 2;

    for (let i = 0; i < half; i++) {
      expect((await handshake(url, { roomId: room.id, token: guess() }, attacker)).error).toBe(
        'UNAUTHORIZED',
      );
    }
    for (let i = 0; i < half; i++) {
      expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${guess()}`, attacker)).toBe(401);
    }
    // Spent: now even the right token is refused from there, on either endpoint.
    expect((await handshake(url, { roomId: room.id, token: room.interviewer.token }, attacker)).error).toBe(
      'RATE_LIMITED',
    );
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${room.candidate.token}`, attacker)).toBe(429);

    // Another address is untouched, and its successful handshakes cost nothing however many.
    expect((await handshake(url, { roomId: room.id, token: guess() }, neighbour)).error).toBe('UNAUTHORIZED');
    for (let i = 0; i < LIMITS.handshakeFailuresPerWindow + 5; i++) {
      expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${room.candidate.token}`, neighbour)).toBe(101);
    }
    expect((await handshake(url, { roomId: room.id, token: room.interviewer.token }, neighbour)).error).toBe(
      undefined,
    );
  });
});

describe('the real process', () => {
  it('survives an oversized frame, Yjs garbage and a malformed upgrade; SERVER_LIMITS applies', async () => {
    const server = await ServerProcess.start({
      REDIS_URL: '',
      SERVER_LIMITS: JSON.stringify({ handshakeFailuresPerWindow: 3, handshakeFailureWindowMs: 600_000 }),
    });
    const { url } = server;
    const room = await createRoom(url);
    const healthy = async () => (await fetch(`${url}/healthz`)).status;

    // ws reports an oversized frame as an error event: unhandled, it would end the process.
    const big = await openRawYjs(url, room.id, room.candidate.token);
    big.ws.send(new Uint8Array(2 * LIMITS.yjsMessageBytes));
    expect((await within(big.closed, 5_000, 'the oversized frame close')).code).toBe(1009);
    const garbage = await openRawYjs(url, room.id, room.candidate.token);
    garbage.ws.send(Uint8Array.of(0, 9, 255, 255, 255));
    expect((await within(garbage.closed, 5_000, 'the garbage close')).code).toBe(1003);
    // A malformed escape in the room id: answered, not left hanging nor thrown.
    const ws = url.replace(/^http/, 'ws');
    expect(await upgradeStatus(`${ws}/yjs/%E0%A4%A?token=${room.candidate.token}`)).toBe(404);
    expect(await healthy()).toBe(200);

    // The limits from the environment: with the 404 above, three failures spend the allowance.
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${'x'.repeat(43)}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/yjs/${'A'.repeat(22)}?token=${'x'.repeat(43)}`)).toBe(404);
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${room.candidate.token}`)).toBe(429);
    expect(await healthy()).toBe(200);
  });
});

/** A Socket.io handshake with extra headers: the connect_error message, or undefined if accepted. */
function handshake(
  url: string,
  auth: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ error: string | undefined }> {
  const socket: ClientSocket = io(url, {
    auth,
    extraHeaders: headers,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve({ error: undefined });
    });
    socket.once('connect_error', (error) => resolve({ error: error.message }));
  });
}
