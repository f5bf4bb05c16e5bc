import type { ChildProcess } from 'node:child_process';

/** How long a child gets to exit on SIGTERM before it is killed. */
const TERM_GRACE_MS = 3_000;
/**
 * A server that writes a CPU profile at exit needs longer: with hundreds of rooms connected its
 * shutdown and the profile's serialisation took more than the default, and a killed process
 * writes no profile.
 */
export const PROFILING_TERM_GRACE_MS = 60_000;

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export const exited = (child: ChildProcess): Promise<void> =>
  alive(child) ? new Promise((resolve) => child.once('exit', () => resolve())) : Promise.resolve();

/**
 * Every process the bench starts (servers, redis-server, load workers) is registered here, so a
 * failure, a Ctrl-C or a plain exit never leaves one behind.
 */
export class Children {
  private readonly children = new Set<ChildProcess>();

  constructor(private readonly termGraceMs = TERM_GRACE_MS) {}

  track<C extends ChildProcess>(child: C): C {
    this.children.add(child);
    // A send to a child that is exiting (IPC channel closed) is answered by its own caller's
    // timeout or exit handler; without a listener it would end the bench mid-cleanup.
    child.on('error', () => undefined);
    child.once('exit', () => this.children.delete(child));
    return child;
  }

  /** SIGTERM, then SIGKILL for whatever has not exited within the grace period. */
  async stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!alive(child)) return;
    const gone = exited(child);
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), this.termGraceMs);
    await gone;
    clearTimeout(timer);
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.children].map((child) => this.stop(child)));
  }

  /** For process 'exit', where nothing asynchronous runs any more. */
  killAllNow(): void {
    for (const child of this.children) if (alive(child)) child.kill('SIGKILL');
  }

  get size(): number {
    return this.children.size;
  }
}

/**
 * Stops every child on SIGINT/SIGTERM (then exits 130/143) and kills any left on exit. Returns a
 * function that removes the handlers.
 */
export function stopChildrenOnExit(children: Children): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\nbench: ${signal}, stopping every process it started\n`);
    void children.stopAll().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  const onExit = () => children.killAllNow();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('exit', onExit);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('exit', onExit);
  };
}
