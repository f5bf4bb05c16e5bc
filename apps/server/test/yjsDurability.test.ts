import { codeTextKey } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { createClient } from 'redis';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { CLOSE_ROOM_DELETED } from '../src/yjs/yjsServer.ts';
import { FaultyDocLog } from './docLogs.ts';
import { connect, connectYjs, createRoom, startServer, synced, waitFor, type YjsClient } from './harness.ts';
import { makeDocLog } from './stores.ts';

const firstQuestion = defaultBank.all()[0];
if (!firstQuestion) throw new Error('the bank needs a question');
const question = firstQuestion;
const until = (check: () => boolean, what: string, timeoutMs?: number) =>
  waitFor(() => (check() ? true : undefined), what, timeoutMs);

/** Appends `count` markers at the end of the question's text, yielding between them. */
async function typeMarkers(client: YjsClient, prefix: string, count: number): Promise<string[]> {
  const typed: string[] = [];
  for (let i = 0; i < count; i++) {
    const marker = `[${prefix}${i}]`;
    const text = client.text(question.id);
    text.insert(text.length, marker);
    typed.push(marker);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return typed;
}

describe('code documents on two server instances sharing one Redis', () => {
  it('converge under concurrent editing, share presence, and lock together', {
    timeout: 30_000,
  }, async () => {
    const a = await startServer({ kind: 'redis' });
    const b = await startServer({ kind: 'redis' });
    const room = await createRoom(a.url);
    const onA = connectYjs(a.url, room.id, room.candidate.token);
    const onB = connectYjs(b.url, room.id, room.interviewer.token);
    await Promise.all([synced(onA), synced(onB)]);

    const [typedA, typedB] = await Promise.all([typeMarkers(onA, 'A', 60), typeMarkers(onB, 'B', 60)]);
    await until(
      () => onA.text(question.id).toString() === onB.text(question.id).toString(),
      'both editors to converge',
    );
    const text = onA.text(question.id).toString();
    for (const marker of [...typedA, ...typedB]) expect(text).toContain(marker);

    onA.provider.awareness.setLocalStateField('user', { name: 'Ada' });
    // The server stamps the identity the candidate token grants, whatever the client said.
    await until(
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.user?.name === 'Ada Lovelace',
      'Ada’s presence (on A) at a client of B',
    );

    const interviewer = connect(a.url, { roomId: room.id, token: room.interviewer.token });
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    expect(await interviewer.send('interview:end', {})).toMatchObject({ ok: true });
    // B hears of the end over the relay; its copy is then read-only.
    await until(() => b.app.codeDocs.isReadOnly(room.id) === true, 'B’s copy locked');
    onB.text(question.id).insert(0, 'LATE EDIT ');
    const probeA = connectYjs(a.url, room.id, room.interviewer.token);
    const probeB = connectYjs(b.url, room.id, room.interviewer.token);
    await Promise.all([synced(probeA), synced(probeB)]);
    expect(probeB.text(question.id).toString()).not.toContain('LATE EDIT');
    expect(probeA.text(question.id).toString()).not.toContain('LATE EDIT');
    expect(onA.text(question.id).toString()).not.toContain('LATE EDIT');
  });

  it('a client joining while the last one’s final edit is still being saved sees that edit', async () => {
    const docLog = new FaultyDocLog(await makeDocLog('redis'));
    const server = await startServer({ kind: 'redis', docLog });
    const room = await createRoom(server.url);
    const writer = connectYjs(server.url, room.id, room.candidate.token);
    await synced(writer);

    docLog.hold();
    writer.text(question.id).insert(0, 'final edit');
    await until(() => docLog.appendsInFlight === 1, 'the slow save to start');
    writer.provider.destroy();
    // The server has seen the last user leave; the doc is only waiting for its save.
    await until(() => server.app.codeDocs.localUsers(room.id) === 0, 'the writer to be gone');

    const reader = connectYjs(server.url, room.id, room.interviewer.token);
    await synced(reader);
    expect(docLog.appendsInFlight).toBe(1);
    expect(reader.text(question.id).toString()).toBe('final edit');

    docLog.release();
    await until(() => docLog.appended.length === 1, 'the save to finish');
    // And it is durable: a new instance on the same Redis loads it.
    const other = await startServer({ kind: 'redis' });
    const late = connectYjs(other.url, room.id, room.interviewer.token);
    await synced(late);
    expect(late.doc.getText(codeTextKey(question.id)).toString()).toBe('final edit');
  });

  it('deleting a room removes its code from Redis and closes its editors on every instance', async () => {
    const a = await startServer({ kind: 'redis' });
    const b = await startServer({ kind: 'redis' });
    const room = await createRoom(a.url);
    const onA = connectYjs(a.url, room.id, room.candidate.token);
    const onB = connectYjs(b.url, room.id, room.interviewer.token);
    await Promise.all([synced(onA), synced(onB)]);
    const closes: number[] = [];
    for (const client of [onA, onB])
      client.provider.on('connection-close', (event) => {
        if (event) closes.push(event.code);
      });
    onA.text(question.id).insert(0, 'code to be deleted');
    await until(() => onB.text(question.id).length > 0, 'the edit at B');
    const redis = createClient({ url: inject('redisUrl') });
    await redis.connect();
    onTestFinished(() => redis.close());
    const keys = () => redis.keys(`ir:doc*:${room.id}*`);
    await until(() => a.app.codeDocs.localUsers(room.id) === 1, 'A’s copy in use');
    expect(await keys()).not.toEqual([]);

    const res = await fetch(`${b.url}/api/rooms/${room.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    expect(res.status).toBe(204);
    await until(
      () => closes.filter((code) => code === CLOSE_ROOM_DELETED).length === 2,
      'both editors closed',
    );
    let left = await keys();
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await keys();
    }
    expect(left).toEqual([]);
  });
});
