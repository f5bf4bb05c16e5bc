import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateRoomResponseSchema, ExportReportSchema } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { connect, createRoom, startServer } from './harness.ts';

const exportUrl = (url: string, id: string, format = 'md') =>
  `${url}/api/rooms/${id}/export?format=${format}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('POST /api/rooms', () => {
  it('answers 201 with two unguessable role links', async () => {
    const { url } = await startServer();
    const res = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Screen', candidateName: 'Ada' }),
    });
    expect(res.status).toBe(201);
    const body = CreateRoomResponseSchema.parse(await res.json());
    // 22 base64url chars = 128 bits; 43 = 256 bits.
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(body.interviewer.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.candidate.token).not.toBe(body.interviewer.token);
    expect(body.interviewer.url).toBe(`${url}/room/${body.id}#token=${body.interviewer.token}`);
    expect(body.candidate.url).toBe(`${url}/room/${body.id}#token=${body.candidate.token}`);
  });

  it('uses the chosen questions in the chosen order', async () => {
    const { url } = await startServer();
    const ids = defaultBank.defaultPlan();
    const chosen = [ids[3], ids[0]];
    const room = await createRoom(url, { title: 'Two', candidateName: 'Ada', questionIds: chosen });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const view = await interviewer.nextView((v) => v.plan !== undefined);
    expect(view.plan?.map((q) => q.id)).toEqual(chosen);
  });

  it.each([
    [{ candidateName: 'Ada' }, 'title'],
    [{ title: '', candidateName: 'Ada' }, 'title'],
    [{ title: 'T' }, 'candidateName'],
    [{ title: 'T', candidateName: 'Ada', questionIds: ['no-such-question'] }, 'questionIds.0'],
    [{ title: 'T', candidateName: 'Ada', questionIds: ['python-gil', 'python-gil'] }, 'questionIds'],
    [{ title: 'T', candidateName: 'Ada', questionIds: [], savedPlanId: 'A'.repeat(22) }, 'savedPlanId'],
    [{ title: 'T', candidateName: 'Ada', savedPlanId: 'not-an-id' }, 'savedPlanId'],
    [{ title: 'T', candidateName: 'Ada', extra: 1 }, ''],
    [{ title: 'x'.repeat(500), candidateName: 'Ada' }, 'title'],
  ])('rejects %j with 400 naming the field', async (body, field) => {
    const { url } = await startServer();
    const res = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; field: string; message: string } };
    expect(json.error.code).toBe('BAD_REQUEST');
    if (field) expect(json.error.field).toBe(field);
    expect(json.error.message.length).toBeGreaterThan(0);
  });

  it('rejects malformed JSON and oversized bodies with a JSON error', async () => {
    const { url } = await startServer();
    const malformed = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"title": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
    const huge = await fetch(`${url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'T', candidateName: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('GET /api/rooms/:id/export', () => {
  it('gives interviewers Markdown and JSON as attachments', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const md = await fetch(exportUrl(url, room.id, 'md'), { headers: bearer(room.interviewer.token) });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.md"$/);
    expect(md.headers.get('content-type')).toContain('text/markdown');
    const text = await md.text();
    expect(text).toContain('# Python screen');
    expect(text).toContain('Ada Lovelace');

    const json = await fetch(exportUrl(url, room.id, 'json'), { headers: bearer(room.interviewer.token) });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toMatch(/^attachment; filename=".+\.json"$/);
    const report = ExportReportSchema.parse(await json.json());
    expect(report.candidateName).toBe('Ada Lovelace');
    expect(report.interviewers).toEqual(['Grace']);
    expect(report.questions).toHaveLength(10);
  });

  it('refuses a candidate token with 403', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const res = await fetch(exportUrl(url, room.id), { headers: bearer(room.candidate.token) });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('Ada Lovelace');
  });

  it('answers 401 without a token or with a wrong one, and 404 for an unknown room', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const other = await createRoom(url);
    expect((await fetch(exportUrl(url, room.id))).status).toBe(401);
    expect((await fetch(exportUrl(url, room.id), { headers: bearer('x'.repeat(43)) })).status).toBe(401);
    expect((await fetch(exportUrl(url, room.id), { headers: bearer(other.interviewer.token) })).status).toBe(
      401,
    );
    expect(
      (await fetch(exportUrl(url, 'A'.repeat(22)), { headers: bearer(room.interviewer.token) })).status,
    ).toBe(404);
    expect(
      (await fetch(exportUrl(url, room.id, 'pdf'), { headers: bearer(room.interviewer.token) })).status,
    ).toBe(400);
  });
});

describe('other routes', () => {
  it('GET /healthz answers 200 with the store kind', async () => {
    const { url } = await startServer({ kind: 'redis' });
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'redis' });
  });

  it('GET /api/questions lists the bank without prompts or rubrics', async () => {
    const { url } = await startServer();
    const res = await fetch(`${url}/api/questions`);
    const list = (await res.json()) as Record<string, unknown>[];
    expect(list.map((q) => q.id)).toEqual(defaultBank.defaultPlan());
    const body = JSON.stringify(list);
    for (const question of defaultBank.all()) {
      expect(body).not.toContain(question.rubric.sampleAnswer.slice(0, 40));
      expect(body).not.toContain(question.prompt.slice(0, 40));
    }
  });

  it('unknown API paths answer a JSON 404; other paths serve the web app', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'ir-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Interview Room</title>');
    const { url } = await startServer({ webDistDir: dist });
    const api = await fetch(`${url}/api/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const page = await fetch(`${url}/room/abc`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Interview Room</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('DELETE /api/rooms/:id', () => {
  it('lets an interviewer delete a room and all its data, disconnecting everyone', async () => {
    const { url, store } = await startServer({ kind: 'redis' });
    const room = await createRoom(url);
    const candidate = connect(url, { roomId: room.id, token: room.candidate.token });
    await candidate.next('session:ready');
    const disconnected = new Promise((resolve) => candidate.socket.once('disconnect', resolve));

    expect((await fetch(`${url}/api/rooms/${room.id}`, { method: 'DELETE' })).status).toBe(401);
    const asCandidate = await fetch(`${url}/api/rooms/${room.id}`, {
      method: 'DELETE',
      headers: bearer(room.candidate.token),
    });
    expect(asCandidate.status).toBe(403);

    const res = await fetch(`${url}/api/rooms/${room.id}`, {
      method: 'DELETE',
      headers: bearer(room.interviewer.token),
    });
    expect(res.status).toBe(204);
    await disconnected;
    expect(await store.getRoom(room.id)).toBeNull();
    expect(await store.listPresence(room.id)).toEqual([]);
    expect((await fetch(exportUrl(url, room.id), { headers: bearer(room.interviewer.token) })).status).toBe(
      404,
    );
    const again = await fetch(`${url}/api/rooms/${room.id}`, {
      method: 'DELETE',
      headers: bearer(room.interviewer.token),
    });
    expect(again.status).toBe(404);
  });
});
