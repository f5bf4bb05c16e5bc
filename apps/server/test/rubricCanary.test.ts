import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Question } from '@interview-room/protocol';
import { createQuestionBank, rubricTexts } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import {
  connect,
  connectYjs,
  createRoom,
  opId,
  type RecordingSocket,
  startServer,
  synced,
  waitFor,
  type YjsClient,
} from './harness.ts';
import { ServerProcess } from './processes.ts';
import { needleForms, WireTap } from './wireTap.ts';

/**
 * Questions whose every rubric field carries the canary (and nothing a candidate may see does).
 * Canary strings use only letters, digits and dashes, so no encoding on the way (JSON escapes,
 * say) could hide one from a byte search.
 */
function canaryQuestions(canary: string): Question[] {
  return [1, 2].map((n) => {
    const field = (name: string) => `${canary}-q${n}-${name}`;
    return {
      id: `canary-q${n}`,
      title: `Canary question ${n}`,
      prompt: `Write a function that returns ${n}.`,
      language: 'python',
      topic: 'Canary',
      level: 'mid',
      durationMinutes: 5,
      tags: ['canary'],
      starterCode: `def answer_${n}():\n    pass\n`,
      rubric: {
        sampleAnswer: field('sampleAnswer'),
        keyPoints: [field('keyPoints-0'), field('keyPoints-1')],
        strongSignals: [field('strongSignals-0')],
        redFlags: [field('redFlags-0')],
        whyWeAsk: field('whyWeAsk'),
        followUps: [field('followUps-0'), field('followUps-1')],
      },
    };
  });
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Waits until the socket has been ready `count` times (one per connection it made). */
const readyCount = (client: RecordingSocket, count: number) =>
  waitFor(
    () => (client.received.filter((e) => e.event === 'session:ready').length >= count ? true : undefined),
    `session:ready #${count}`,
  );

/** Counts the provider's connections from now on; `await after(n)` waits for the n-th, synced. */
function yjsConnections(client: YjsClient): (count: number) => Promise<void> {
  let connected = 0;
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') connected++;
  });
  return async (count) => {
    await waitFor(() => (connected >= count ? true : undefined), `yjs connection #${count}`);
    await synced(client);
  };
}

describe('rubric leak canary', () => {
  it('a spy candidate receives no rubric, note, score, tick, plan or verdict: whole interview, a network cut, a reload, an export attempt', async () => {
    const canary = `CANARY-RUBRIC-${randomBytes(8).toString('hex')}`;
    const noteCanary = `CANARY-NOTE-${randomBytes(8).toString('hex')}`;
    const workflowCanary = `CANARY-WORKFLOW-${randomBytes(8).toString('hex')}`;
    const questions = canaryQuestions(canary);
    const [first, second] = questions as [Question, Question];
    const { url } = await startServer({ bank: createQuestionBank(questions) });
    // The candidate reaches the server only through `spy`; the interviewer through `control`,
    // which must see the canaries: proof that the search finds them on this wire.
    const spy = await WireTap.start(url);
    const control = await WireTap.start(url);
    const room = await createRoom(control.url, { title: 'Canary screen', candidateName: 'Ada' });

    const interviewer = connect(control.url, { roomId: room.id, token: room.interviewer.token });
    const interviewerCode = connectYjs(control.url, room.id, room.interviewer.token);
    let candidate = connect(
      spy.url,
      { roomId: room.id, token: room.candidate.token },
      { reconnection: true },
    );
    let candidateCode = connectYjs(spy.url, room.id, room.candidate.token);
    const candidateCodeConnected = yjsConnections(candidateCode);
    await Promise.all([interviewer.next('session:ready'), readyCount(candidate, 1)]);
    await Promise.all([synced(interviewerCode), synced(candidateCode)]);
    // What the create page fetches.
    expect((await fetch(`${spy.url}/api/questions`)).status).toBe(200);

    // The first question, code, notes and a score.
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    await candidate.next('room:state', (v) => v.current?.id === first.id);
    const privateView = await interviewer.nextView((v) => v.plan?.length === 2);
    expect(privateView.plan?.[0]?.rubric.sampleAnswer).toContain(canary);
    await waitFor(() => (candidateCode.text(first.id).length > 0 ? true : undefined), 'starter code');
    candidateCode.text(first.id).insert(0, 'print(1)\n');
    const noteOne = `${noteCanary}-first`;
    expect(
      await interviewer.send('notes:save', { questionId: first.id, notes: noteOne, opId: opId() }),
    ).toMatchObject({ ok: true });
    expect(
      await interviewer.send('score:set', { questionId: first.id, score: 4, opId: opId() }),
    ).toMatchObject({ ok: true });
    // The workflow's interviewer-only data: a tick, a preview of the next question's rubric, and
    // an ad-hoc question (never shown) whose every field carries a canary.
    expect(
      await interviewer.send('rubric:tick', {
        questionId: first.id,
        kind: 'strongSignal',
        index: 0,
        ticked: true,
        opId: opId(),
      }),
    ).toMatchObject({ ok: true });
    expect(await interviewer.send('bank:question', { questionId: second.id })).toMatchObject({ ok: true });
    expect(
      await interviewer.send('plan:set', {
        items: [
          { questionId: first.id, budgetMinutes: 41 },
          { questionId: second.id, budgetMinutes: 42 },
          {
            questionId: 'adhoc-canary',
            budgetMinutes: 43,
            adHoc: {
              title: `${workflowCanary}-title`,
              prompt: `${workflowCanary}-prompt`,
              lookFor: [`${workflowCanary}-lookFor`],
            },
          },
        ],
        opId: opId(),
      }),
    ).toMatchObject({ ok: true });

    // The network drops; the interviewer carries on meanwhile; the candidate reconnects.
    spy.cut();
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    await interviewer.send('notes:save', {
      questionId: second.id,
      notes: `${noteCanary}-second`,
      opId: opId(),
    });
    await interviewer.send('score:set', { questionId: second.id, score: 2, opId: opId() });
    await readyCount(candidate, 2);
    await candidateCodeConnected(2);
    await candidate.next('room:state', (v) => v.current?.id === second.id);

    // A reload: new connections, new document, same link.
    candidate.socket.disconnect();
    candidateCode.provider.destroy();
    candidate = connect(spy.url, { roomId: room.id, token: room.candidate.token });
    candidateCode = connectYjs(spy.url, room.id, room.candidate.token);
    await readyCount(candidate, 1);
    await synced(candidateCode);
    expect(candidateCode.text(first.id).toString()).toContain('print(1)');

    // The end, then the export with the candidate's own token.
    expect(await interviewer.send('interview:end', {})).toMatchObject({ ok: true });
    await candidate.next('room:state', (v) => v.status === 'ended');
    // The verdict, written after the end.
    expect(
      await interviewer.send('recommendation:set', { recommendation: 'strong-yes', opId: opId() }),
    ).toMatchObject({ ok: true });
    expect(
      await interviewer.send('summary:save', { summary: `${workflowCanary}-summary`, opId: opId() }),
    ).toMatchObject({ ok: true });
    for (const format of ['md', 'json']) {
      const res = await fetch(`${spy.url}/api/rooms/${room.id}/export?format=${format}`, {
        headers: bearer(room.candidate.token),
      });
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain(canary);
    }
    // Everything the interviewer was sent is on the control tap before we search it.
    await interviewer.nextView((v) => v.records[second.id]?.score === 2);
    await interviewer.nextView((v) => v.summary.startsWith(workflowCanary));
    await waitFor(
      () => (interviewerCode.text(first.id).toString().includes('print(1)') ? true : undefined),
      'code',
    );

    const needles = [canary, noteCanary, noteOne, workflowCanary, ...questions.flatMap(rubricTexts)];
    // The spy saw the sockets of three connections, the documents of three, and HTTP bodies.
    expect(spy.connections).toBeGreaterThanOrEqual(7);
    const spyBytes = Buffer.concat(spy.bytes());
    expect(spyBytes.includes(Buffer.from(first.title))).toBe(true);
    expect(spyBytes.includes(Buffer.from('print(1)'))).toBe(true);
    // Compression would hide a leak from a byte search: nothing on this wire is compressed.
    expect(/content-encoding|sec-websocket-extensions/i.test(spyBytes.toString('latin1'))).toBe(false);
    expect(spy.find(needles)).toEqual([]);
    expect(spyBytes.includes(Buffer.from('room:private'))).toBe(false);
    expect(spyBytes.includes(Buffer.from('"score"'))).toBe(false);
    expect(spyBytes.includes(Buffer.from('"records"'))).toBe(false);
    for (const field of ['"ticks"', '"recommendation"', 'strong-yes', '"budgetMinutes"', 'bank:question'])
      expect(spyBytes.includes(Buffer.from(field)), field).toBe(false);
    // The same search on the interviewer's wire finds the workflow's canaries, every rubric
    // string and the notes.
    expect(control.find([workflowCanary]).length).toBeGreaterThan(0);
    expect(control.find([canary, noteOne, ...questions.flatMap(rubricTexts)]).length).toBeGreaterThan(
      questions.flatMap(rubricTexts).length,
    );
  });

  it('finds a needle base64-encoded at any byte offset inside a longer blob', () => {
    const needle = 'CANARY-RUBRIC-0123456789abcdef';
    for (let offset = 0; offset < 3; offset++) {
      const blob = Buffer.from(`${'x'.repeat(offset)}${needle}${'y'.repeat(offset)}`);
      for (const encoding of ['base64', 'base64url'] as const) {
        const wire = Buffer.from(blob.toString(encoding));
        expect(
          needleForms(needle).some((form) => wire.includes(form)),
          `${encoding} offset ${offset}`,
        ).toBe(true);
      }
    }
  });
});

describe('QUESTION_BANK_FILE', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-bankfile-'));

  it('serves the bank from the file', async () => {
    const file = path.join(dir, 'bank.json');
    writeFileSync(file, JSON.stringify(canaryQuestions('CANARY-RUBRIC-file')));
    const server = await ServerProcess.start({ QUESTION_BANK_FILE: file });
    const list = (await (await fetch(`${server.url}/api/questions`)).json()) as { id: string }[];
    expect(list.map((q) => q.id)).toEqual(['canary-q1', 'canary-q2']);
  });

  it('stops the startup with a message naming the file and the field', async () => {
    const file = path.join(dir, 'bad.json');
    const [question] = canaryQuestions('x');
    writeFileSync(file, JSON.stringify([{ ...question, rubric: { sampleAnswer: 1 } }]));
    await expect(ServerProcess.start({ QUESTION_BANK_FILE: file })).rejects.toThrow(
      /QUESTION_BANK_FILE .*bad\.json: is not a list of questions: 0\.rubric\.sampleAnswer/,
    );
  });
});
