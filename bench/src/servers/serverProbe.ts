/**
 * Preloaded (`--import`) into the server processes the bench starts, ours and the stock one alike,
 * so neither server carries any bench code: it answers memory and event-loop questions over the
 * IPC channel the bench opened. Needs `--expose-gc` for the memory reading to mean anything.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { isProbeRequest, type ProbeReply } from './probeMessages.ts';

const NS_PER_MS = 1e6;
/** The histogram records each whole timer interval: the delay is what exceeds it. */
const LAG_RESOLUTION_MS = 10;
const lagMs = (ns: number) => Math.max(0, ns / NS_PER_MS - LAG_RESOLUTION_MS);
/** V8's spaces for compiled code (`code_space`, `code_large_object_space`). */
const CODE_SPACE = /^code_/;

const codeHeapUsed = () =>
  getHeapSpaceStatistics()
    .filter((space) => CODE_SPACE.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0);

if (process.send) {
  const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  lag.enable();
  const reply = (message: ProbeReply) => process.send?.(message);
  process.on('message', (message: unknown) => {
    if (!isProbeRequest(message)) return;
    switch (message.type) {
      case 'bench:memory': {
        const gc = (globalThis as { gc?: () => void }).gc;
        // Twice: the first pass may only schedule finalizers that free more on the second.
        gc?.();
        gc?.();
        const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
        reply({
          type: 'bench:memory',
          id: message.id,
          memory: { heapUsed, codeHeap: codeHeapUsed(), rss, external, arrayBuffers },
        });
        break;
      }
      case 'bench:lag-reset':
        lag.reset();
        reply({ type: 'bench:lag-reset', id: message.id });
        break;
      case 'bench:lag':
        reply({
          type: 'bench:lag',
          id: message.id,
          lag: {
            p50Ms: lagMs(lag.percentile(50)),
            p99Ms: lagMs(lag.percentile(99)),
            maxMs: lagMs(lag.max),
          },
        });
        break;
      case 'bench:heap-snapshot':
        // The CPU profile's directory under it only appears when the server exits.
        mkdirSync(message.dir, { recursive: true });
        reply({
          type: 'bench:heap-snapshot',
          id: message.id,
          file: writeHeapSnapshot(path.join(message.dir, `${process.pid}.heapsnapshot`)),
        });
        break;
    }
  });
  // The channel must not keep a server alive that would otherwise exit.
  process.channel?.unref();
  // A server without a SIGTERM handler of its own (the stock one) would die of the signal, and a
  // death by signal writes no --cpu-prof profile: exit normally instead. Ours handles it itself.
  const onTerm = () => {
    if (process.listenerCount('SIGTERM') === 1) process.exit(0);
  };
  process.on('SIGTERM', onTerm);
}
