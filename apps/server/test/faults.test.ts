import { defaultBank } from '@interview-room/questions';
import { describe, expect, inject, it } from 'vitest';
import { connect, connectYjs, createRoom, opId, startServer, synced, waitFor } from './harness.ts';
import { Balancer, RedisProcess, ServerProcess } from './processes.ts';

const [first, second] = defaultBank.all();
if (!first || !second) throw new Error('the bank needs two questions');

const authFor = (room: { id: string }, token: string) => ({ roomId: room.id, token });

/** Bounded typing loop: `count` edits, one every `everyMs`. */
async function typeLines(insert: (line: string) => void, prefix: string, count: number, everyMs: number) {
  for (let i = 0; i < count; i++) {
    insert(`${prefix}-${i}\n`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

describe('faults (slow: real processes and a real Redis)', () => {
  it('a Redis restart mid-interview: editing goes on, presence comes back, notes are kept once', {
    timeout: 90_000,
  }, async () => {
    const redis = await RedisProcess.start();
    const server = await ServerProcess.start({ REDIS_URL: redis.url });
    const room = await createRoom(server.url);
    const interviewer = connect(server.url, authFor(room, room.interviewer.token), { reconnection: true });
    const candidate = connect(server.url, authFor(room, room.candidate.token), { reconnection: true });
    await interviewer.next('presence:update', (list) => list.length === 2);
    expect((await interviewer.send('question:next', {})).ok).toBe(true);
    expect((await interviewer.send('score:set', { questionId: first.id, score: 2, opId: opId() })).ok).toBe(
      true,
    );
    const candidateCode = connectYjs(server.url, room.id, room.candidate.token);
    const interviewerCode = connectYjs(server.url, room.id, room.interviewer.token);
    await Promise.all([synced(candidateCode), synced(interviewerCode)]);
    candidateCode.text(first.id).insert(0, 'before-outage\n');

    await redis.stop('SIGTERM');
    // Redis is gone: the two editors still reach each other through the server.
    candidateCode.text(first.id).insert(0, 'during-outage\n');
    await waitFor(
      () => (interviewerCode.text(first.id).toString().includes('during-outage') ? true : undefined),
      'an edit relayed while Redis is down',
    );
    const noteDuringOutage = interviewer.send('notes:save', {
      questionId: first.id,
      notes: 'written during the outage',
      opId: opId(),
    });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await redis.start();

    expect(await noteDuringOutage).toMatchObject({ ok: true });
    const view = await interviewer.nextView(
      (v) => v.records[first.id]?.notes === 'written during the outage',
    );
    expect(view.records[first.id]?.score).toBe(2);
    expect(view.timeline.filter((e) => e.type === 'score-set')).toHaveLength(1);
    const presenceUpdates = candidate.received.filter((e) => e.event === 'presence:update').length;
    // A presence change after the blip reaches everyone, with both people listed.
    const late = connect(server.url, authFor(room, room.interviewer.token));
    await late.next('session:ready');
    await candidate.next(
      'presence:update',
      (list) =>
        list.length === 3 &&
        candidate.received.filter((e) => e.event === 'presence:update').length > presenceUpdates,
    );

    // What Redis holds after the blip: a fresh client of a restarted server sees every edit and the note.
    await server.kill('SIGTERM');
    await server.start();
    const reader = connectYjs(server.url, room.id, room.interviewer.token);
    await synced(reader);
    await waitFor(
      () => (reader.text(first.id).toString().includes('during-outage') ? true : undefined),
      'outage edits stored',
    );
    expect(reader.text(first.id).toString()).toContain('before-outage');
    const fresh = connect(server.url, authFor(room, room.interviewer.token));
    expect((await fresh.nextView()).records[first.id]?.notes).toBe('written during the outage');
  });

  it('a client offline for 60 s while both edit the same lines converges on reconnect', {
    timeout: 120_000,
  }, async () => {
    const { url } = await startServer({ kind: 'redis' });
    const room = await createRoom(url);
    const interviewer = connect(url, authFor(room, room.interviewer.token));
    await interviewer.send('question:next', {});
    const a = connectYjs(url, room.id, room.candidate.token);
    const b = connectYjs(url, room.id, room.interviewer.token);
    await Promise.all([synced(a), synced(b)]);
    const shared = 'line one\nline two\nline three\n';
    a.text(first.id).delete(0, a.text(first.id).length);
    a.text(first.id).insert(0, shared);
    await waitFor(() => (b.text(first.id).toString() === shared ? true : undefined), 'shared start');

    b.provider.disconnect();
    // Both rewrite the same lines for a minute: one online, one offline.
    await Promise.all([
      typeLines((line) => a.text(first.id).insert(0, `online ${line}`), 'a', 30, 2_000),
      typeLines((line) => b.text(first.id).insert(5, `offline ${line}`), 'b', 30, 2_000),
    ]);
    b.provider.connect();

    await waitFor(
      () => (a.text(first.id).toString() === b.text(first.id).toString() ? true : undefined),
      'convergence',
      10_000,
    );
    const merged = a.text(first.id).toString();
    for (let i = 0; i < 30; i++) {
      expect(merged).toContain(`online a-${i}`);
      expect(merged).toContain(`offline b-${i}`);
    }
  });

  it('two instances act as one, and when one dies its clients carry on through the other', {
    timeout: 90_000,
  }, async () => {
    const redisUrl = inject('redisUrl');
    const a = await ServerProcess.start({ REDIS_URL: redisUrl });
    const b = await ServerProcess.start({ REDIS_URL: redisUrl });
    const balancer = await Balancer.start([a.port, b.port]);
    const room = await createRoom(a.url);

    balancer.prefer = 0;
    const interviewer = connect(balancer.url, authFor(room, room.interviewer.token), { reconnection: true });
    await interviewer.next('session:ready');
    const interviewerCode = connectYjs(balancer.url, room.id, room.interviewer.token);
    await synced(interviewerCode);
    balancer.prefer = 1;
    const candidate = connect(balancer.url, authFor(room, room.candidate.token), { reconnection: true });
    await candidate.next('session:ready');
    const candidateCode = connectYjs(balancer.url, room.id, room.candidate.token);
    await synced(candidateCode);

    // Presence, question pushes and edits cross from one instance to the other.
    await interviewer.next('presence:update', (list) => list.length === 2);
    await candidate.next('presence:update', (list) => list.length === 2);
    expect((await interviewer.send('question:next', {})).ok).toBe(true);
    expect((await candidate.next('room:state', (v) => v.currentIndex === 0)).current?.id).toBe(first.id);
    await waitFor(() => (candidateCode.text(first.id).length > 0 ? true : undefined), 'starter code on B');
    candidateCode.text(first.id).insert(0, 'from-candidate-on-b\n');
    interviewerCode.text(first.id).insert(0, 'from-interviewer-on-a\n');
    for (const client of [candidateCode, interviewerCode]) {
      await waitFor(() => {
        const text = client.text(first.id).toString();
        return text.includes('from-candidate-on-b') && text.includes('from-interviewer-on-a')
          ? true
          : undefined;
      }, 'edits crossing instances');
    }
    expect(
      (
        await interviewer.send('notes:save', {
          questionId: first.id,
          notes: 'kept across instances',
          opId: opId(),
        })
      ).ok,
    ).toBe(true);

    // Instance A dies hard. Its clients reconnect through the balancer to B and carry on.
    await a.kill('SIGKILL');
    interviewerCode.text(first.id).insert(0, 'typed-while-a-was-dead\n');
    await waitFor(
      () => (interviewer.received.filter((e) => e.event === 'session:ready').length === 2 ? true : undefined),
      'the interviewer to rejoin through the other instance',
      15_000,
    );
    await waitFor(
      () => (candidateCode.text(first.id).toString().includes('typed-while-a-was-dead') ? true : undefined),
      'an edit from a reconnected client',
      15_000,
    );
    expect((await interviewer.send('question:next', {})).ok).toBe(true);
    expect((await candidate.next('room:state', (v) => v.currentIndex === 1)).current?.id).toBe(second.id);
    expect((await interviewer.send('interview:end', {})).ok).toBe(true);
    expect((await candidate.next('room:state', (v) => v.status === 'ended')).endedAt).not.toBeNull();

    const res = await fetch(`${b.url}/api/rooms/${room.id}/export?format=json`, {
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    const report = (await res.json()) as { questions: { notes: string; code: string }[] };
    expect(report.questions[0]?.notes).toBe('kept across instances');
    for (const edit of ['from-candidate-on-b', 'from-interviewer-on-a', 'typed-while-a-was-dead']) {
      expect(report.questions[0]?.code).toContain(edit);
    }
  });
});
