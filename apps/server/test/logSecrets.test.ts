import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';
import {
  connect,
  connectError,
  connectYjs,
  createRoom,
  startServer,
  synced,
  upgradeStatus,
  waitFor,
} from './harness.ts';

describe('no secrets in logs', () => {
  it('refused connections with another room’s token are logged, and no token ever is', async () => {
    const lines: string[] = [];
    const { url } = await startServer({ log: createLogger('debug', (line) => lines.push(line)) });
    const room = await createRoom(url);
    const other = await createRoom(url);
    const stolen = other.interviewer.token;
    const ws = url.replace(/^http/, 'ws');

    // A valid-looking token, of another room, on every door.
    expect((await connectError(url, { roomId: room.id, token: stolen })).message).toBe('UNAUTHORIZED');
    expect(await upgradeStatus(`${ws}/yjs/${room.id}?token=${stolen}`)).toBe(401);
    expect(
      await upgradeStatus(`${ws}/yjs/${room.id}?token=${stolen}`, { Origin: 'https://evil.example' }),
    ).toBe(403);
    const bearer = { authorization: `Bearer ${stolen}` };
    expect((await fetch(`${url}/api/rooms/${room.id}/export`, { headers: bearer })).status).toBe(401);
    // And the rightful uses, which log too.
    const interviewer = connect(url, { roomId: room.id, token: room.interviewer.token });
    await interviewer.next('session:ready');
    await synced(connectYjs(url, room.id, room.candidate.token));
    const regenerated = await fetch(`${url}/api/rooms/${room.id}/links`, {
      method: 'POST',
      headers: { authorization: `Bearer ${room.interviewer.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ roles: ['candidate'] }),
    });
    const fresh = ((await regenerated.json()) as { candidate: { token: string } }).candidate.token;

    const logged = () => lines.join('\n');
    await waitFor(
      () =>
        ['socket refused', 'yjs connection refused', 'origin not allowed', 'links regenerated'].every((m) =>
          logged().includes(m),
        )
          ? true
          : undefined,
      'the refusals and the regeneration in the log',
    );
    // The refusal says which room and why: enough to investigate, nothing to reuse.
    const refusal = lines.find((line) => line.includes('socket refused')) ?? '';
    expect(JSON.parse(refusal)).toMatchObject({ roomId: room.id, reason: 'UNAUTHORIZED' });
    for (const token of [stolen, other.candidate.token, room.interviewer.token, room.candidate.token, fresh])
      expect(logged()).not.toContain(token);
  });
});
