import type { Children } from '../children.ts';
import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';
import { probeBrowser, webBuildExists } from './browser.ts';
import { coldLoad } from './coldLoad.ts';
import { probeReconnect } from './reconnect.ts';
import { probeRedisStore } from './redisStore.ts';

export type ProbeResults = Pick<BenchResults, 'browser' | 'reconnect' | 'redisStore' | 'coldLoad'>;

/** Runs one probe; a probe that fails is reported, and the others still run. */
async function attempt<T>(
  what: string,
  failures: BenchResults['failures'],
  log: (line: string) => void,
  probe: () => Promise<T>,
): Promise<T | null> {
  try {
    return await probe();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`  failed: ${message}`);
    failures.push({ what, error: message });
    return null;
  }
}

/** The measurements that are not a scenario: reconnect, Redis storage, the browser, the cold load. */
export async function runProbes(
  children: Children,
  generator: LoadGenerator,
  options: BenchOptions,
  workload: Workload,
  log: (line: string) => void,
): Promise<{ results: ProbeResults; failures: BenchResults['failures'] }> {
  const results: ProbeResults = { browser: null, reconnect: [], redisStore: null, coldLoad: null };
  const failures: BenchResults['failures'] = [];
  if (options.reconnect) {
    for (const target of options.targets) {
      log(`probe: reconnect with a ${options.reconnectKiB} KiB document, ${target}`);
      const probes = await attempt(`reconnect probe, ${target}`, failures, log, () =>
        probeReconnect(children, target, options.reconnectKiB, options.reconnectRepeats),
      );
      results.reconnect.push(...(probes ?? []));
    }
  }
  if (options.redisProbe && options.targets.includes('ours-2')) {
    log(`probe: edit → stored in Redis, ${options.redisProbeRooms} background rooms`);
    results.redisStore = await attempt('Redis storage probe', failures, log, () =>
      probeRedisStore(children, generator, workload, options.redisProbeRooms, options.smoke ? 5 : 20),
    );
  }
  if (options.browser) {
    if (webBuildExists()) {
      log(`probe: browser keystroke → other Monaco, ${options.browserRooms} background rooms`);
      results.browser = await attempt('browser probe', failures, log, () =>
        probeBrowser(children, generator, workload, options.browserRooms, options.browserKeystrokes),
      );
    } else {
      log('probe: browser skipped: no web build (run `pnpm build` first)');
    }
  }
  results.coldLoad = await attempt('cold load', failures, log, () => coldLoad(log));
  for (const probe of [...results.reconnect, results.redisStore, results.browser])
    if (probe)
      log(
        `  ${probe.target}: p50 ${probe.summary.p50} p95 ${probe.summary.p95} max ${probe.summary.max} ms; ${probe.note}`,
      );
  return { results, failures };
}
