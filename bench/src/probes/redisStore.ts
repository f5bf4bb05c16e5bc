import { codeTextKey } from '@interview-room/protocol';
import { createClient } from 'redis';
import type { Children } from '../children.ts';
import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import { LeanYjsClient } from '../load/yjsClient.ts';
import { sleep } from '../net.ts';
import type { BenchResults } from '../results.ts';
import { benchQuestions, createRooms } from '../rooms.ts';
import { startTopology } from '../servers/topology.ts';
import { summarize } from '../stats.ts';
import { connectBackground } from './background.ts';

const PROBE_ROOMS = 10;
const EDIT_GAP_MS = 150;
const STORE_TIMEOUT_MS = 5_000;

/**
 * The stream our server appends each Yjs update to (`apps/server/src/docs/redis.ts`, logKey). The
 * bench reads Redis itself rather than trusting the server's word: Redis tells, through a keyspace
 * notification, the moment the entry exists.
 */
const logKey = (roomId: string) => `ir:doc:${roomId}:code:log`;

/**
 * An edit until it is stored in Redis, on two instances with `backgroundRooms` rooms typing: a few
 * probe rooms make one edit at a time and wait for the XADD on their stream.
 */
export async function probeRedisStore(
  children: Children,
  generator: LoadGenerator,
  workload: Workload,
  backgroundRooms: number,
  editsPerRoom: number,
): Promise<NonNullable<BenchResults['redisStore']>> {
  const topology = await startTopology(children, 'ours-2', { profileName: 'redis-store' });
  const redis = topology.redis;
  if (!redis) throw new Error('ours-2 has a Redis');
  const subscriber = createClient({ url: redis.url });
  subscriber.on('error', () => undefined);
  const clients: LeanYjsClient[] = [];
  try {
    await subscriber.connect();
    await connectBackground(generator, topology, backgroundRooms, workload);
    const [question] = benchQuestions();
    const rooms = await createRooms(topology.interviewerUrl, PROBE_ROOMS);
    const samples: number[] = [];
    let timeouts = 0;
    await Promise.all(
      rooms.map(async (room) => {
        const client = new LeanYjsClient(
          `${topology.interviewerUrl.replace(/^http/, 'ws')}/yjs/${room.id}?token=${room.interviewer.token}`,
          { onApplied: () => undefined, onUnexpectedClose: () => undefined },
        );
        clients.push(client);
        await client.open();
        let stored: (() => void) | null = null;
        await subscriber.subscribe(`__keyspace@0__:${logKey(room.id)}`, (event) => {
          if (event === 'xadd') stored?.();
        });
        const text = client.doc.getText(codeTextKey(question.id));
        for (let i = 0; i < editsPerRoom; i++) {
          await sleep(EDIT_GAP_MS * (0.5 + Math.random()));
          const started = performance.now();
          const done = new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), STORE_TIMEOUT_MS);
            stored = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          text.insert(text.length, 'x');
          if (await done) samples.push(performance.now() - started);
          else timeouts++;
          stored = null;
        }
      }),
    );
    await generator.stop(0);
    await generator.close();
    return {
      target: 'ours-2',
      summary: summarize(Float64Array.from(samples)),
      note: `${PROBE_ROOMS} rooms × ${editsPerRoom} edits, keyspace notification of the XADD${timeouts > 0 ? `; ${timeouts} not stored within ${STORE_TIMEOUT_MS} ms` : ''}`,
      backgroundRooms,
    };
  } finally {
    for (const client of clients) client.close();
    await subscriber.close().catch(() => undefined);
    await topology.stop();
  }
}
