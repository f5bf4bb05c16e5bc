import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second, the unit of utime/stime in /proc/<pid>/stat. */
const TICKS_PER_SECOND = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim();
  const ticks = Number(out);
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

export interface CpuReading {
  /** CPU seconds (user + system) the process has used so far. */
  cpuSeconds: number;
  /** When it was read (performance.now(), ms). */
  at: number;
}

/** User + system CPU of a process so far, from /proc/<pid>/stat; null once it is gone. */
export function readCpu(pid: number): CpuReading | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) is in parentheses and may contain spaces: split after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15, i.e. 11 and 12 after the name and the state.
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return { cpuSeconds: (utime + stime) / TICKS_PER_SECOND, at: performance.now() };
}

/** Resident set size in bytes, from /proc/<pid>/status; null once the process is gone. */
export function readRss(pid: number): number | null {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  return kb === undefined ? null : Number(kb) * 1024;
}

/** CPU use between two readings, in percent of one core. */
export function cpuPercent(from: CpuReading, to: CpuReading): number {
  const elapsedSeconds = (to.at - from.at) / 1000;
  return elapsedSeconds > 0 ? ((to.cpuSeconds - from.cpuSeconds) / elapsedSeconds) * 100 : 0;
}

export interface ProcessUsage {
  /** Mean CPU over the window, percent of one core. */
  cpuMeanPercent: number;
  /** Highest one-second CPU over the window, percent of one core. */
  cpuPeakPercent: number;
  rssMeanBytes: number;
  rssPeakBytes: number;
}

/**
 * Samples a set of processes once a second from start() to stop(): the CPU and RSS of each over
 * a measurement window.
 */
export class UsageSampler {
  private readonly first = new Map<string, CpuReading>();
  private readonly last = new Map<string, CpuReading>();
  private readonly peakCpu = new Map<string, number>();
  private readonly rss = new Map<string, number[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pids: Readonly<Record<string, number>>) {}

  start(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const reading = readCpu(pid);
      if (reading) {
        this.first.set(name, reading);
        this.last.set(name, reading);
      }
      this.rss.set(name, []);
      this.peakCpu.set(name, 0);
    }
    this.timer = setInterval(() => this.sample(), 1_000);
    this.timer.unref();
  }

  stop(): Record<string, ProcessUsage> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sample();
    const usage: Record<string, ProcessUsage> = {};
    for (const name of Object.keys(this.pids)) {
      const first = this.first.get(name);
      const last = this.last.get(name);
      const rss = this.rss.get(name) ?? [];
      usage[name] = {
        cpuMeanPercent: first && last ? cpuPercent(first, last) : 0,
        cpuPeakPercent: this.peakCpu.get(name) ?? 0,
        rssMeanBytes: rss.length > 0 ? rss.reduce((a, b) => a + b, 0) / rss.length : 0,
        rssPeakBytes: rss.length > 0 ? Math.max(...rss) : 0,
      };
    }
    return usage;
  }

  private sample(): void {
    for (const [name, pid] of Object.entries(this.pids)) {
      const reading = readCpu(pid);
      const previous = this.last.get(name);
      if (reading && previous) {
        this.peakCpu.set(name, Math.max(this.peakCpu.get(name) ?? 0, cpuPercent(previous, reading)));
        this.last.set(name, reading);
      }
      const rss = readRss(pid);
      if (rss !== null) this.rss.get(name)?.push(rss);
    }
  }
}
