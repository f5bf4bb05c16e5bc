import { request } from 'node:http';
import { io } from 'socket.io-client';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type ClientSocket, createRoom, startServer, upgradeStatus } from './harness.ts';

const EVIL = 'https://evil.example';

/**
 * Opens a Socket.io connection with an `Origin` header, as a browser on that origin would send it.
 * Resolves 'connected', or the connect_error message.
 */
function socketIoWithOrigin(
  url: string,
  auth: Record<string, unknown>,
  origin: string,
  transport: 'websocket' | 'polling',
): Promise<string> {
  const socket: ClientSocket = io(url, {
    auth,
    transports: [transport],
    // Node's clients may set Origin; a page on another site cannot choose what its browser sends.
    extraHeaders: { Origin: origin },
    transportOptions: { polling: { extraHeaders: { Origin: origin } } },
    reconnection: false,
    forceNew: true,
  });
  onTestFinished(() => {
    socket.disconnect();
  });
  return new Promise((resolve) => {
    socket.on('session:ready', () => resolve('connected'));
    socket.on('connect_error', (error) => resolve(error.message));
  });
}

/** The raw answer to an engine.io polling handshake (what a cross-site fetch would get). */
function pollingHandshake(url: string, origin: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/socket.io/?EIO=4&transport=polling`, {
      headers: origin ? { Origin: origin } : {},
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('cross-site WebSocket hijacking: the Origin is checked before the token', () => {
  it('by default, refuses another site’s page on Socket.io (WebSocket and polling) and on Yjs', async () => {
    const { url } = await startServer();
    const room = await createRoom(url);
    const auth = { roomId: room.id, token: room.interviewer.token };
    const yjs = `${url.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.interviewer.token}`;

    // A valid token does not help a foreign page.
    expect(await socketIoWithOrigin(url, auth, EVIL, 'websocket')).toBe('websocket error');
    expect(await socketIoWithOrigin(url, auth, EVIL, 'polling')).toBe('xhr poll error');
    const polling = await pollingHandshake(url, EVIL);
    expect(polling.status).toBe(403);
    expect(polling.body).not.toContain('"sid"');
    expect(await upgradeStatus(yjs, { Origin: EVIL })).toBe(403);
    expect(await upgradeStatus(yjs, { Origin: 'null' })).toBe(403);
    // Refused before the token is looked at: no token gives the same answer, not a 401.
    expect(await upgradeStatus(`${url.replace(/^http/, 'ws')}/yjs/${room.id}`, { Origin: EVIL })).toBe(403);

    // The app's own page (same host) and non-browser clients (no Origin) are served.
    expect(await socketIoWithOrigin(url, auth, url, 'websocket')).toBe('connected');
    expect(await socketIoWithOrigin(url, auth, url, 'polling')).toBe('connected');
    expect((await pollingHandshake(url, url)).status).toBe(200);
    expect((await pollingHandshake(url, null)).status).toBe(200);
    expect(await upgradeStatus(yjs, { Origin: url })).toBe(101);
    expect(await upgradeStatus(yjs)).toBe(101);
  });

  it('with ALLOWED_ORIGINS, serves exactly those origins', async () => {
    const allowed = 'https://interviews.example';
    const { url } = await startServer({ allowedOrigins: [allowed] });
    const room = await createRoom(url);
    const auth = { roomId: room.id, token: room.candidate.token };
    const yjs = `${url.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.candidate.token}`;

    expect(await socketIoWithOrigin(url, auth, allowed, 'websocket')).toBe('connected');
    expect(await upgradeStatus(yjs, { Origin: allowed })).toBe(101);
    // The list replaces the same-host default: the server's own address is not on it.
    expect(await socketIoWithOrigin(url, auth, url, 'websocket')).toBe('websocket error');
    expect(await upgradeStatus(yjs, { Origin: url })).toBe(403);
    expect(await upgradeStatus(yjs, { Origin: EVIL })).toBe(403);
  });
});
