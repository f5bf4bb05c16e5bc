import os from 'node:os';
import type { Children } from './children.ts';
import type { LoadGenerator } from './load/generator.ts';
import { emptyCounts, type WorkerReport, type Workload } from './load/messages.ts';
import { sleep } from './net.ts';
import { type ProcessUsage, UsageSampler } from './procStats.ts';
import type { AfterLeave, ScenarioResult, ServerUsage, Target } from './results.ts';
import { roomSpecs } from './rooms.ts';
import { dataHeap } from './servers/probeMessages.ts';
import { startTopology, type Topology } from './servers/topology.ts';
import { round, summarize } from './stats.ts';

export interface ScenarioOptions {
  target: Target;
  rooms: number;
  warmupSeconds: number;
  measureSeconds: number;
  /** How long in-flight keystrokes may take to arrive after the typing stops. */
  drainMs: number;
  workload: Workload;
  /** Watch memory for this long after every client has left (0: skip). */
  leaveSeconds: number;
  /** How long the servers rest after a full GC before each memory reading (see restedMemory). */
  restSeconds: number;
  /** Write CPU profiles of our servers here. */
  profileDir?: string | undefined;
  /** Write every server's GC trace here. */
  gcTraceDir?: string | undefined;
  run: number;
}

/** A sample every few seconds after the clients leave; the first that is near baseline ends it early. */
const LEAVE_SAMPLE_EVERY_S = 5;
/** "Back near baseline": within this share of what the rooms had added (or 2 MB, whichever is more). */
const NEAR_BASELINE_SHARE = 0.1;
const NEAR_BASELINE_MIN_BYTES = 2 * 1024 * 1024;

/**
 * One scenario: fresh servers, N rooms connected through the load workers, a warm-up, a
 * measurement window of typing, pushes and notes, then the idle memory (and, if asked, the memory
 * after everyone leaves).
 */
export async function runScenario(
  children: Children,
  generator: LoadGenerator,
  options: ScenarioOptions,
  log: (line: string) => void,
): Promise<ScenarioResult> {
  const { target, rooms } = options;
  const launched = performance.now();
  const topology = await startTopology(children, target, {
    profileDir: options.profileDir,
    gcTraceDir: options.gcTraceDir,
    profileName: `${target}-${rooms}-${options.run}`,
  });
  try {
    // Let startup garbage settle before the baseline.
    await sleep(500);
    const { rested: baseline } = await restedMemory(topology, options.restSeconds);
    const setupStarted = performance.now();
    const specs = await roomSpecs(topology, rooms);
    const connected = await generator.connect(specs, options.workload);
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    log(
      `  ${connected.rooms}/${rooms} rooms connected in ${setupSeconds.toFixed(1)} s${
        connected.failed > 0 ? ` (${connected.failed} failed: ${connected.errorSamples[0] ?? ''})` : ''
      }`,
    );

    generator.start();
    await sleep(options.warmupSeconds * 1000);
    const sampler = new UsageSampler({
      ...topology.pids,
      ...Object.fromEntries(generator.pids.map((pid, i) => [`worker${i + 1}`, pid])),
    });
    await Promise.all(topology.servers.map((server) => server.resetLag()));
    const loadBefore = os.loadavg()[0] ?? 0;
    sampler.start();
    generator.measure();
    const measureStarted = performance.now();
    await sleep(options.measureSeconds * 1000);
    const usage = sampler.stop();
    const loadAfter = os.loadavg()[0] ?? 0;
    const measureSeconds = (performance.now() - measureStarted) / 1000;
    if (options.gcTraceDir) {
      // A GC trace counts from its process's start: the window to give `pnpm bench:gc`.
      const sinceLaunch = (at: number) => Math.round(at - launched);
      log(
        `  measured from ${sinceLaunch(measureStarted)} to ${sinceLaunch(performance.now())} ms of the servers' life`,
      );
    }
    // A server too swamped to answer within the probe's timeout reports no lag rather than no scenario.
    const lags = await Promise.all(
      topology.servers.map((server) => server.lag().catch(() => ({ p50Ms: -1, p99Ms: -1, maxMs: -1 }))),
    );
    const reports = await generator.stop(options.drainMs);

    // Idle: every client still connected, nobody typing; what a room costs the server at rest.
    await sleep(1_000);
    const { first: justStopped, rested: idle } = await restedMemory(topology, options.restSeconds);
    if (options.profileDir) {
      // With every room idle: what a room holds, by constructor, for `--profile`.
      for (const server of topology.servers)
        log(`  heap snapshot: ${await server.heapSnapshot(options.profileDir)}`);
    }
    let afterLeave: AfterLeave | null = null;
    await generator.close();
    if (options.leaveSeconds > 0)
      afterLeave = await watchAfterLeave(
        topology,
        dataHeap(baseline),
        dataHeap(idle),
        connected.rooms,
        options.leaveSeconds,
      );

    const servers: Record<string, ServerUsage | ProcessUsage> = {};
    let serverCpuPercent = 0;
    for (const name of Object.keys(topology.pids)) {
      const processUsage = usage[name];
      if (!processUsage) continue;
      serverCpuPercent += processUsage.cpuMeanPercent;
      const index = name === 'server' ? 0 : name === 'serverA' ? 0 : name === 'serverB' ? 1 : -1;
      const lag = index >= 0 ? lags[index] : undefined;
      servers[name] = lag ? { ...processUsage, lag } : processUsage;
    }
    const workerCpu = generator.pids.reduce(
      (sum, _pid, i) => sum + (usage[`worker${i + 1}`]?.cpuMeanPercent ?? 0),
      0,
    );
    return assemble({
      options,
      connectedRooms: connected.rooms,
      connectFailures: connected.failed,
      connectErrors: connected.errorSamples,
      setupSeconds,
      measureSeconds,
      reports,
      servers,
      serverCpuPercent,
      memory: {
        baselineHeap: dataHeap(baseline),
        baselineRss: baseline.rss,
        idleHeap: dataHeap(idle),
        idleRss: idle.rss,
        stoppedRss: justStopped.rss,
        heapPerRoom: Math.round((dataHeap(idle) - dataHeap(baseline)) / Math.max(1, connected.rooms)),
        rssPerRoom: Math.round((idle.rss - baseline.rss) / Math.max(1, connected.rooms)),
      },
      generatorCpu: workerCpu,
      afterLeave,
      loadAverage: [round(loadBefore, 2), round(loadAfter, 2)],
    });
  } finally {
    await topology.stop();
  }
}

/**
 * Memory once the servers have rested. V8 shrinks the young generation that startup or load grew
 * only at a GC that finds allocation under ~1 MB/s, which the GC right after the work does not:
 * until then RSS holds up to two semi-spaces that belong to that work, not to the rooms.
 */
async function restedMemory(topology: Topology, restSeconds: number) {
  const first = await topology.memory();
  if (restSeconds === 0) return { first, rested: first };
  await sleep(restSeconds * 1000);
  return { first, rested: await topology.memory() };
}

async function watchAfterLeave(
  topology: Topology,
  baselineHeap: number,
  loadedHeap: number,
  rooms: number,
  seconds: number,
): Promise<AfterLeave> {
  const added = Math.max(0, loadedHeap - baselineHeap);
  const near = baselineHeap + Math.max(added * NEAR_BASELINE_SHARE, NEAR_BASELINE_MIN_BYTES);
  const samples: AfterLeave['samples'] = [];
  const started = performance.now();
  let backAfter: number | null = null;
  for (;;) {
    const memory = await topology.memory();
    const atSeconds = round((performance.now() - started) / 1000, 1);
    const heap = dataHeap(memory);
    samples.push({ atSeconds, heap, rss: memory.rss });
    if (heap <= near) {
      backAfter = atSeconds;
      break;
    }
    if (atSeconds >= seconds) break;
    await sleep(LEAVE_SAMPLE_EVERY_S * 1000);
  }
  const last = samples.at(-1);
  return {
    samples,
    backNearBaselineAfterSeconds: backAfter,
    residualHeapPerRoom: last ? Math.round((last.heap - baselineHeap) / Math.max(1, rooms)) : 0,
  };
}

function assemble(parts: {
  options: ScenarioOptions;
  connectedRooms: number;
  connectFailures: number;
  connectErrors: string[];
  setupSeconds: number;
  measureSeconds: number;
  reports: WorkerReport[];
  servers: ScenarioResult['servers'];
  serverCpuPercent: number;
  memory: ScenarioResult['memory'];
  generatorCpu: number;
  afterLeave: AfterLeave | null;
  loadAverage: [number, number];
}): ScenarioResult {
  const { options, reports } = parts;
  const counts = emptyCounts();
  for (const report of reports)
    for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += report.counts[key];
  const sumErrors = (key: 'disconnects' | 'acks') => reports.reduce((sum, r) => sum + r.errors[key], 0);
  const errors = {
    connect: parts.connectFailures,
    disconnects: sumErrors('disconnects'),
    acks: sumErrors('acks'),
    lostKeystrokes: counts.keystrokesLost,
    lostPushes: counts.pushesLost,
    total: 0,
  };
  errors.total =
    errors.connect + errors.disconnects + errors.acks + errors.lostKeystrokes + errors.lostPushes;
  const ours = options.target !== 'stock';
  return {
    target: options.target,
    rooms: options.rooms,
    connectedRooms: parts.connectedRooms,
    setupSeconds: round(parts.setupSeconds, 1),
    measureSeconds: round(parts.measureSeconds, 1),
    keystroke: summarize(reports.map((r) => r.keystrokeMs)),
    push: ours ? summarize(reports.map((r) => r.pushMs)) : null,
    notesAck: ours ? summarize(reports.map((r) => r.notesAckMs)) : null,
    counts,
    errors,
    errorSamples: [...parts.connectErrors, ...reports.flatMap((r) => r.errorSamples)].slice(0, 20),
    servers: parts.servers,
    serverCpuPercent: round(parts.serverCpuPercent, 1),
    memory: parts.memory,
    generator: {
      workers: reports.length,
      lagP99Ms: round(Math.max(0, ...reports.map((r) => r.lag.p99Ms))),
      lagMaxMs: round(Math.max(0, ...reports.map((r) => r.lag.maxMs))),
      cpuPercent: round(parts.generatorCpu, 1),
    },
    afterLeave: parts.afterLeave,
    loadAverage: parts.loadAverage,
    run: options.run,
  };
}
