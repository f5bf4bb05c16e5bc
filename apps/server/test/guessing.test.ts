import { randomBytes } from 'node:crypto';
import { connect as tcpConnect } from 'node:net';
import { type ClientEventName, type ClientPayload, INTERVIEWER_ONLY_EVENTS } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { connect, connectYjs, createRoom, opId, startServer, synced } from './harness.ts';

const [first, second] = defaultBank.all();
if (!first || !second) throw new Error('the bank needs two questions');

/** A payload each event accepts, so a refusal can only be about who sends it. */
const validPayloads: { [E in ClientEventName]: () => ClientPayload<E> } = {
  'question:next': () => ({}),
  'question:goto': () => ({ index: 0 }),
  'interview:end': () => ({}),
  'notes:save': () => ({ questionId: first.id, notes: 'written by the candidate', opId: opId() }),
  'score:set': () => ({ questionId: first.id, score: 4, opId: opId() }),
  // Keeps the two questions the test shows, where they are; drops the rest.
  'plan:set': () => ({
    items: [
      { questionId: first.id, budgetMinutes: 7 },
      { questionId: second.id, budgetMinutes: second.durationMinutes },
    ],
    opId: opId(),
  }),
  'rubric:tick': () => ({ questionId: first.id, kind: 'keyPoint', index: 0, ticked: true, opId: opId() }),
  'recommendation:set': () => ({ recommendation: 'strong-yes', opId: opId() }),
  'summary:save': () => ({ summary: 'written by the candidate', opId: opId() }),
  'bank:question': () => ({ questionId: first.id }),
  'room:view': () => ({}),
};

/**
 * Everything the server writes back to a raw WebSocket upgrade request, until it closes the
 * connection (or `enough` says to stop). Plain TCP, so nothing is parsed away: a 101, a frame or
 * a body would all show.
 */
function rawUpgrade(
  url: string,
  path: string,
  headers: Record<string, string> = {},
  // An accepted upgrade is never closed by the server while we stay silent: stop at its 101.
  enough: (received: Buffer) => boolean = (received) =>
    received.toString('latin1').startsWith('HTTP/1.1 101') && received.includes('\r\n\r\n'),
): Promise<Buffer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tcpConnect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (enough(Buffer.concat(chunks))) socket.destroy();
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks)));
    socket.on('connect', () => {
      const lines = [
        `GET ${path} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
      ];
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
  });
}

describe('joining by guessing', () => {
  it('a candidate token gets FORBIDDEN on every interviewer-only event, and nothing changes', async () => {
    const { url, store } = await startServer({ kind: 'redis' });
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await candidate.next('session:ready');
    // Live, so that each event would change something if it were allowed.
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    // And settled: the joins are on the timeline (they are written after session:ready).
    await interviewer.nextView((view) =>
      ['interviewer', 'candidate'].every((role) =>
        view.timeline.some((e) => e.type === 'participant-joined' && e.role === role),
      ),
    );
    const before = await store.getRoom(room.id);
    const privateViews = interviewer.received.filter((e) => e.event === 'room:private').length;

    expect([...INTERVIEWER_ONLY_EVENTS].sort()).toEqual(Object.keys(validPayloads).sort());
    for (const event of INTERVIEWER_ONLY_EVENTS) {
      const send = candidate.send as (e: ClientEventName, p: unknown) => Promise<unknown>;
      expect(await send(event, validPayloads[event]()), event).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }

    // Stored room unchanged (not even its version), and no one was told of a change.
    expect(await store.getRoom(room.id)).toEqual(before);
    expect(interviewer.received.filter((e) => e.event === 'room:private')).toHaveLength(privateViews);
    // The same payloads are accepted from the interviewer: the refusals were about the role.
    // The end goes last: after it, the plan can no longer change.
    const lastEnd = [...INTERVIEWER_ONLY_EVENTS].sort(
      (a, b) => Number(a === 'interview:end') - Number(b === 'interview:end'),
    );
    for (const event of lastEnd) {
      const send = interviewer.send as (e: ClientEventName, p: unknown) => Promise<unknown>;
      expect(await send(event, validPayloads[event]()), event).toMatchObject({ ok: true });
    }
  });

  it('a refused Yjs upgrade gets a status line and nothing else: no 101, no frame, no byte of a document', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const other = await createRoom(url);
    const secret = `DOC-CANARY-${randomBytes(6).toString('hex')}`;
    const writer = connectYjs(url, room.id, room.interviewer.token);
    await synced(writer);
    writer.text(first.id).insert(0, secret);

    const refusals: [path: string, headers: Record<string, string>, status: string][] = [
      [`/yjs/${room.id}`, {}, '401 Unauthorized'],
      [`/yjs/${room.id}?token=${'A'.repeat(43)}`, {}, '401 Unauthorized'],
      [`/yjs/${room.id}?token=${other.interviewer.token}`, {}, '401 Unauthorized'],
      [`/yjs/${room.id}?token=not-a-token`, {}, '401 Unauthorized'],
      [`/yjs/${'A'.repeat(22)}?token=${room.candidate.token}`, {}, '404 Not Found'],
      [`/yjs/${room.id}?token=${room.candidate.token}`, { Origin: 'https://evil.example' }, '403 Forbidden'],
    ];
    for (const [path, headers, status] of refusals) {
      const answer = (await rawUpgrade(url, path, headers)).toString('latin1');
      const [head = '', body] = answer.split('\r\n\r\n');
      expect(head.split('\r\n')[0], path).toBe(`HTTP/1.1 ${status}`);
      expect(head, path).not.toContain('101');
      expect(head.toLowerCase(), path).not.toContain('sec-websocket-accept');
      expect(body, path).toBe('');
      expect(answer, path).not.toContain(secret);
    }

    // Control: the same capture of an accepted upgrade shows the 101 and the frames that follow.
    const headEnd = (received: Buffer) => received.indexOf('\r\n\r\n');
    const accepted = await rawUpgrade(
      url,
      `/yjs/${room.id}?token=${room.candidate.token}`,
      {},
      (received) => {
        const end = headEnd(received);
        return end >= 0 && received.length > end + 4;
      },
    );
    expect(accepted.toString('latin1')).toMatch(/^HTTP\/1\.1 101 /);
    expect(accepted.length).toBeGreaterThan(headEnd(accepted) + 4);
  });
});
