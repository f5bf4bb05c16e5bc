import type { Children } from '../children.ts';
import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import type { BenchOptions } from '../options.ts';
import type { BenchResults } from '../results.ts';

export type ProbeResults = Pick<BenchResults, 'browser' | 'reconnect' | 'redisStore' | 'coldLoad'>;

export async function runProbes(
  _children: Children,
  _generator: LoadGenerator,
  _options: BenchOptions,
  _workload: Workload,
  _log: (line: string) => void,
): Promise<ProbeResults> {
  return { browser: null, reconnect: [], redisStore: null, coldLoad: null };
}
