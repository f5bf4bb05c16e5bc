/**
 * A load worker: a child process of the bench that holds a share of the rooms' clients, so the
 * generator uses more than one core and each process's event loop stays short. Both clients of a
 * room live in the same worker, so a keystroke's send and arrival are timed on one clock.
 * It exits when the bench goes away (its IPC channel closes).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LoadRoom } from './loadRoom.ts';
import type { FromWorker, RoomSpec, ToWorker, WorkerReport, Workload } from './messages.ts';
import { OurLoadRoom } from './ourRoom.ts';
import { Recorder } from './recorder.ts';
import { StockLoadRoom } from './stockRoom.ts';

/** How often due keystrokes are sent; a keystroke's latency is timed from its real send. */
const TICK_MS = 5;
const NS_PER_MS = 1e6;
const CONNECT_DEADLINE_MS = 90_000;

let recorder = new Recorder();
let rooms: LoadRoom[] = [];
let ticker: NodeJS.Timeout | null = null;
/** The histogram records each whole timer interval: the delay is what exceeds it. */
const LAG_RESOLUTION_MS = 10;
const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
const lagMs = (ns: number) => Math.max(0, ns / NS_PER_MS - LAG_RESOLUTION_MS);

const send = (message: FromWorker) => process.send?.(message);

async function connectAll(specs: RoomSpec[], workload: Workload): Promise<void> {
  recorder = new Recorder();
  let failed = 0;
  const queue = [...specs];
  const connectOne = async (spec: RoomSpec) => {
    const room =
      spec.kind === 'ours'
        ? new OurLoadRoom(spec, workload, recorder)
        : new StockLoadRoom(spec, workload, recorder);
    try {
      await room.connect();
      rooms.push(room);
    } catch (error) {
      failed++;
      recorder.error('connect', error instanceof Error ? error.message : String(error));
      room.close();
    }
  };
  // A server that cannot keep up must not hold the run forever: rooms not started by the
  // deadline count as failed.
  const deadline = performance.now() + CONNECT_DEADLINE_MS;
  await Promise.all(
    Array.from({ length: Math.max(1, workload.connectConcurrency) }, async () => {
      for (let spec = queue.shift(); spec; spec = queue.shift()) {
        if (performance.now() > deadline) {
          failed++;
          recorder.error('connect', `not connected within ${CONNECT_DEADLINE_MS / 1000} s`);
          continue;
        }
        await connectOne(spec);
      }
    }),
  );
  send({ type: 'connected', rooms: rooms.length, failed, errorSamples: recorder.errorSamples.slice() });
}

function start(): void {
  // A scenario that failed half-way may have left its ticker running.
  if (ticker) clearInterval(ticker);
  lag.enable();
  ticker = setInterval(() => {
    const now = performance.now();
    for (const room of rooms) room.tick(now, recorder);
  }, TICK_MS);
}

async function stop(drainMs: number): Promise<void> {
  if (ticker) clearInterval(ticker);
  ticker = null;
  recorder.measuring = false;
  lag.disable();
  const deadline = performance.now() + drainMs;
  while (performance.now() < deadline && rooms.some((room) => room.inFlight() > 0))
    await new Promise((resolve) => setTimeout(resolve, 20));
  for (const room of rooms) room.finish(recorder);
  const report: WorkerReport = {
    keystrokeMs: Float64Array.from(recorder.keystrokeMs),
    pushMs: Float64Array.from(recorder.pushMs),
    notesAckMs: Float64Array.from(recorder.notesAckMs),
    counts: recorder.counts,
    errors: recorder.errors,
    errorSamples: recorder.errorSamples,
    lag: { p50Ms: lagMs(lag.percentile(50)), p99Ms: lagMs(lag.percentile(99)), maxMs: lagMs(lag.max) },
  };
  send({ type: 'report', report });
}

function closeAll(): void {
  for (const room of rooms) room.close();
  rooms = [];
  send({ type: 'closed' });
}

process.on('message', (message: ToWorker) => {
  const run = async () => {
    switch (message.type) {
      case 'connect':
        await connectAll(message.rooms, message.workload);
        break;
      case 'start':
        start();
        break;
      case 'measure':
        // Counts and samples start from here: the warm-up is behind us.
        recorder.measuring = true;
        lag.reset();
        break;
      case 'stop':
        await stop(message.drainMs);
        break;
      case 'close':
        closeAll();
        break;
    }
  };
  run().catch((error: unknown) => {
    send({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
