import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Target } from './results.ts';

export interface BenchOptions {
  rooms: number[];
  targets: Target[];
  warmupSeconds: number;
  measureSeconds: number;
  charsPerSecond: number;
  cursors: boolean;
  /** Runs per size; contention on a shared machine only ever adds latency, so the best run is kept. */
  repeat: number;
  pushEverySeconds: number;
  notesEverySeconds: number;
  workers: number;
  /** The scenario size whose clients all leave and whose memory is then watched. */
  leaveRooms: number;
  leaveSeconds: number;
  /** How long the servers rest after a full GC before each memory reading (see restedMemory). */
  restSeconds: number;
  browser: boolean;
  browserRooms: number;
  browserKeystrokes: number;
  reconnect: boolean;
  reconnectKiB: number;
  reconnectRepeats: number;
  redisProbe: boolean;
  redisProbeRooms: number;
  outDir: string;
  /** CPU profiles of our servers go here (`--profile DIR`). */
  profileDir: string | undefined;
  /** Every server's GC trace (`--trace-gc-nvp`) goes here (`--trace-gc DIR`). */
  gcTraceDir: string | undefined;
  smoke: boolean;
}

const TARGETS: readonly Target[] = ['ours-1', 'ours-2', 'stock'];
export const DEFAULT_RESULTS_DIR = fileURLToPath(new URL('../results', import.meta.url));
/** A smoke run's results are a check, not a measurement: they never replace the committed reference. */
export const SMOKE_RESULTS_DIR = path.join(os.tmpdir(), 'interview-room-bench-smoke');

export const USAGE = `pnpm bench [options]

  --rooms 1,100,500,1000,2000   room counts, one scenario per count and target
  --targets ours-1,ours-2,stock  ours on one instance, ours on two behind Redis, the stock server
  --duration 20                 seconds measured per scenario (after --warmup 3)
  --rate 2                      keystrokes per second per client
  --cursors                     also send a cursor (awareness) with each keystroke, as y-monaco does
  --repeat 1                    run each size this many times; the report keeps the best of each
  --push-every 10 --notes-every 5   seconds between question pushes / note saves per room
  --workers 2                   load generator processes
  --leave-rooms 1000 --leave-seconds 60   after that scenario, watch memory once clients leave
  --rest 10                     seconds the servers rest (after a full GC) before each memory reading
  --no-browser --browser-rooms 500 --browser-keystrokes 150
  --no-reconnect --reconnect-kib 100 --reconnect-repeats 20
  --no-redis-probe --redis-probe-rooms 500
  --out bench/results           where the JSON, Markdown and SVG go
  --profile DIR                 CPU profiles of our servers (--cpu-prof), to find hot spots
  --trace-gc DIR                every server's GC trace (--trace-gc-nvp); read it with pnpm bench:gc FILE
  --smoke                       a few seconds with 2 rooms per target (the test suite runs this; into a temp dir)
`;

function numbers(value: string, name: string): number[] {
  const list = value.split(',').map((part) => Number(part.trim()));
  if (list.length === 0 || list.some((n) => !Number.isFinite(n) || n <= 0))
    throw new Error(`--${name} takes positive numbers, e.g. ${name === 'rooms' ? '100,500' : '3'}`);
  return list;
}

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const [n] = numbers(value, name);
  return n ?? fallback;
}

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      help: { type: 'boolean' },
      smoke: { type: 'boolean' },
      rest: { type: 'string' },
      rooms: { type: 'string' },
      targets: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rate: { type: 'string' },
      cursors: { type: 'boolean' },
      repeat: { type: 'string' },
      'push-every': { type: 'string' },
      'notes-every': { type: 'string' },
      workers: { type: 'string' },
      'leave-rooms': { type: 'string' },
      'leave-seconds': { type: 'string' },
      'no-browser': { type: 'boolean' },
      'browser-rooms': { type: 'string' },
      'browser-keystrokes': { type: 'string' },
      'no-reconnect': { type: 'boolean' },
      'reconnect-kib': { type: 'string' },
      'reconnect-repeats': { type: 'string' },
      'no-redis-probe': { type: 'boolean' },
      'redis-probe-rooms': { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      'trace-gc': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const smoke = values.smoke ?? false;
  const targets = (values.targets ?? TARGETS.join(',')).split(',').map((t) => t.trim());
  for (const target of targets)
    if (!TARGETS.includes(target as Target))
      throw new Error(`--targets: unknown ${target} (one of ${TARGETS.join(', ')})`);
  return {
    rooms: values.rooms ? numbers(values.rooms, 'rooms') : smoke ? [2] : [1, 100, 500, 1000, 2000],
    targets: targets as Target[],
    warmupSeconds: positive(values.warmup, smoke ? 1 : 3, 'warmup'),
    measureSeconds: positive(values.duration, smoke ? 2 : 20, 'duration'),
    charsPerSecond: positive(values.rate, 2, 'rate'),
    cursors: values.cursors ?? false,
    repeat: Math.round(positive(values.repeat, 1, 'repeat')),
    pushEverySeconds: positive(values['push-every'], smoke ? 1 : 10, 'push-every'),
    notesEverySeconds: positive(values['notes-every'], smoke ? 1 : 5, 'notes-every'),
    workers: positive(values.workers, 2, 'workers'),
    leaveRooms: positive(values['leave-rooms'], smoke ? 2 : 1000, 'leave-rooms'),
    leaveSeconds: positive(values['leave-seconds'], smoke ? 1 : 60, 'leave-seconds'),
    // A smoke run checks that memory is read, not what it is: no rest.
    restSeconds: smoke ? 0 : positive(values.rest, 10, 'rest'),
    browser: smoke ? false : !(values['no-browser'] ?? false),
    browserRooms: positive(values['browser-rooms'], 500, 'browser-rooms'),
    browserKeystrokes: positive(values['browser-keystrokes'], 150, 'browser-keystrokes'),
    reconnect: !(values['no-reconnect'] ?? false),
    reconnectKiB: positive(values['reconnect-kib'], 100, 'reconnect-kib'),
    reconnectRepeats: positive(values['reconnect-repeats'], smoke ? 2 : 20, 'reconnect-repeats'),
    redisProbe: !(values['no-redis-probe'] ?? false),
    redisProbeRooms: positive(values['redis-probe-rooms'], smoke ? 2 : 500, 'redis-probe-rooms'),
    outDir: values.out ?? (smoke ? SMOKE_RESULTS_DIR : DEFAULT_RESULTS_DIR),
    profileDir: values.profile,
    gcTraceDir: values['trace-gc'],
    smoke,
  };
}
