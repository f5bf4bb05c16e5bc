import type { HiddenCheck, RunStream } from '@interview-room/protocol';
import type { FromWorker, ToWorker } from './messages.ts';
import type { ChecksOutcome, RunOutcome } from './runner.ts';
import { timeNotice } from './runner.ts';

/** Where our server serves the Pyodide runtime (copied into the web build by vite.config.ts). */
export const PYODIDE_PATH = '/pyodide/';
/** A program still running this long after its deadline (it ignores KeyboardInterrupt) is killed. */
export const KILL_GRACE_MS = 1_500;

export type PythonState =
  /** Nothing loaded yet: the first Run loads Pyodide. */
  | { phase: 'cold' }
  | { phase: 'loading'; since: number }
  | { phase: 'ready' }
  | { phase: 'failed'; message: string };

export interface RunCallbacks {
  /** The program is about to start (Python is loaded); its code's SHA-256. */
  onStart?: (codeHash: string) => void;
  onOutput?: (stream: RunStream, text: string) => void;
}

type Job =
  | { kind: 'run'; id: number; resolve: (o: RunOutcome) => void; callbacks: RunCallbacks; limitMs: number }
  | {
      kind: 'checks';
      id: number;
      resolve: (o: ChecksOutcome) => void;
      checks: readonly HiddenCheck[];
      limitMs: number;
    };

interface JobState {
  job: Job;
  started: number | null;
  codeHash: string | null;
  killTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Owns one Python Web Worker on the page. Loads it on demand, runs one program at a time, and
 * stops a program by terminating the worker (a busy worker cannot receive a message) and starting
 * a fresh one. A worker that dies (out of memory) ends the run, not the tab.
 */
export class PythonHost {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private active: JobState | null = null;
  private seq = 0;
  private state: PythonState = { phase: 'cold' };
  private readonly listeners = new Set<() => void>();
  private destroyed = false;

  constructor(private readonly createWorker: () => Worker = defaultWorker) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): PythonState => this.state;

  get running(): boolean {
    return this.active !== null;
  }

  /** Starts loading Pyodide (if not loaded); resolves once it is ready. */
  warm(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = this.createWorker();
    this.worker = worker;
    this.set({ phase: 'loading', since: Date.now() });
    this.ready = new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'ready') {
          this.set({ phase: 'ready' });
          resolve();
        } else if (message.type === 'load-failed') {
          this.set({ phase: 'failed', message: message.message });
          this.discardWorker();
          reject(new Error(message.message));
        } else {
          this.onJobMessage(message);
        }
      };
      // An uncaught error or an out-of-memory death: whatever ran ends as crashed.
      worker.onerror = (event) => {
        event.preventDefault();
        const message = event.message || 'the Python worker stopped';
        if (this.state.phase === 'loading') {
          // The job waiting for the load is ended by start()'s rejection handler.
          this.set({ phase: 'failed', message });
          this.discardWorker();
          reject(new Error(message));
          return;
        }
        this.crash(`Python stopped unexpectedly (${message}).`);
      };
    });
    this.ready.catch(() => undefined);
    worker.postMessage({
      type: 'load',
      indexURL: new URL(PYODIDE_PATH, location.href).href,
    } satisfies ToWorker);
    return this.ready;
  }

  run(code: string, timeLimitMs: number, callbacks: RunCallbacks = {}): Promise<RunOutcome> {
    return new Promise<RunOutcome>((resolve) => {
      const job: Job = { kind: 'run', id: ++this.seq, resolve, callbacks, limitMs: timeLimitMs };
      this.start(job, code);
    });
  }

  runChecks(code: string, checks: readonly HiddenCheck[], timeLimitMs: number): Promise<ChecksOutcome> {
    return new Promise<ChecksOutcome>((resolve) => {
      const job: Job = { kind: 'checks', id: ++this.seq, resolve, checks, limitMs: timeLimitMs };
      this.start(job, code);
    });
  }

  /** Stops what is running (or about to run): kills the worker and loads a fresh one. */
  stop(): void {
    const active = this.active;
    if (!active) return;
    this.finishKilled(active, 'stopped', 'Stopped.');
  }

  destroy(): void {
    this.destroyed = true;
    this.stop();
    this.discardWorker();
    this.listeners.clear();
  }

  // ---- internals -----------------------------------------------------------------------------

  private start(job: Job, code: string): void {
    if (this.active) throw new Error('a program is already running');
    const state: JobState = { job, started: null, codeHash: null, killTimer: null };
    this.active = state;
    this.warm().then(
      () => {
        if (this.active !== state || !this.worker) return;
        const message: ToWorker =
          job.kind === 'run'
            ? { type: 'run', id: job.id, code, timeLimitMs: job.limitMs }
            : { type: 'checks', id: job.id, code, checks: [...job.checks], timeLimitMs: job.limitMs };
        this.worker.postMessage(message);
        if (job.kind === 'checks') this.armKill(state);
      },
      (error: unknown) => {
        if (this.active !== state) return;
        this.finish(
          state,
          null,
          `Python could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        );
      },
    );
  }

  private armKill(state: JobState): void {
    state.started = performance.now();
    state.killTimer = setTimeout(() => {
      if (this.active === state) this.finishKilled(state, 'timeout', timeNotice(state.job.limitMs));
    }, state.job.limitMs + KILL_GRACE_MS);
  }

  private onJobMessage(message: Exclude<FromWorker, { type: 'ready' | 'load-failed' }>): void {
    const state = this.active;
    if (!state || state.job.id !== message.id) return;
    const { job } = state;
    switch (message.type) {
      case 'started':
        state.codeHash = message.codeHash;
        this.armKill(state);
        if (job.kind === 'run') job.callbacks.onStart?.(message.codeHash);
        return;
      case 'output':
        if (job.kind === 'run') job.callbacks.onOutput?.(message.stream, message.text);
        return;
      case 'run-done':
      case 'checks-done':
        this.clear(state);
        if (job.kind === 'run' && message.type === 'run-done') job.resolve(message.outcome);
        else if (job.kind === 'checks' && message.type === 'checks-done') job.resolve(message.outcome);
        // A heap past the ceiling never shrinks: start the next run on a fresh worker.
        if (message.exhausted) this.recycle();
        return;
    }
  }

  private crash(notice: string): void {
    const state = this.active;
    this.discardWorker();
    if (state) this.finish(state, 'crashed', notice);
    this.rewarm();
  }

  private finishKilled(state: JobState, status: 'stopped' | 'timeout', notice: string): void {
    this.discardWorker();
    this.finish(state, status, notice);
    this.rewarm();
  }

  /** Resolves the job with an outcome made here (the worker is gone). */
  private finish(state: JobState, status: 'stopped' | 'timeout' | 'crashed' | null, notice: string): void {
    this.clear(state);
    const durationMs = state.started === null ? 0 : Math.round(performance.now() - state.started);
    const codeHash = state.codeHash ?? '';
    const { job } = state;
    if (job.kind === 'run') {
      job.resolve({
        status: status ?? 'crashed',
        exitCode: null,
        durationMs,
        traceback: null,
        notice,
        truncated: false,
        codeHash,
      });
    } else {
      job.resolve({
        status: status ?? 'crashed',
        durationMs,
        notice,
        codeHash,
        results: job.checks.map((c) => ({ name: c.name, passed: false, message: notice })),
      });
    }
  }

  private clear(state: JobState): void {
    if (state.killTimer) clearTimeout(state.killTimer);
    if (this.active === state) this.active = null;
  }

  private recycle(): void {
    this.discardWorker();
    this.rewarm();
  }

  /** A fresh worker starts loading at once, so the next Run does not wait for it. */
  private rewarm(): void {
    if (this.destroyed) return;
    this.set({ phase: 'cold' });
    void this.warm().catch(() => undefined);
  }

  private discardWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  private set(state: PythonState): void {
    if (this.destroyed) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function defaultWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'python' });
}
