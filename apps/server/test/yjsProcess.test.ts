import { defaultBank } from '@interview-room/questions';
import { describe, expect, inject, it } from 'vitest';
import { connectYjs, createRoom, synced, waitFor, type YjsClient } from './harness.ts';
import { ServerProcess } from './processes.ts';

const firstQuestion = defaultBank.all()[0];
if (!firstQuestion) throw new Error('the bank needs a question');
const question = firstQuestion;
const until = (check: () => boolean, what: string, timeoutMs = 20_000) =>
  waitFor(() => (check() ? true : undefined), what, timeoutMs);

const MARKER = /\[[A-Z]\d+\]/g;
const markersIn = (text: string) => new Set(text.match(MARKER) ?? []);
const textOf = (client: YjsClient) => client.text(question.id).toString();

/**
 * A bounded typing loop: one marker at the end of the question's text every `everyMs`, whether
 * or not the server is up (the editor keeps them and sends them once reconnected).
 */
function typist(client: YjsClient, prefix: string, count: number, everyMs: number) {
  const typed: string[] = [];
  let stopped = false;
  const done = (async () => {
    for (let i = 0; i < count && !stopped; i++) {
      const marker = `[${prefix}${i}]`;
      const text = client.text(question.id);
      text.insert(text.length, marker);
      typed.push(marker);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    typed,
    done,
    stop() {
      stopped = true;
      return done;
    },
  };
}

describe('code survives the real server process dying (slow: child processes, real Redis)', () => {
  it('kill -9 mid-typing: after the restart every edit of both editors is on the server', {
    timeout: 60_000,
  }, async () => {
    const server = await ServerProcess.start({ REDIS_URL: inject('redisUrl') });
    const room = await createRoom(server.url);
    const ada = connectYjs(server.url, room.id, room.candidate.token);
    const grace = connectYjs(server.url, room.id, room.interviewer.token);
    await Promise.all([synced(ada), synced(grace)]);

    const typingA = typist(ada, 'A', 120, 15);
    const typingG = typist(grace, 'G', 120, 15);
    await until(() => markersIn(textOf(grace)).size >= 40, 'typing to be under way and relayed');
    await server.kill('SIGKILL');
    const typedAtKill = typingA.typed.length + typingG.typed.length;
    await until(
      () => typingA.typed.length + typingG.typed.length >= typedAtKill + 20,
      'typing during the outage',
    );
    expect(ada.provider.wsconnected).toBe(false);

    await server.start();
    await Promise.all([typingA.done, typingG.done]);
    const everything = [...typingA.typed, ...typingG.typed];
    expect(everything).toHaveLength(240);
    await until(
      () =>
        ada.provider.synced &&
        grace.provider.synced &&
        textOf(ada) === textOf(grace) &&
        everything.every((marker) => textOf(ada).includes(marker)),
      'both editors to converge on every edit',
    );
    const fresh = connectYjs(server.url, room.id, room.interviewer.token);
    await synced(fresh);
    await until(() => textOf(fresh) === textOf(ada), 'a fresh client to get the same text');
    expect(markersIn(textOf(fresh)).size).toBe(240);
  });

  it('SIGTERM: every edit the server had received is stored before it exits', {
    timeout: 60_000,
  }, async () => {
    const server = await ServerProcess.start({ REDIS_URL: inject('redisUrl') });
    const room = await createRoom(server.url);
    const ada = connectYjs(server.url, room.id, room.candidate.token);
    const grace = connectYjs(server.url, room.id, room.interviewer.token);
    // Sees only what the server received and sent on: a lower bound of what must be stored.
    const observer = connectYjs(server.url, room.id, room.interviewer.token);
    await Promise.all([synced(ada), synced(grace), synced(observer)]);

    const typingA = typist(ada, 'A', 400, 5);
    const typingG = typist(grace, 'G', 400, 5);
    await until(() => markersIn(textOf(observer)).size >= 40, 'typing to be under way');
    await server.kill('SIGTERM');
    await Promise.all([typingA.stop(), typingG.stop()]);
    const received = markersIn(textOf(observer));
    // The editors (which hold edits the server never got) must not supply anything afterwards.
    for (const client of [ada, grace, observer]) client.provider.destroy();
    expect(server.output).not.toContain('not stored');
    expect(server.output).not.toContain('shutdown failed');

    await server.start();
    const fresh = connectYjs(server.url, room.id, room.interviewer.token);
    await synced(fresh);
    const stored = markersIn(textOf(fresh));
    const missing = [...received].filter((marker) => !stored.has(marker));
    expect(missing).toEqual([]);
    expect(received.size).toBeGreaterThanOrEqual(40);
  });
});
