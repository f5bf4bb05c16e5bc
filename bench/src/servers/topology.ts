import type { Children } from '../children.ts';
import type { Target } from '../results.ts';
import {
  type LaunchOptions,
  type RedisHandle,
  type ServerHandle,
  startOurServer,
  startRedis,
  startStockServer,
} from './launch.ts';
import type { MemorySample } from './probeMessages.ts';

/** The server side of a scenario: one or two server processes (and Redis), fresh for each. */
export interface Topology {
  target: Target;
  servers: ServerHandle[];
  redis: RedisHandle | null;
  /** Where interviewers connect and rooms are created. */
  interviewerUrl: string;
  /** Where candidates connect: the second instance, so every edit and push crosses Redis. */
  candidateUrl: string;
  /** Every process to sample, by name. */
  pids: Record<string, number>;
  /** Memory summed over the server processes (Redis holds the data, not the servers' state). */
  memory(): Promise<MemorySample>;
  stop(): Promise<void>;
}

export async function startTopology(
  children: Children,
  target: Target,
  options: Pick<LaunchOptions, 'env' | 'profileDir' | 'gcTraceDir' | 'profileName'> = {},
): Promise<Topology> {
  const { env = {}, profileDir, gcTraceDir } = options;
  const name = (suffix: string) => `${options.profileName ?? target}${suffix}`;
  let servers: ServerHandle[];
  let redis: RedisHandle | null = null;
  const pids: Record<string, number> = {};
  switch (target) {
    case 'ours-1':
      servers = [await startOurServer(children, { env, profileDir, gcTraceDir, profileName: name('') })];
      break;
    case 'ours-2': {
      redis = await startRedis(children);
      const redisUrl = redis.url;
      servers = await Promise.all([
        startOurServer(children, { redisUrl, env, profileDir, gcTraceDir, profileName: name('-A') }),
        startOurServer(children, { redisUrl, env, profileDir, gcTraceDir, profileName: name('-B') }),
      ]);
      pids.redis = redis.pid;
      break;
    }
    case 'stock':
      servers = [await startStockServer(children, { profileDir, gcTraceDir, profileName: name('') })];
      break;
  }
  if (servers.length === 1 && servers[0]) pids.server = servers[0].pid;
  else for (const [i, server] of servers.entries()) pids[`server${String.fromCharCode(65 + i)}`] = server.pid;
  const [first, second] = servers;
  if (!first) throw new Error('no server started');
  return {
    target,
    servers,
    redis,
    interviewerUrl: first.url,
    candidateUrl: (second ?? first).url,
    pids,
    async memory() {
      const samples = await Promise.all(servers.map((server) => server.memory()));
      return samples.reduce((sum, s) => ({
        heapUsed: sum.heapUsed + s.heapUsed,
        codeHeap: sum.codeHeap + s.codeHeap,
        rss: sum.rss + s.rss,
        external: sum.external + s.external,
        arrayBuffers: sum.arrayBuffers + s.arrayBuffers,
      }));
    },
    async stop() {
      await Promise.all(servers.map((server) => server.stop()));
      await redis?.stop();
    },
  };
}
