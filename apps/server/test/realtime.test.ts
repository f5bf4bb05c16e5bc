import { ExportReportSchema } from '@interview-room/protocol';
import { defaultBank, rubricTexts } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import {
  connect,
  connectError,
  connectYjs,
  createRoom,
  opId,
  startServer,
  synced,
  upgradeStatus,
  waitFor,
} from './harness.ts';
import { STORE_KINDS } from './stores.ts';

const NOTE_CANARY = 'CANARY-NOTE-5b2f9e';
const plan = defaultBank.all();
const first = plan[0];
const second = plan[1];
if (!first || !second) throw new Error('the default bank needs two questions');

/** Every string of every rubric: none of it may ever reach a candidate. */
const rubricStrings = plan.flatMap(rubricTexts);

describe.each(STORE_KINDS)('the interview loop over the wire (%s store)', (kind) => {
  it('runs create, join, push, code, notes, score, end and export', async () => {
    const { url } = await startServer({ kind });
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });

    expect((await interviewer.next('session:ready')).role).toBe('interviewer');
    const candidateSession = await candidate.next('session:ready');
    expect(candidateSession.role).toBe('candidate');
    expect(candidateSession.participant.name).toBe('Ada Lovelace');
    const presence = await interviewer.next('presence:update', (list) => list.length === 2);
    expect(presence.map((p) => `${p.role}:${p.name}`)).toEqual([
      'candidate:Ada Lovelace',
      'interviewer:Grace',
    ]);
    expect((await candidate.next('room:state')).status).toBe('waiting');

    // The candidate may not drive the interview.
    const forbidden = await candidate.send('question:next', {});
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const candidateCode = connectYjs(url, room.id, room.candidate.token);
    const interviewerCode = connectYjs(url, room.id, room.interviewer.token);
    await Promise.all([synced(candidateCode), synced(interviewerCode)]);

    expect(await interviewer.send('question:next', {})).toEqual({ ok: true, data: { currentIndex: 0 } });
    const live = await candidate.next('room:state', (v) => v.currentIndex === 0);
    expect(live.status).toBe('live');
    expect(live.current).toEqual({
      id: first.id,
      title: first.title,
      prompt: first.prompt,
      language: 'python',
    });
    // Starter code is seeded by the server into the question's own buffer.
    await waitFor(
      () => (candidateCode.text(first.id).toString() === first.starterCode ? true : undefined),
      'starter',
    );

    candidateCode.text(first.id).insert(0, '# answer one\n');
    await waitFor(
      () => (interviewerCode.text(first.id).toString().startsWith('# answer one') ? true : undefined),
      'candidate edit at the interviewer',
    );

    expect(
      await interviewer.send('notes:save', { questionId: first.id, notes: NOTE_CANARY, opId: opId() }),
    ).toMatchObject({
      ok: true,
    });
    expect(
      await interviewer.send('score:set', { questionId: first.id, score: 3, opId: opId() }),
    ).toMatchObject({
      ok: true,
    });
    const privateView = await interviewer.nextView((v) => v.records[first.id]?.score === 3);
    expect(privateView.records[first.id]?.notes).toBe(NOTE_CANARY);

    // Next question gets its own buffer; going back keeps the first answer.
    await interviewer.send('question:next', {});
    await candidate.next('room:state', (v) => v.currentIndex === 1);
    candidateCode.text(second.id).insert(0, '# answer two\n');
    expect(await interviewer.send('question:goto', { index: 0 })).toMatchObject({ ok: true });
    const back = await candidate.next(
      'room:state',
      (v) => v.currentIndex === 0 && v.currentSince !== live.currentSince,
    );
    expect(back.current?.id).toBe(first.id);
    expect(candidateCode.text(first.id).toString()).toContain('# answer one');

    expect(await interviewer.send('interview:end', {})).toMatchObject({ ok: true });
    expect((await candidate.next('room:state', (v) => v.status === 'ended')).endedAt).not.toBeNull();
    expect(await interviewer.send('question:next', {})).toMatchObject({
      ok: false,
      error: { code: 'ROOM_ENDED' },
    });

    // The room is locked: a late edit changes nothing on the server or at the other client.
    await waitFor(
      () => (interviewerCode.text(second.id).toString().includes('# answer two') ? true : undefined),
      'second answer synced',
    );
    candidateCode.text(first.id).insert(0, 'LATE EDIT ');
    const probe = connectYjs(url, room.id, room.interviewer.token);
    await synced(probe);
    expect(probe.text(first.id).toString()).not.toContain('LATE EDIT');
    expect(interviewerCode.text(first.id).toString()).not.toContain('LATE EDIT');

    const res = await fetch(`${url}/api/rooms/${room.id}/export?format=json`, {
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    const report = ExportReportSchema.parse(await res.json());
    expect(report.status).toBe('ended');
    expect(report.questions[0]).toMatchObject({
      id: first.id,
      score: 3,
      scoreLabel: 'Strong',
      notes: NOTE_CANARY,
    });
    expect(report.questions[0]?.code).toContain('# answer one');
    expect(report.questions[1]?.code).toContain('# answer two');
    expect(report.questions[2]?.asked).toBe(false);
    expect(report.timeline.map((e) => e.type)).toContain('interview-ended');

    // What the candidate's socket received: never a rubric, a note or a score.
    const candidateWire = JSON.stringify(candidate.received);
    expect(candidate.received.some((e) => e.event === 'room:private')).toBe(false);
    expect(candidateWire).not.toContain(NOTE_CANARY);
    expect(candidateWire).not.toContain('"score"');
    for (const text of rubricStrings) expect(candidateWire).not.toContain(text);
    // And the Yjs document holds code only.
    const docText = JSON.stringify(candidateCode.doc.toJSON());
    expect(docText).not.toContain(NOTE_CANARY);
    for (const text of rubricStrings) expect(docText).not.toContain(text);
  });

  it('keeps notes, scores and code across a reconnect and a server restart', async () => {
    const first_ = await startServer({ kind });
    const room = await createRoom(first_.url);
    const interviewer = connect(first_.url, { roomId: room.id, token: room.interviewer.token });
    const code = connectYjs(first_.url, room.id, room.candidate.token);
    await synced(code);
    await interviewer.send('question:next', {});
    await interviewer.send('notes:save', { questionId: first.id, notes: 'kept note', opId: opId() });
    await interviewer.send('score:set', { questionId: first.id, score: 2, opId: opId() });
    await waitFor(() => (code.text(first.id).length > 0 ? true : undefined), 'starter code');
    code.text(first.id).insert(0, '# kept code\n');

    const again = connect(first_.url, { roomId: room.id, token: room.interviewer.token });
    const view = await again.nextView();
    expect(view.records[first.id]).toMatchObject({ notes: 'kept note', score: 2 });

    if (kind === 'redis') {
      // A new server on the same Redis: the room, its notes and its code are all there.
      await waitFor(() => (code.provider.synced ? true : undefined), 'synced');
      interviewer.socket.disconnect();
      again.socket.disconnect();
      code.provider.destroy();
      await first_.app.close();
      const second_ = await startServer({ kind });
      const reborn = connect(second_.url, { roomId: room.id, token: room.interviewer.token });
      expect((await reborn.nextView()).records[first.id]).toMatchObject({
        notes: 'kept note',
        score: 2,
      });
      const reader = connectYjs(second_.url, room.id, room.interviewer.token);
      await synced(reader);
      expect(reader.text(first.id).toString()).toContain('# kept code');
    }
  });
});

describe('access control', () => {
  it('refuses Socket.io handshakes without a valid token for that room', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const other = await createRoom(url);
    expect((await connectError(url, {})).message).toBe('UNAUTHORIZED');
    expect((await connectError(url, { roomId: room.id, token: 'nope' })).message).toBe('UNAUTHORIZED');
    expect((await connectError(url, { roomId: room.id, token: other.interviewer.token })).message).toBe(
      'UNAUTHORIZED',
    );
    expect((await connectError(url, { roomId: 'A'.repeat(22), token: room.interviewer.token })).message).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses Yjs upgrades without a valid token for that room, before any document byte', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const other = await createRoom(url);
    const ws = url.replace(/^http/, 'ws');
    expect(await upgradeStatus(`${ws}/yjs/${room.id}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${other.candidate.token}`)).toBe(401);
    expect(await upgradeStatus(`${ws}/yjs/${'A'.repeat(22)}?token=${room.candidate.token}`)).toBe(404);
    expect(await upgradeStatus(`${ws}/yjs/not-a-room-id?token=${room.candidate.token}`)).toBe(404);
    expect(await upgradeStatus(`${ws}/elsewhere`)).toBe(0);
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${room.candidate.token}`)).toBe(101);
  });

  it('answers malformed and unknown events with an error code and keeps serving', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await interviewer.next('session:ready');
    const bad = interviewer.send as unknown as (event: string, payload: unknown) => Promise<unknown>;
    expect(await bad('question:goto', { index: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', field: 'index' },
    });
    expect(
      await bad('notes:save', { questionId: first.id, notes: 'x'.repeat(30_000), opId: opId() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await bad('notes:save', null)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await bad('score:set', { questionId: first.id, score: 5, opId: opId() })).toMatchObject({
      ok: false,
    });
    expect(await bad('notes:save', { questionId: 'not-in-plan', notes: '', opId: opId() })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    (interviewer.socket as unknown as { emit(event: string): void }).emit('question:next');
    expect(await interviewer.send('question:next', {})).toEqual({ ok: true, data: { currentIndex: 0 } });
  });

  it('closes a Yjs connection that sends garbage without disturbing the room', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const { default: WebSocket } = await import('ws');
    const raw = new WebSocket(`${url.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.candidate.token}`);
    await new Promise((resolve) => raw.once('open', resolve));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.send(Uint8Array.from([0, 9, 255, 255, 255]));
    expect(await closed).toBe(1003);
    const writer = connectYjs(url, room.id, room.interviewer.token);
    const reader = connectYjs(url, room.id, room.candidate.token);
    await Promise.all([synced(writer), synced(reader)]);
    writer.text('probe').insert(0, 'still working');
    await waitFor(
      () => (reader.text('probe').toString() === 'still working' ? true : undefined),
      'sync after garbage',
    );
  });
});

describe('idempotent writes', () => {
  it('a resent note or score (same opId) is applied once', async () => {
    const { url } = await startServer({ kind: 'redis' });
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await interviewer.send('question:next', {});
    const scoreOp = opId();
    for (let i = 0; i < 3; i++) {
      expect(
        await interviewer.send('score:set', { questionId: first.id, score: 4, opId: scoreOp }),
      ).toMatchObject({
        ok: true,
      });
    }
    const noteOp = opId();
    await interviewer.send('notes:save', { questionId: first.id, notes: 'first', opId: noteOp });
    await interviewer.send('notes:save', { questionId: first.id, notes: 'newer', opId: opId() });
    // A late resend of the older write must not bring the old text back.
    expect(
      await interviewer.send('notes:save', { questionId: first.id, notes: 'first', opId: noteOp }),
    ).toMatchObject({
      ok: true,
    });
    const fresh = connect(url, { roomId: room.id, token: room.interviewer.token });
    const view = await fresh.nextView();
    expect(view.records[first.id]).toMatchObject({ notes: 'newer', score: 4 });
    expect(view.timeline.filter((e) => e.type === 'score-set')).toHaveLength(1);
  });
});
