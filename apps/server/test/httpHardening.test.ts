import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ExportReportSchema } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { DEFAULT_ROOM_CREATIONS_PER_MINUTE } from '../src/http/rateLimit.ts';
import { createLogger } from '../src/logger.ts';
import { connect, connectError, connectYjs, createRoom, opId, startServer, synced } from './harness.ts';

/** Names and labels that would run script, load an image or restyle the page if not escaped. */
export const HOSTILE = {
  title: '</style><img src=x onerror=alert(1)>',
  candidateName: '"><script>alert(1)</script>',
  interviewerName: 'red;}body{display:none}',
  joiningInterviewer: '<img src=x onerror=alert(2)>',
  notes: '<script>alert(3)</script> [x](javascript:alert(4))',
} as const;

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

/** `script-src 'self'; object-src 'none'` -> { 'script-src': ["'self'"], ... } */
function cspDirectives(header: string | null): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (header ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), values);
  }
  return directives;
}

describe('security headers', () => {
  it('every kind of response carries a strict CSP and the anti-sniffing, framing and referrer headers', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'ir-dist-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Interview Room</title>');
    const { url } = await startServer({ webDistDir: dist });
    const room = await createRoom(url);
    const responses = {
      page: await fetch(`${url}/room/${room.id}`),
      api: await fetch(`${url}/api/questions`),
      error: await fetch(`${url}/api/nope`),
      export: await fetch(`${url}/api/rooms/${room.id}/export?format=md`, {
        headers: { authorization: `Bearer ${room.interviewer.token}` },
      }),
    };
    for (const [kind, res] of Object.entries(responses)) {
      const csp = cspDirectives(res.headers.get('content-security-policy'));
      const scripts = csp.get('script-src') ?? csp.get('default-src');
      // Scripts from our own origin only: no inline script, no JS eval, no other host (WebAssembly
      // compilation for the in-browser Python runner is the one allowance). With no inline event
      // handlers either, an injected <script> or onerror= cannot run even if some text ever
      // reached the page as HTML.
      expect(scripts, kind).toContain("'self'");
      expect(
        scripts?.filter((source) => !["'self'", "'wasm-unsafe-eval'"].includes(source)),
        kind,
      ).toEqual([]);
      expect(csp.get('script-src-attr'), kind).toEqual(["'none'"]);
      expect(csp.get('default-src'), kind).toEqual(["'self'"]);
      expect(csp.get('object-src'), kind).toEqual(["'none'"]);
      expect(csp.get('base-uri'), kind).toEqual(["'self'"]);
      expect(csp.get('form-action'), kind).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), kind).toEqual(["'none'"]);
      expect(csp.get('connect-src'), kind).toEqual(["'self'"]);
      expect(res.headers.get('x-frame-options'), kind).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), kind).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), kind).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), kind).toBe('same-origin');
      expect(res.headers.get('x-powered-by'), kind).toBeNull();
    }
    expect(responses.page.status).toBe(200);
    expect(responses.export.headers.get('cache-control')).toBe('no-store');
  });
});

describe('rate-limited room creation', () => {
  it(`allows ${DEFAULT_ROOM_CREATIONS_PER_MINUTE} rooms a minute per address, then answers 429 with Retry-After`, async () => {
    const { url } = await startServer({ roomCreationPerMinute: DEFAULT_ROOM_CREATIONS_PER_MINUTE });
    const body = { title: 'Screen', candidateName: 'Ada' };
    for (let i = 0; i < DEFAULT_ROOM_CREATIONS_PER_MINUTE; i++)
      expect((await post(url, body)).status).toBe(201);
    const limited = await post(url, body);
    expect(limited.status).toBe(429);
    // One token comes back every 60 s / 20 = 3 s.
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(await limited.json()).toMatchObject({
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/try again in 3 s/) },
    });
    // An invalid body still gets its 400: it spends nothing and creates nothing.
    expect((await post(url, { title: '' })).status).toBe(400);
    // Another client (behind the trusted local proxy) has its own bucket.
    expect((await post(url, body, { 'x-forwarded-for': '203.0.113.7' })).status).toBe(201);
    expect((await post(url, body)).status).toBe(429);
  });

  it('is configured by ROOM_CREATION_PER_MINUTE, default 20, at least 1', () => {
    expect(loadConfig({}).roomCreationPerMinute).toBe(DEFAULT_ROOM_CREATIONS_PER_MINUTE);
    expect(DEFAULT_ROOM_CREATIONS_PER_MINUTE).toBe(20);
    expect(loadConfig({ ROOM_CREATION_PER_MINUTE: '5' }).roomCreationPerMinute).toBe(5);
    expect(() => loadConfig({ ROOM_CREATION_PER_MINUTE: '0' })).toThrow(/ROOM_CREATION_PER_MINUTE/);
  });
});

describe('injection through names and labels: exports', () => {
  it('the Markdown export escapes every name, title and note; the JSON export keeps them as data', async () => {
    const { url } = await startServer();
    const room = await createRoom(url, {
      title: HOSTILE.title,
      candidateName: HOSTILE.candidateName,
      interviewerName: HOSTILE.interviewerName,
    });
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    const second = connect(url, {
      roomId: room.id,
      token: room.interviewer.token,
      name: HOSTILE.joiningInterviewer,
    });
    await Promise.all([interviewer.next('session:ready'), second.next('session:ready')]);
    expect(await interviewer.send('question:next', {})).toMatchObject({ ok: true });
    const view = await interviewer.nextView((v) => (v.plan?.length ?? 0) > 0);
    const questionId = view.plan?.[0]?.id ?? '';
    expect(
      await interviewer.send('notes:save', { questionId, notes: HOSTILE.notes, opId: opId() }),
    ).toMatchObject({
      ok: true,
    });

    const md = await fetch(`${url}/api/rooms/${room.id}/export?format=md`, {
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename="[A-Za-z0-9_-]+\.md"$/);
    const text = await md.text();
    for (const raw of ['<img', '<script', '</style', '</script', 'onerror=alert(1)>']) {
      expect(text).not.toContain(raw);
    }
    expect(text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(text).toContain('&lt;script&gt;alert(3)&lt;/script&gt;');
    // Markdown syntax in a name is escaped too: it renders as the characters typed.
    expect(text).toContain('red;}body{display:none}');

    const json = await fetch(`${url}/api/rooms/${room.id}/export?format=json`, {
      headers: { authorization: `Bearer ${room.interviewer.token}` },
    });
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.headers.get('x-content-type-options')).toBe('nosniff');
    const report = ExportReportSchema.parse(await json.json());
    expect(report.title).toBe(HOSTILE.title);
    expect(report.candidateName).toBe(HOSTILE.candidateName);
    expect(report.interviewers).toEqual([HOSTILE.interviewerName, HOSTILE.joiningInterviewer]);
  });
});

describe('no secrets in logs', () => {
  it('the logger masks anything shaped like a token, wherever it sits in a line', () => {
    const lines: string[] = [];
    const log = createLogger('debug', (line) => lines.push(line));
    const token = 'A'.repeat(21) + '_-'.repeat(11);
    log.warn(`upgrade refused for /yjs/room?token=${token}`, {
      url: `/yjs/room?token=${token}`,
      error: new Error(`bad token ${token}`),
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain(token);
    expect(lines[0]?.match(/\[redacted\]/g)).toHaveLength(4);
  });

  it('no role token appears in any log line, even where a request carried one', async () => {
    const lines: string[] = [];
    const { url } = await startServer({ log: createLogger('debug', (line) => lines.push(line)) });
    const room = await createRoom(url);
    const tokens = [room.interviewer.token, room.candidate.token];
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await interviewer.next('session:ready');
    await synced(connectYjs(url, room.id, room.candidate.token));
    // Refusals log what was refused: a candidate exporting, a token of another room.
    const refused = await fetch(`${url}/api/rooms/${room.id}/export`, {
      headers: { authorization: `Bearer ${room.candidate.token}` },
    });
    expect(refused.status).toBe(403);
    const other = await createRoom(url);
    await connectError(url, { roomId: other.id, token: room.interviewer.token });
    await fetch(`${url}/api/rooms/${room.id}/export?token=${room.interviewer.token}&format=pdf`);
    expect(lines.length).toBeGreaterThan(0);
    for (const token of [...tokens, other.interviewer.token, other.candidate.token]) {
      expect(lines.filter((line) => line.includes(token))).toEqual([]);
    }
  });
});
