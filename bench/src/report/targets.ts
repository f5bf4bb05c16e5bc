import { GZIP_BUDGET } from '../../coldLoad.ts';
import type { BenchResults, ScenarioResult, Target } from '../results.ts';

export interface TargetCheck {
  target: string;
  /** null: not measured in this run. */
  met: boolean | null;
  measured: string;
}

const find = (results: BenchResults, target: Target, rooms: number): ScenarioResult | undefined =>
  results.scenarios.find((s) => s.target === target && s.rooms === rooms);

const KB = 1024;

/** The targets, each judged from this run's numbers (none is judged from another run). */
export function checkTargets(results: BenchResults): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const rooms of [100, 500, 1000]) {
    const stock = find(results, 'stock', rooms);
    for (const target of ['ours-1', 'ours-2'] as const) {
      const ours = find(results, target, rooms);
      checks.push({
        target: `keystroke p99 ${target} ≤ stock at ${rooms} rooms`,
        met: ours && stock ? ours.keystroke.p99 <= stock.keystroke.p99 : null,
        measured:
          ours && stock
            ? `${ours.keystroke.p99} vs ${stock.keystroke.p99} ms (×${ratio(ours.keystroke.p99, stock.keystroke.p99)})`
            : 'not run',
      });
    }
  }
  for (const [rooms, limit] of [
    [1000, 25],
    [2000, 50],
  ] as const) {
    for (const target of ['ours-1', 'ours-2'] as const) {
      const ours = find(results, target, rooms);
      checks.push({
        target: `keystroke p99 < ${limit} ms at ${rooms} rooms, zero errors (${target})`,
        met: ours ? ours.keystroke.p99 < limit && ours.errors.total === 0 : null,
        measured: ours ? `${ours.keystroke.p99} ms, ${ours.errors.total} errors` : 'not run',
      });
    }
  }
  const browser = results.browser;
  checks.push({
    target: `browser keystroke → other Monaco p95 ≤ 50 ms, ${browser?.backgroundRooms ?? 500} background rooms`,
    met: browser ? browser.summary.p95 <= 50 && browser.summary.count >= 100 : null,
    measured: browser ? `${browser.summary.p95} ms (${browser.summary.count} keystrokes)` : 'not run',
  });
  const push = find(results, 'ours-2', 500);
  checks.push({
    target: 'question push → candidate p99 ≤ 5 ms at 500 rooms, Redis adapter (ours-2)',
    met: push?.push ? push.push.count > 0 && push.push.p99 <= 5 && push.errors.total === 0 : null,
    measured: push?.push ? `${push.push.p99} ms (${push.push.count} pushes)` : 'not run',
  });
  for (const target of ['ours-1', 'ours-2'] as const) {
    const largest = results.scenarios
      .filter((s) => s.target === target && s.rooms >= 100)
      .sort((a, b) => b.rooms - a.rooms)[0];
    checks.push({
      target: `≤ 100 KB server memory per idle room (${target}, RSS)`,
      met: largest ? largest.memory.rssPerRoom <= 100 * KB : null,
      measured: largest
        ? `${Math.round(largest.memory.rssPerRoom / KB)} KB RSS, ${Math.round(largest.memory.heapPerRoom / KB)} KB heap per room at ${largest.rooms} rooms`
        : 'not run',
    });
  }
  for (const scenario of results.scenarios.filter((s) => s.afterLeave)) {
    const leave = scenario.afterLeave;
    if (!leave) continue;
    checks.push({
      target: `memory near baseline within 60 s after all clients leave (${scenario.target}, ${scenario.rooms} rooms)`,
      met: leave.backNearBaselineAfterSeconds !== null && leave.backNearBaselineAfterSeconds <= 60,
      measured:
        leave.backNearBaselineAfterSeconds !== null
          ? `after ${leave.backNearBaselineAfterSeconds} s; ${Math.round(leave.residualHeapPerRoom / KB)} KB heap per room left`
          : `not within ${leave.samples.at(-1)?.atSeconds ?? 0} s; ${Math.round(leave.residualHeapPerRoom / KB)} KB heap per room left`,
    });
  }
  for (const probe of results.reconnect) {
    checks.push({
      target: `reconnect → synced ≤ 1 s, 100 KB document (${probe.target})`,
      met: probe.summary.count > 0 ? probe.summary.max <= 1000 : null,
      measured: `max ${probe.summary.max} ms, p50 ${probe.summary.p50} ms (${probe.summary.count})`,
    });
  }
  const cold = coldLoadTotals(results.coldLoad);
  for (const page of ['room', 'landing'] as const) {
    const gzip = cold?.[page];
    const limit = GZIP_BUDGET[page];
    checks.push({
      target: `${page === 'room' ? 'candidate (room) page' : 'landing page'} cold load ≤ ${limit / 1000} kB gzip of JS+CSS`,
      met: gzip === undefined ? null : gzip <= limit,
      measured: gzip === undefined ? 'not run' : `${(gzip / 1000).toFixed(1)} kB gzip`,
    });
  }
  const store = results.redisStore;
  checks.push({
    target: 'edit stored in Redis within 500 ms at p95',
    met: store ? store.summary.p95 <= 500 && store.summary.count > 0 : null,
    measured: store ? `p95 ${store.summary.p95} ms (${store.summary.count} edits)` : 'not run',
  });
  return checks;
}

export function ratio(ours: number, stock: number): string {
  return stock > 0 ? (ours / stock).toFixed(2) : '–';
}

/** Gzip bytes of each page from bench/coldLoad.ts's result, if this run measured it. */
function coldLoadTotals(coldLoad: unknown): { room: number; landing: number } | null {
  const gzipOf = (page: unknown): number | undefined => {
    const total = (page as { total?: { gzip?: unknown } } | undefined)?.total?.gzip;
    return typeof total === 'number' ? total : undefined;
  };
  if (typeof coldLoad !== 'object' || coldLoad === null) return null;
  const { room, landing } = coldLoad as { room?: unknown; landing?: unknown };
  const roomGzip = gzipOf(room);
  const landingGzip = gzipOf(landing);
  return roomGzip === undefined || landingGzip === undefined
    ? null
    : { room: roomGzip, landing: landingGzip };
}
