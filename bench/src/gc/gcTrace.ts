/**
 * Reads V8's `--trace-gc-nvp` lines (one per GC: `[pid:isolate] <ms> ms: pause=… gc=s …`) and sums
 * them over a window of the process's life: how often the young generation was scavenged, what
 * survived and was promoted to the old one, and the mark-compacts that promoted garbage costs.
 */
export interface GcSummary {
  seconds: number;
  scavenges: number;
  scavengePauseMs: number;
  maxScavengePauseMs: number;
  markCompacts: number;
  markCompactPauseMs: number;
  maxMarkCompactPauseMs: number;
  allocatedMBPerSecond: number;
  promotedMBPerSecond: number;
  survivedMBPerScavenge: number;
}

const LINE = /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: (.*)$/;

interface Gc {
  isolate: string;
  atMs: number;
  fields: Map<string, string>;
}

function parse(text: string): Gc[] {
  const gcs: Gc[] = [];
  for (const line of text.split('\n')) {
    const match = LINE.exec(line.trim());
    if (!match) continue;
    const fields = new Map<string, string>();
    for (const pair of (match[3] ?? '').split(' ')) {
      const at = pair.indexOf('=');
      if (at > 0) fields.set(pair.slice(0, at), pair.slice(at + 1));
    }
    if (fields.has('gc')) gcs.push({ isolate: match[1] ?? '', atMs: Number(match[2]), fields });
  }
  return gcs;
}

/** The main thread's GCs from `fromMs` to `toMs` after the process started (worker isolates left out). */
export function summarizeGcTrace(text: string, fromMs = 0, toMs = Number.POSITIVE_INFINITY): GcSummary {
  const all = parse(text);
  // The main isolate collects the most; the module loader's worker has an isolate of its own.
  const counts = new Map<string, number>();
  for (const gc of all) counts.set(gc.isolate, (counts.get(gc.isolate) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const gcs = all.filter((gc) => gc.isolate === main && gc.atMs >= fromMs && gc.atMs <= toMs);
  const num = (gc: Gc, key: string) => Number(gc.fields.get(key) ?? 0);
  const scavenges = gcs.filter((gc) => gc.fields.get('gc') === 's');
  const marks = gcs.filter((gc) => ['ms', 'mc'].includes(gc.fields.get('gc') ?? ''));
  const first = gcs[0]?.atMs ?? 0;
  const last = gcs.at(-1)?.atMs ?? 0;
  const seconds = Math.max(Number.isFinite(toMs) ? toMs - fromMs : last - first, 1) / 1000;
  const sum = (list: Gc[], key: string) => list.reduce((total, gc) => total + num(gc, key), 0);
  const max = (list: Gc[], key: string) => list.reduce((top, gc) => Math.max(top, num(gc, key)), 0);
  const MB = 1e6;
  return {
    seconds,
    scavenges: scavenges.length,
    scavengePauseMs: sum(scavenges, 'pause'),
    maxScavengePauseMs: max(scavenges, 'pause'),
    markCompacts: marks.length,
    markCompactPauseMs: sum(marks, 'pause'),
    maxMarkCompactPauseMs: max(marks, 'pause'),
    allocatedMBPerSecond: sum(scavenges, 'allocated') / MB / seconds,
    promotedMBPerSecond: sum(scavenges, 'promoted') / MB / seconds,
    survivedMBPerScavenge: scavenges.length
      ? sum(scavenges, 'new_space_survived') / MB / scavenges.length
      : 0,
  };
}
