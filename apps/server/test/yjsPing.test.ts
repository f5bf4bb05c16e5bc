import { describe, expect, it } from 'vitest';
import { createRoom, startServer } from './harness.ts';
import { openRawYjs, within } from './rawClients.ts';

describe('dead Yjs connections', () => {
  it('terminates a connection that stops answering pings, and keeps one that answers', async () => {
    const { url } = await startServer({ yjsPingIntervalMs: 300 });
    const room = await createRoom(url);
    const gone = await openRawYjs(url, room.id, room.candidate.token, {}, false);
    const live = await openRawYjs(url, room.id, room.interviewer.token);
    let pings = 0;
    live.ws.on('ping', () => pings++);

    // Pinged within one interval, terminated at the next: no close frame, so code 1006.
    expect(await within(gone.closed, 2_000, 'the silent connection to be terminated')).toMatchObject({
      code: 1006,
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(pings).toBeGreaterThanOrEqual(2);
    expect(live.ws.readyState).toBe(live.ws.OPEN);
  });
});
