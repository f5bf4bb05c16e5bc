import { PLAN_LIMITS, type SavedPlan, SavedPlanListSchema, SavedPlanSchema } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { connect, createRoom, startServer } from './harness.ts';
import { makeStore } from './stores.ts';

const [gil, hints, asyncio] = defaultBank.all();
if (!gil || !hints || !asyncio) throw new Error('the bank needs three questions');

const json = { 'content-type': 'application/json' };

async function post(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/plans`, { method: 'POST', headers: json, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const screen = {
  name: 'Python mid-level screen, 45 min',
  items: [
    { questionId: asyncio.id, budgetMinutes: 20 },
    { questionId: gil.id, budgetMinutes: 15 },
    { questionId: hints.id, budgetMinutes: 10 },
  ],
};

describe('saved plans (/api/plans)', () => {
  it('saves a plan, lists it, starts a room from it with its order and budgets, and deletes it', async () => {
    const { url } = await startServer();
    expect(await (await fetch(`${url}/api/plans`)).json()).toEqual([]);

    const created = await post(url, screen);
    expect(created.status).toBe(201);
    const plan = SavedPlanSchema.parse(created.body);
    expect(plan).toMatchObject(screen);
    expect(SavedPlanListSchema.parse(await (await fetch(`${url}/api/plans`)).json())).toEqual([plan]);

    const room = await createRoom(url, {
      title: 'From a saved plan',
      candidateName: 'Ada',
      savedPlanId: plan.id,
    });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const view = await interviewer.nextView((v) => v.plan !== undefined);
    expect(view.plan?.map((q) => [q.id, q.budgetMinutes])).toEqual(
      screen.items.map((i) => [i.questionId, i.budgetMinutes]),
    );
    // The room has its own snapshot: deleting the saved plan changes nothing in it.
    expect((await fetch(`${url}/api/plans/${plan.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${url}/api/plans/${plan.id}`, { method: 'DELETE' })).status).toBe(404);
    expect(await (await fetch(`${url}/api/plans`)).json()).toEqual([]);

    const gone = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'Too late', candidateName: 'Ada', savedPlanId: plan.id }),
    });
    expect(gone.status).toBe(400);
    expect(await gone.json()).toMatchObject({ error: { code: 'BAD_REQUEST', field: 'savedPlanId' } });
  });

  it('holds question ids and budgets only: never a prompt or a rubric', async () => {
    const { url } = await startServer();
    await post(url, screen);
    const listing = await (await fetch(`${url}/api/plans`)).text();
    expect(listing).toContain(asyncio.id);
    for (const text of [gil.prompt, gil.rubric.sampleAnswer, ...gil.rubric.keyPoints])
      expect(listing).not.toContain(text);
  });

  it.each([
    [{ items: screen.items }, 'name'],
    [{ name: '  ', items: screen.items }, 'name'],
    [{ name: 'x'.repeat(PLAN_LIMITS.savedPlanNameChars + 1), items: screen.items }, 'name'],
    [{ name: 'Empty', items: [] }, 'items'],
    [{ name: 'Twice', items: [screen.items[0], screen.items[0]] }, 'items'],
    [{ name: 'No time', items: [{ questionId: gil.id, budgetMinutes: 0 }] }, 'items.0.budgetMinutes'],
    [{ name: 'Forever', items: [{ questionId: gil.id, budgetMinutes: 181 }] }, 'items.0.budgetMinutes'],
    [
      { name: 'Ad hoc', items: [screen.items[0], { questionId: 'adhoc-x1', budgetMinutes: 5 }] },
      'items.1.questionId',
    ],
    [{ name: 'Extra', items: screen.items, rubric: 'x' }, ''],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    const { url } = await startServer();
    const { status, body: answer } = await post(url, body);
    expect(status).toBe(400);
    const error = (answer as { error: { code: string; field?: string; message: string } }).error;
    expect(error.code).toBe('BAD_REQUEST');
    if (field) expect(error.field).toBe(field);
    expect(error.message.length).toBeGreaterThan(0);
    expect(await (await fetch(`${url}/api/plans`)).json()).toEqual([]);
  });

  it('answers 404 for a malformed or unknown id', async () => {
    const { url } = await startServer();
    for (const id of ['x', 'A'.repeat(22)])
      expect((await fetch(`${url}/api/plans/${id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a room from a saved plan whose question the bank no longer has', async () => {
    const store = await makeStore('memory');
    const stale: SavedPlan = {
      id: 'B'.repeat(22),
      name: 'Old bank',
      items: [{ questionId: 'retired-question', budgetMinutes: 5 }],
      createdAt: 1,
    };
    await store.createSavedPlan(stale, 10);
    const { url } = await startServer({ store });
    const res = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ title: 'T', candidateName: 'Ada', savedPlanId: stale.id }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'Saved plan “Old bank” names question retired-question, which the bank no longer has',
        field: 'savedPlanId',
      },
    });
  });

  it('limits new saved plans per address like new rooms', async () => {
    const { url } = await startServer({ roomCreationPerMinute: 2 });
    expect((await post(url, screen)).status).toBe(201);
    expect((await post(url, screen)).status).toBe(201);
    const limited = await fetch(`${url}/api/plans`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify(screen),
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('starts a room with an empty plan, to be built in the room', async () => {
    const { url } = await startServer();
    const room = await createRoom(url, { title: 'Build it here', candidateName: 'Ada', questionIds: [] });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    expect((await interviewer.nextView((v) => v.plan !== undefined)).plan).toEqual([]);
  });
});
