import type { CheckResult, HiddenCheck, RunByUser, RunStatus, RunStream } from '@interview-room/protocol';
import {
  ChecksRanSchema,
  ChecksRevealedSchema,
  RUN_LIMITS,
  RunEndedSchema,
  RunOutputSchema,
  RunStartedSchema,
} from '@interview-room/protocol';
import { newOpId } from './outbox.ts';
import type { PythonState } from './python/pythonHost.ts';
import { PythonHost } from './python/pythonHost.ts';
import type { ChecksOutcome } from './python/runner.ts';
import type { RoomSocket } from './roomSession.ts';

export interface ConsoleLine {
  stream: RunStream | 'notice';
  text: string;
}

export interface ConsoleRun {
  runId: string;
  questionId: string;
  by: RunByUser;
  /** Ran on this page (so this page may stop it). */
  local: boolean;
  status: 'running' | RunStatus;
  lines: ConsoleLine[];
  exitCode: number | null;
  durationMs: number | null;
  traceback: string | null;
  truncated: boolean;
  /** Set on this page while its run is not on the server (refused, offline). */
  warning: string | null;
}

export interface ChecksState {
  running: boolean;
  outcome: ChecksOutcome | null;
  /** Results were sent to the candidate. */
  revealed: boolean;
}

/** What a candidate knows about the hidden checks of a question. */
export interface ChecksSummary {
  passed: number;
  total: number;
  by: string;
  results: CheckResult[] | null;
}

export interface RunConsoleState {
  python: PythonState;
  /** A local Run was pressed and waits for Python to load. */
  preparing: boolean;
  /** The latest run per question id. */
  runs: Readonly<Record<string, ConsoleRun>>;
  /** Interviewer: own hidden-check runs per question id. */
  checks: Readonly<Record<string, ChecksState>>;
  /** Everyone: hidden checks someone ran, as the server relayed them (counts, or revealed results). */
  checkSummaries: Readonly<Record<string, ChecksSummary>>;
}

const INITIAL: RunConsoleState = {
  python: { phase: 'cold' },
  preparing: false,
  runs: {},
  checks: {},
  checkSummaries: {},
};

const noop = (): void => {};

/**
 * The shared output console of a room page: runs this page starts (in its own Python worker) and
 * runs the others start (relayed by the server), one latest run per question. Hidden checks run
 * in a second worker, on interviewer pages only. React reads it through useSyncExternalStore.
 */
export class RunConsole {
  private state: RunConsoleState = INITIAL;
  private readonly listeners = new Set<() => void>();
  private readonly host: PythonHost;
  private checksHost: PythonHost | null = null;
  private readonly unsubscribes: (() => void)[] = [];
  private destroyed = false;

  constructor(
    private readonly socket: RoomSocket,
    private readonly self: () => RunByUser | null,
    createHost: () => PythonHost = () => new PythonHost(),
  ) {
    this.host = createHost();
    this.unsubscribes.push(this.host.subscribe(() => this.set({ python: this.host.getSnapshot() })));
    this.listen();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RunConsoleState => this.state;

  get localRunning(): boolean {
    return this.host.running;
  }

  /** Runs `code` as the question's program on this page; both pages see the output. */
  async run(questionId: string, code: string, timeLimitMs: number): Promise<void> {
    const by = this.self();
    if (this.host.running || !by) return;
    const runId = newOpId();
    this.set({ preparing: true });
    let shared = true;
    const outcome = await this.host.run(code, timeLimitMs, {
      onStart: () => {
        this.set({ preparing: false });
        this.putRun({
          runId,
          questionId,
          by,
          local: true,
          status: 'running',
          lines: [],
          exitCode: null,
          durationMs: null,
          traceback: null,
          truncated: false,
          warning: null,
        });
        this.socket.emit('run:start', { runId, questionId }, (ack) => {
          if (ack.ok) return;
          shared = false;
          this.patchRun(questionId, runId, { warning: `Not shared with the room: ${ack.error.message}` });
        });
      },
      onOutput: (stream, text) => {
        this.appendLine(questionId, runId, { stream, text });
        if (shared) this.socket.emit('run:output', { runId, stream, text }, noop);
      },
    });
    this.set({ preparing: false });
    if (!this.state.runs[questionId] || this.state.runs[questionId]?.runId !== runId) {
      // Never started (Python failed to load, or Stop while loading): say so on this page only.
      if (outcome.status !== 'stopped')
        this.putRun({
          runId,
          questionId,
          by,
          local: true,
          status: outcome.status,
          lines: outcome.notice ? [{ stream: 'notice', text: outcome.notice }] : [],
          exitCode: null,
          durationMs: null,
          traceback: null,
          truncated: false,
          warning: null,
        });
      return;
    }
    if (outcome.truncated) this.appendLine(questionId, runId, { stream: 'notice', text: TRUNCATED_NOTICE });
    this.patchRun(questionId, runId, {
      status: outcome.status,
      exitCode: outcome.exitCode,
      durationMs: outcome.durationMs,
      traceback: outcome.traceback,
      truncated: outcome.truncated,
    });
    if (shared) {
      this.socket.emit(
        'run:end',
        {
          runId,
          status: outcome.status,
          exitCode: outcome.exitCode,
          durationMs: Math.min(outcome.durationMs, 60 * 60 * 1000),
          traceback: outcome.traceback?.slice(-RUN_LIMITS.tracebackChars) ?? null,
          codeHash: outcome.codeHash,
        },
        noop,
      );
    }
  }

  /** Stops this page's run (the Python worker is replaced). */
  stop(): void {
    this.host.stop();
  }

  /** Loads Python ahead of the first Run (never on first paint: the caller decides when). */
  warm(): void {
    void this.host.warm().catch(() => undefined);
  }

  /** Interviewer: runs the question's hidden checks against `code`, in a worker of their own. */
  async runChecks(
    questionId: string,
    code: string,
    checks: readonly HiddenCheck[],
    timeLimitMs: number,
  ): Promise<void> {
    this.checksHost ??= new PythonHost();
    if (this.checksHost.running) return;
    this.putChecks(questionId, {
      running: true,
      outcome: this.state.checks[questionId]?.outcome ?? null,
      revealed: false,
    });
    const outcome = await this.checksHost.runChecks(code, checks, timeLimitMs);
    this.putChecks(questionId, { running: false, outcome, revealed: false });
    const passed = outcome.results.filter((r) => r.passed).length;
    if (outcome.codeHash) {
      this.socket.emit(
        'checks:ran',
        { questionId, passed, total: outcome.results.length, codeHash: outcome.codeHash },
        noop,
      );
    }
  }

  /** Interviewer: shows the candidate each check's name and result (never its code). */
  reveal(questionId: string): void {
    const checks = this.state.checks[questionId];
    if (!checks?.outcome || checks.outcome.results.length === 0) return;
    this.socket.emit('checks:reveal', { questionId, results: checks.outcome.results }, (ack) => {
      if (ack.ok) this.putChecks(questionId, { ...checks, revealed: true });
    });
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.host.destroy();
    this.checksHost?.destroy();
    this.listeners.clear();
  }

  // ---- internals -----------------------------------------------------------------------------

  private listen(): void {
    const on = <T>(
      event: string,
      schema: { safeParse(v: unknown): { success: boolean; data?: T } },
      handle: (value: T) => void,
    ) => {
      const listener = (payload: unknown): void => {
        const parsed = schema.safeParse(payload);
        if (parsed.success) handle(parsed.data as T);
        else console.error(`[run] ignored malformed ${event}`);
      };
      const socket = this.socket as unknown as {
        on(e: string, l: (p: unknown) => void): void;
        off(e: string, l: (p: unknown) => void): void;
      };
      socket.on(event, listener);
      this.unsubscribes.push(() => socket.off(event, listener));
    };
    on('run:started', RunStartedSchema, (run) => {
      this.putRun({
        runId: run.runId,
        questionId: run.questionId,
        by: run.by,
        local: false,
        status: 'running',
        lines: [],
        exitCode: null,
        durationMs: null,
        traceback: null,
        truncated: false,
        warning: null,
      });
    });
    on('run:output', RunOutputSchema, (chunk) => {
      const questionId = this.questionOf(chunk.runId);
      if (questionId) this.appendLine(questionId, chunk.runId, { stream: chunk.stream, text: chunk.text });
    });
    on('run:ended', RunEndedSchema, (run) => {
      this.patchRun(run.questionId, run.runId, {
        status: run.status,
        exitCode: run.exitCode,
        durationMs: run.durationMs,
        traceback: run.traceback,
        truncated: run.truncated,
      });
    });
    on('checks:ran', ChecksRanSchema, (summary) => {
      this.set({
        checkSummaries: {
          ...this.state.checkSummaries,
          [summary.questionId]: {
            passed: summary.passed,
            total: summary.total,
            by: summary.by.name,
            results: null,
          },
        },
      });
    });
    on('checks:revealed', ChecksRevealedSchema, (revealed) => {
      const passed = revealed.results.filter((r) => r.passed).length;
      this.set({
        checkSummaries: {
          ...this.state.checkSummaries,
          [revealed.questionId]: {
            passed,
            total: revealed.results.length,
            by: revealed.by.name,
            results: revealed.results,
          },
        },
      });
    });
  }

  private questionOf(runId: string): string | null {
    for (const run of Object.values(this.state.runs)) if (run.runId === runId) return run.questionId;
    return null;
  }

  private putRun(run: ConsoleRun): void {
    this.set({ runs: { ...this.state.runs, [run.questionId]: run } });
  }

  private patchRun(questionId: string, runId: string, patch: Partial<ConsoleRun>): void {
    const run = this.state.runs[questionId];
    if (!run || run.runId !== runId) return;
    this.putRun({ ...run, ...patch });
  }

  private appendLine(questionId: string, runId: string, line: ConsoleLine): void {
    const run = this.state.runs[questionId];
    if (!run || run.runId !== runId) return;
    const last = run.lines[run.lines.length - 1];
    const lines =
      last && last.stream === line.stream
        ? [...run.lines.slice(0, -1), { stream: line.stream, text: last.text + line.text }]
        : [...run.lines, line];
    this.putRun({ ...run, lines });
  }

  private putChecks(questionId: string, checks: ChecksState): void {
    this.set({ checks: { ...this.state.checks, [questionId]: checks } });
  }

  private set(patch: Partial<RunConsoleState>): void {
    if (this.destroyed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const TRUNCATED_NOTICE = `[output truncated: more than ${RUN_LIMITS.outputBytes / 1024} KiB]`;

/** Lines of solution.py a traceback points at, in order, each with its place in the text. */
export function tracebackLinks(traceback: string): { start: number; end: number; line: number }[] {
  const links: { start: number; end: number; line: number }[] = [];
  for (const match of traceback.matchAll(/File "solution\.py", line (\d+)/g)) {
    links.push({ start: match.index, end: match.index + match[0].length, line: Number(match[1]) });
  }
  return links;
}
