import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { startServer } from './harness.ts';

const SCRIPT = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;

function distWithTwin(): string {
  const dist = mkdtempSync(path.join(tmpdir(), 'ir-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Interview Room</title>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets', 'app.js.gz'), gzipSync(SCRIPT));
  writeFileSync(path.join(dist, 'assets', 'plain.css'), 'body { color: red }');
  return dist;
}

/** fetch() would decode gzip and hide what was sent, so read the raw response. */
function rawGet(url: string, headers: Record<string, string>, method = 'GET') {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('precompressed static files', () => {
  it('sends the .gz twin, typed as the original, to a client that accepts gzip', async () => {
    const { url } = await startServer({ webDistDir: distWithTwin() });
    const res = await rawGet(`${url}/assets/app.js`, { 'accept-encoding': 'br, gzip;q=0.8' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 10);
    expect(gunzipSync(res.body).toString()).toBe(SCRIPT);
  });

  it('sends the plain file to a client that does not accept gzip', async () => {
    const { url } = await startServer({ webDistDir: distWithTwin() });
    for (const accept of ['identity', 'gzip;q=0', '']) {
      const res = await rawGet(`${url}/assets/app.js`, { 'accept-encoding': accept });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body.toString()).toBe(SCRIPT);
    }
  });

  it('serves files without a twin, and the app for other paths, as before', async () => {
    const { url } = await startServer({ webDistDir: distWithTwin() });
    const css = await rawGet(`${url}/assets/plain.css`, { 'accept-encoding': 'gzip' });
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('body { color: red }');
    const page = await rawGet(`${url}/assets/../room/abc`, { 'accept-encoding': 'gzip' });
    expect(page.body.toString()).toContain('<title>Interview Room</title>');
    const head = await rawGet(`${url}/assets/app.js`, { 'accept-encoding': 'gzip' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.body.length).toBe(0);
  });
});
