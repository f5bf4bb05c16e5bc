import type { Counts } from './load/messages.ts';
import type { ProcessUsage } from './procStats.ts';
import type { LagSample } from './servers/probeMessages.ts';
import type { Summary } from './stats.ts';

/** Which server and how many instances a scenario runs against. */
export type Target = 'ours-1' | 'ours-2' | 'stock';

export const TARGET_LABELS: Record<Target, string> = {
  'ours-1': 'ours, 1 instance (in-memory store)',
  'ours-2': 'ours, 2 instances + Redis',
  stock: 'stock @y/websocket-server 0.1.1',
};

export interface ServerUsage extends ProcessUsage {
  /** The server's own event-loop delay over the window (from the preloaded probe). */
  lag: LagSample;
}

export interface MemoryResult {
  /** Sum over the target's server processes, bytes, after a full GC; heap without compiled code. */
  baselineHeap: number;
  baselineRss: number;
  /** With every room's clients connected and idle, after the typing stopped and the servers rested. */
  idleHeap: number;
  idleRss: number;
  /** RSS 1 s after the typing stopped, before the rest: it still holds what the load grew. */
  stoppedRss: number;
  heapPerRoom: number;
  rssPerRoom: number;
}

export interface AfterLeave {
  /** Seconds after the last client left, and the heap (after GC, without code) and RSS then, summed over servers. */
  samples: { atSeconds: number; heap: number; rss: number }[];
  /** First sample whose heap is back within 10% of what the rooms had added (null: never within the window). */
  backNearBaselineAfterSeconds: number | null;
  /** What is still held at the end of the window, per room that was open. */
  residualHeapPerRoom: number;
}

export interface ScenarioResult {
  target: Target;
  rooms: number;
  /** Rooms whose clients all connected and synced. */
  connectedRooms: number;
  setupSeconds: number;
  measureSeconds: number;
  keystroke: Summary;
  /** Ours only: question push (interviewer emits) to the candidate's room:state. */
  push: Summary | null;
  /** Ours only: notes:save to its ack (stored). */
  notesAck: Summary | null;
  counts: Counts;
  errors: {
    connect: number;
    disconnects: number;
    acks: number;
    lostKeystrokes: number;
    lostPushes: number;
    total: number;
  };
  errorSamples: string[];
  /** Per process: `server`, or `serverA`/`serverB`/`redis`. */
  servers: Record<string, ServerUsage | ProcessUsage>;
  /** CPU of the target's server processes together (Redis included), percent of one core. */
  serverCpuPercent: number;
  memory: MemoryResult;
  generator: { workers: number; lagP99Ms: number; lagMaxMs: number; cpuPercent: number };
  afterLeave: AfterLeave | null;
  /** The machine's 1-minute load average at the start and the end of the measured window. */
  loadAverage: [number, number];
  /** Which of the `--repeat` runs of this size this was (1-based). */
  run: number;
}

export interface ProbeSummary {
  target: Target;
  summary: Summary;
  note: string;
}

export interface Machine {
  host: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  /** 1-minute load average when the bench started: other work on the machine shows here. */
  loadAverageAtStart: number;
}

export interface BenchResults {
  version: 1;
  startedAt: string;
  finishedAt: string;
  machine: Machine;
  options: Record<string, unknown>;
  /** The best run (lowest keystroke p99) of each target and size: what the report shows. */
  scenarios: ScenarioResult[];
  /** Every run, when `--repeat` is above 1. */
  allRuns: ScenarioResult[];
  /** Scenarios and probes that could not finish, and why. */
  failures: { what: string; error: string }[];
  /** Browser keystroke → rendered in the other page's Monaco, with background load. */
  browser: (ProbeSummary & { backgroundRooms: number }) | null;
  /** A client with a 100 KB document reconnects until synced. */
  reconnect: ProbeSummary[];
  /** An edit until its stream entry is in Redis (keyspace notification). */
  redisStore: (ProbeSummary & { backgroundRooms: number }) | null;
  /** Filled by bench/coldLoad.ts when it exists (owned by the bundle work). */
  coldLoad: unknown;
}
