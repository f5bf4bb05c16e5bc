import type { Ack } from '@interview-room/protocol';
import { RUN_LIMITS } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { type ClientSocket, connect, createRoom, startServer } from './harness.ts';

/** Run events are not room commands: sent raw, as the web client does. */
const emit = (socket: ClientSocket, event: string, payload: unknown): Promise<Ack<unknown>> =>
  (
    socket.timeout(10_000) as unknown as { emitWithAck(e: string, p: unknown): Promise<Ack<unknown>> }
  ).emitWithAck(event, payload);

const HASH = 'b'.repeat(64);

describe('run relay', () => {
  it('relays a run to the room in order, bounds its output, records it, and refuses runs after the end', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await Promise.all([interviewer.next('session:ready'), candidate.next('session:ready')]);
    expect(await interviewer.send('question:next', {})).toEqual({ ok: true, data: { currentIndex: 0 } });
    const view = await candidate.next('room:state', (v) => v.current !== null);
    const questionId = view.current?.id ?? '';

    // Sent without waiting for acks, as a page does: the output must not overtake the start.
    const runId = 'run-0000001';
    const acks = [
      emit(candidate.socket, 'run:start', { runId, questionId }),
      emit(candidate.socket, 'run:output', { runId, stream: 'stdout', text: 'hello\n' }),
      emit(candidate.socket, 'run:output', {
        runId,
        stream: 'stdout',
        text: 'x'.repeat(RUN_LIMITS.chunkChars),
      }),
    ];
    for (let i = 0; i < 5; i++)
      acks.push(
        emit(candidate.socket, 'run:output', {
          runId,
          stream: 'stdout',
          text: 'y'.repeat(RUN_LIMITS.chunkChars),
        }),
      );
    acks.push(
      emit(candidate.socket, 'run:end', {
        runId,
        status: 'ok',
        exitCode: 0,
        durationMs: 12,
        traceback: null,
        codeHash: HASH,
      }),
    );
    const answered = await Promise.all(acks);
    expect(answered.every((a) => a.ok)).toBe(true);

    const started = await interviewer.next('run:started');
    expect(started).toMatchObject({ runId, questionId, by: { name: 'Ada Lovelace', role: 'candidate' } });
    const ended = await interviewer.next('run:ended');
    expect(ended).toMatchObject({ runId, status: 'ok', exitCode: 0, truncated: true, codeHash: HASH });
    const outputs = interviewer.received
      .filter((e) => e.event === 'run:output')
      .map((e) => e.payload as { stream: string; text: string });
    expect(outputs[0]).toEqual({ runId, stream: 'stdout', text: 'hello\n' });
    expect(
      outputs.filter((o) => o.stream !== 'notice').reduce((n, o) => n + o.text.length, 0),
    ).toBeLessThanOrEqual(RUN_LIMITS.outputBytes);
    expect(outputs.at(-1)?.stream).toBe('notice');
    // The runner's own page does not get its run echoed back.
    expect(candidate.received.some((e) => e.event === 'run:started')).toBe(false);

    const timeline = await interviewer.nextView((v) => v.timeline.some((e) => e.type === 'code-run'));
    const recorded = timeline.timeline.find((e) => e.type === 'code-run');
    expect(recorded).toMatchObject({
      runId,
      name: 'Ada Lovelace',
      role: 'candidate',
      status: 'ok',
      codeHash: HASH,
      truncated: true,
    });
    expect(recorded?.type === 'code-run' && recorded.output.length).toBeLessThanOrEqual(
      RUN_LIMITS.timelineOutputChars,
    );

    // Hidden-check events are for interviewers only.
    const reveal = await emit(candidate.socket, 'checks:reveal', {
      questionId,
      results: [{ name: 'a', passed: true, message: '' }],
    });
    expect(reveal).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const ran = await emit(interviewer.socket, 'checks:ran', {
      questionId,
      passed: 1,
      total: 2,
      codeHash: HASH,
    });
    expect(ran.ok).toBe(true);
    expect(await candidate.next('checks:ran')).toMatchObject({
      questionId,
      passed: 1,
      total: 2,
      by: { name: 'Grace' },
    });

    await interviewer.send('interview:end', {});
    const refused = await emit(candidate.socket, 'run:start', { runId: 'run-0000002', questionId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'ROOM_ENDED' } });
  });

  it('ends an open run as crashed when the runner disconnects', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await Promise.all([interviewer.next('session:ready'), candidate.next('session:ready')]);
    await interviewer.send('question:next', {});
    const view = await candidate.next('room:state', (v) => v.current !== null);
    expect(
      (await emit(candidate.socket, 'run:start', { runId: 'run-0000003', questionId: view.current?.id })).ok,
    ).toBe(true);
    await interviewer.next('run:started');
    candidate.socket.disconnect();
    expect(await interviewer.next('run:ended')).toMatchObject({ runId: 'run-0000003', status: 'crashed' });
  });
});
