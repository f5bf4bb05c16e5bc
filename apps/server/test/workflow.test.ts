import { ExportReportSchema, type InterviewerFrame, type PlanItemInput } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { connect, connectYjs, createRoom, opId, startServer, synced, waitFor } from './harness.ts';
import { makeStore, STORE_KINDS } from './stores.ts';

const [gil, hints, asyncio, decorators] = defaultBank.all();
if (!gil || !hints || !asyncio || !decorators) throw new Error('the bank needs four questions');

const SUMMARY_CANARY = 'CANARY-SUMMARY-a41f';
const LOOK_FOR_CANARY = 'CANARY-LOOKFOR-e7c2';
const NOTE_CANARY = 'CANARY-NOTE-31d9';

const item = (questionId: string, budgetMinutes: number): PlanItemInput => ({ questionId, budgetMinutes });
const adHoc: PlanItemInput = {
  questionId: 'adhoc-fizzbuzz',
  budgetMinutes: 5,
  adHoc: {
    title: 'FizzBuzz, quickly',
    prompt: 'Print FizzBuzz up to 15.',
    starterCode: 'def fizzbuzz(n):\n    ...\n',
    lookFor: [LOOK_FOR_CANARY],
  },
};

describe.each(STORE_KINDS)('the interviewer’s workflow over the wire (%s store)', (kind) => {
  it('builds the plan in the room, runs it with ticks and an ad-hoc question, and closes with a verdict', async () => {
    const server = await startServer({ kind });
    const { url } = server;
    const room = await createRoom(url, { title: 'Workflow', candidateName: 'Ada', questionIds: [] });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await Promise.all([interviewer.next('session:ready'), candidate.next('session:ready')]);
    expect((await interviewer.nextView((v) => v.plan !== undefined)).plan).toEqual([]);

    // Preview: a bank question with its rubric, for the interviewer only.
    const preview = await interviewer.send('bank:question', { questionId: decorators.id });
    expect(preview).toEqual({ ok: true, data: { question: decorators } });
    expect(await interviewer.send('bank:question', { questionId: 'no-such-question' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await candidate.send('bank:question', { questionId: decorators.id })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    // Build: three bank questions with budgets, then a reorder; the fourth stays unasked.
    expect(
      await interviewer.send('plan:set', {
        items: [item(gil.id, 12), item(hints.id, 8), item(decorators.id, 6)],
        opId: opId(),
      }),
    ).toMatchObject({ ok: true, data: { questionCount: 3 } });
    const reorder = { items: [item(hints.id, 8), item(gil.id, 12), item(decorators.id, 6)], opId: opId() };
    expect(await interviewer.send('plan:set', reorder)).toMatchObject({ ok: true });
    // A resend of the same write is acknowledged and changes nothing.
    expect(await interviewer.send('plan:set', reorder)).toMatchObject({ ok: true });
    const built = await interviewer.nextView((v) => v.plan?.[0]?.id === hints.id);
    expect(built.plan?.map((q) => [q.id, q.budgetMinutes])).toEqual([
      [hints.id, 8],
      [gil.id, 12],
      [decorators.id, 6],
    ]);
    expect((await candidate.next('room:state', (v) => v.questionCount === 3)).current).toBeNull();

    // Live: tick, note, score.
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    await candidate.next('room:state', (v) => v.current?.id === hints.id);
    const tick = { questionId: hints.id, kind: 'keyPoint' as const, index: 0, ticked: true, opId: opId() };
    expect(await interviewer.send('rubric:tick', tick)).toMatchObject({ ok: true });
    expect(await interviewer.send('rubric:tick', tick)).toMatchObject({ ok: true });
    await interviewer.send('rubric:tick', { ...tick, kind: 'strongSignal', opId: opId() });
    expect(
      await interviewer.send('rubric:tick', { ...tick, index: hints.rubric.keyPoints.length, opId: opId() }),
    ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await interviewer.send('notes:save', { questionId: hints.id, notes: NOTE_CANARY, opId: opId() });
    await interviewer.send('score:set', { questionId: hints.id, score: 2, opId: opId() });
    const ticked = await interviewer.nextView((v) => v.records[hints.id]?.score === 2);
    expect(ticked.records[hints.id]?.ticks.map((t) => [t.kind, t.index])).toEqual([
      ['keyPoint', 0],
      ['strongSignal', 0],
    ]);

    // The past is fixed; what comes next is not: an ad-hoc question goes right after the current one.
    expect(
      await interviewer.send('plan:set', {
        items: [item(gil.id, 12), item(hints.id, 8), item(decorators.id, 6)],
        opId: opId(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } });
    expect(
      await interviewer.send('plan:set', {
        items: [item(hints.id, 8), adHoc, item(gil.id, 12), item(decorators.id, 6)],
        opId: opId(),
      }),
    ).toMatchObject({ ok: true, data: { questionCount: 4 } });
    const candidateCode = connectYjs(url, room.id, room.candidate.token);
    await synced(candidateCode);
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    const shown = await candidate.next('room:state', (v) => v.current?.id === adHoc.questionId);
    expect(shown.current).toEqual({
      id: 'adhoc-fizzbuzz',
      title: 'FizzBuzz, quickly',
      prompt: 'Print FizzBuzz up to 15.',
      language: 'python',
    });
    await waitFor(
      () => (candidateCode.text(adHoc.questionId).toString().startsWith('def fizzbuzz') ? true : undefined),
      'ad-hoc starter code',
    );
    await interviewer.send('rubric:tick', {
      questionId: adHoc.questionId,
      kind: 'keyPoint',
      index: 0,
      ticked: true,
      opId: opId(),
    });
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });

    // The end: the plan is closed, the write-up is not.
    expect(await interviewer.send('interview:end', {})).toMatchObject({ ok: true });
    expect(
      await interviewer.send('plan:set', {
        items: [item(hints.id, 8), item(adHoc.questionId, 5), item(gil.id, 12)],
        opId: opId(),
      }),
    ).toMatchObject({ ok: false, error: { code: 'ROOM_ENDED' } });
    expect(
      await interviewer.send('recommendation:set', { recommendation: 'yes', opId: opId() }),
    ).toMatchObject({
      ok: true,
    });
    expect(await interviewer.send('summary:save', { summary: SUMMARY_CANARY, opId: opId() })).toMatchObject({
      ok: true,
    });
    const final = await interviewer.nextView((v) => v.summary === SUMMARY_CANARY);
    expect(final.recommendation).toBe('yes');

    // Stored: a server on a fresh connection to the same store reports all of it.
    const again = await startServer({ store: kind === 'redis' ? await makeStore('redis') : server.store });
    const res = await fetch(`${again.url}/api/rooms/${room.id}/export?format=json`, {
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    const report = ExportReportSchema.parse(await res.json());
    expect(report).toMatchObject({
      final: true,
      recommendation: 'yes',
      recommendationLabel: 'Yes',
      summary: SUMMARY_CANARY,
    });
    expect(report.totalBudgetMinutes).toBe(31);
    expect(report.questions.map((q) => [q.id, q.adHoc, q.asked, q.budgetMinutes])).toEqual([
      [hints.id, false, true, 8],
      [adHoc.questionId, true, true, 5],
      [gil.id, false, true, 12],
      [decorators.id, false, false, 6],
    ]);
    expect(report.questions[0]?.ticked.map((t) => t.text)).toEqual([
      hints.rubric.keyPoints[0],
      hints.rubric.strongSignals[0],
    ]);
    expect(report.questions[0]).toMatchObject({ score: 2, suggestedScore: expect.any(Number) });
    expect(report.questions[1]?.ticked.map((t) => t.text)).toEqual([LOOK_FOR_CANARY]);
    const markdown = await (
      await fetch(`${again.url}/api/rooms/${room.id}/export?format=md`, {
        headers: { authorization: `Bearer ${room.interviewer.token}` },
      })
    ).text();
    expect(markdown).toContain('**Report: Final**');
    expect(markdown).toContain('## 2. FizzBuzz, quickly (ad hoc)');

    // The candidate heard none of it: no tick, verdict, note, look-for, budget, or unasked question.
    await candidate.next('room:state', (v) => v.status === 'ended');
    const wire = JSON.stringify(candidate.received);
    for (const secret of [
      SUMMARY_CANARY,
      LOOK_FOR_CANARY,
      NOTE_CANARY,
      decorators.title,
      ...hints.rubric.keyPoints,
      '"ticks"',
      '"recommendation"',
      '"budgetMinutes"',
      '"plan"',
    ])
      expect(wire, secret).not.toContain(secret);
    expect(candidate.received.some((e) => e.event === 'room:private')).toBe(false);
  });

  it('sends only what changed: the plan with the frames that change it, the records and events that did', async () => {
    const { url } = await startServer({ kind });
    const room = await createRoom(url, {
      title: 'Frames',
      candidateName: 'Ada',
      questionIds: [gil.id, hints.id],
    });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const frames = () =>
      interviewer.received
        .filter((e) => e.event === 'room:private')
        .map((e) => e.payload as InterviewerFrame);
    const lastFrame = () => frames().at(-1) as InterviewerFrame;
    // The whole view on connection, with its plan.
    const connected = await interviewer.nextView();
    expect(connected.plan.map((q) => q.id)).toEqual([gil.id, hints.id]);
    expect(frames()[0]).toMatchObject({ plan: connected.plan, records: connected.records });
    // The interviewer's own arrival is a change of the timeline.
    const first = await interviewer.nextView((v) => v.timeline.some((e) => e.type === 'participant-joined'));

    // A note save: only the record it changed and the events it added, over the version before;
    // no question (so no rubric), and the key of the plan it goes with.
    await interviewer.send('notes:save', { questionId: gil.id, notes: NOTE_CANARY, opId: opId() });
    const noted = await interviewer.nextView((v) => v.records[gil.id]?.notes === NOTE_CANARY);
    const change = lastFrame();
    if (!('changes' in change)) throw new Error('a note save sent the whole view');
    expect(change).not.toHaveProperty('plan');
    expect(change).not.toHaveProperty('records');
    expect(change.planKey).toBe(first.planKey);
    expect(change.changes.base).toBe(first.version);
    expect(Object.keys(change.changes.records)).toEqual([gil.id]);
    expect(change.changes.timelineFrom).toBe(first.timeline.length);
    expect(change.changes.timeline).toEqual(noted.timeline.slice(first.timeline.length));
    expect(JSON.stringify(change)).not.toContain(gil.rubric.sampleAnswer);
    // Applied over the view held, it gives the whole view the server has.
    expect(noted.records[hints.id]).toEqual(first.records[hints.id]);
    expect(noted.plan).toEqual(first.plan);
    // Versions only grow, so a client can drop a frame older than what it shows.
    expect(noted.version).toBe(first.version + 1);

    // A plan change carries the whole view with the new plan, under a new key.
    await interviewer.send('plan:set', { items: [item(gil.id, 13), item(hints.id, 7)], opId: opId() });
    const planned = await interviewer.nextView((v) => v.plan[0]?.budgetMinutes === 13);
    expect(planned.planKey).not.toBe(first.planKey);
    expect(frames().filter((f) => 'plan' in f && f.plan)).toHaveLength(2);
    expect(lastFrame()).not.toHaveProperty('changes');

    // A client that missed a frame reads the whole view.
    const whole = await interviewer.send('room:view', {});
    if (!whole.ok) throw new Error('room:view refused');
    expect(whole.data.view.plan?.map((q) => q.id)).toEqual([gil.id, hints.id]);
    expect(whole.data.view.planKey).toBe(planned.planKey);
    expect(whole.data.view.version).toBeGreaterThanOrEqual(planned.version);
    expect(whole.data.view.records[gil.id]?.notes).toBe(NOTE_CANARY);
  });
});
