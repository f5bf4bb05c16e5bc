import { connect as tcpConnect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { connect, createRoom, startServer, waitFor } from './harness.ts';
import { within } from './rawClients.ts';

describe('shutdown', () => {
  it('is not held by a connection still open (a request half sent): it is cut, and the shutdown ends', async () => {
    const { url, app } = await startServer();
    const room = await createRoom(url);
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await waitFor(() => (interviewer.socket.connected ? true : undefined), 'the interviewer connected');
    // A request that never finishes: the HTTP server's own close waits for it without end.
    const { port } = new URL(url);
    const stalled = tcpConnect(Number(port), '127.0.0.1');
    stalled.on('error', () => undefined);
    await new Promise((resolve) => stalled.once('connect', resolve));
    stalled.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    const cut = new Promise((resolve) => stalled.once('close', resolve));

    await within(app.close(), 5_000, 'the shutdown');
    await within(cut, 2_000, 'the stalled connection to be cut');
    expect(interviewer.socket.connected).toBe(false);
  });
});
