import type { CheckResult, HiddenCheck, RunStatus, RunStream } from '@interview-room/protocol';
import { RUN_LIMITS, SOLUTION_FILENAME } from '@interview-room/protocol';
import type { PyodideAPI } from 'pyodide';

/**
 * Drives one Pyodide instance: runs a program, streams what it prints, formats its traceback
 * (frames of `solution.py` only), and stops it at a deadline or a memory ceiling. Pure TS with no
 * DOM: it runs in the browser's Web Worker (worker.ts) and in Node for tests.
 *
 * Python runs on the calling thread, so a deadline is enforced from inside: Pyodide polls its
 * "interrupt buffer" while Python runs, and ours answers SIGINT once the time is up, which raises
 * KeyboardInterrupt in the program. A program that swallows it, or sits in one long C call, is
 * the host's to kill (pythonHost.ts terminates the worker a little after the deadline).
 */

export interface RunOutcome {
  status: RunStatus;
  /** 0 on success, SystemExit's code, 1 on an exception; null when it never finished. */
  exitCode: number | null;
  durationMs: number;
  /** The exception as Python prints it, starting at the first frame of solution.py. */
  traceback: string | null;
  /** A message from the runner itself: why it stopped (time or memory limit). */
  notice: string | null;
  /** More than RUN_LIMITS.outputBytes was printed; the rest was dropped. */
  truncated: boolean;
  codeHash: string;
}

export interface ChecksOutcome {
  status: RunStatus;
  durationMs: number;
  results: CheckResult[];
  /** The solution did not load (an exception at import) or the checks hit the limit. */
  notice: string | null;
  codeHash: string;
}

export interface RunOptions {
  timeLimitMs: number;
  /** Output as it is printed, in order, batched (see OUTPUT_FLUSH_MS) and bounded. */
  onOutput?: (stream: RunStream, text: string) => void;
  /** The code's SHA-256, known before the program starts. */
  onStart?: (codeHash: string) => void;
  now?: () => number;
}

/** Output is handed on at most this often (and at the end), so a print loop does not flood. */
export const OUTPUT_FLUSH_MS = 40;
/** Above this much WebAssembly memory the program is interrupted (its heap never shrinks back). */
export const MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024;
/** If the program swallows the KeyboardInterrupt, it is raised again this often. */
const REINTERRUPT_MS = 250;
const SIGINT = 2;

const DRIVER = String.raw`
import ast, builtins, hashlib, inspect, json, sys, traceback

_IR_FILENAME = ${JSON.stringify(SOLUTION_FILENAME)}

def _ir_input(prompt=""):
    raise RuntimeError("input() is not available: programs here cannot read from the console. Put sample values in the code instead.")

builtins.input = _ir_input

def _ir_hash(code):
    return hashlib.sha256(code.encode("utf-8")).hexdigest()

def _ir_format(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != _IR_FILENAME:
        tb = tb.tb_next
    return "".join(traceback.format_exception(type(exc), exc, tb))

def _ir_flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass

async def _ir_exec(code, name):
    namespace = {"__name__": name, "__builtins__": builtins, "__file__": _IR_FILENAME}
    compiled = compile(code, _IR_FILENAME, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(compiled, namespace)
    if inspect.iscoroutine(result):
        await result
    return namespace

async def _ir_run(code):
    try:
        await _ir_exec(code, "__main__")
        return json.dumps([0, None])
    except SystemExit as exc:
        if exc.code is None:
            return json.dumps([0, None])
        if isinstance(exc.code, int):
            return json.dumps([exc.code, None])
        print(exc.code, file=sys.stderr)
        return json.dumps([1, None])
    except BaseException as exc:
        return json.dumps([1, _ir_format(exc)])
    finally:
        _ir_flush()

def _ir_reason(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return (lines[-1].strip() if lines else type(exc).__name__) or type(exc).__name__

async def _ir_checks(code, checks_json):
    checks = json.loads(checks_json)
    try:
        namespace = await _ir_exec(code, "solution")
    except KeyboardInterrupt:
        return json.dumps({"loaded": False, "reason": "interrupted", "results": []})
    except BaseException as exc:
        reason = "the solution failed to load: " + _ir_reason(exc)
        return json.dumps({"loaded": False, "reason": reason, "results": [[c["name"], False, reason] for c in checks]})
    results = []
    for check in checks:
        scope = dict(namespace)
        try:
            compiled = compile(check["code"], "<check " + check["name"] + ">", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
            result = eval(compiled, scope)
            if inspect.iscoroutine(result):
                await result
            results.append([check["name"], True, ""])
        except AssertionError as exc:
            results.append([check["name"], False, str(exc) or "assertion failed"])
        except KeyboardInterrupt:
            return json.dumps({"loaded": False, "reason": "interrupted", "results": []})
        except BaseException as exc:
            results.append([check["name"], False, _ir_reason(exc)])
    _ir_flush()
    return json.dumps({"loaded": True, "reason": None, "results": results})
`;

interface Interrupter {
  /**
   * Starts watching a run: the deadline is `now() + limitMs`. `onPoll` runs at each poll: with
   * Python busy no timer fires on this thread, so that is when pending output goes out.
   */
  arm(limitMs: number, onPoll: () => void): void;
  disarm(): void;
  readonly fired: 'time' | 'memory' | null;
}

export class PythonRunner {
  private readonly decoder = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private sink: ((stream: RunStream, bytes: Uint8Array) => void) | null = null;
  private busy = false;

  private constructor(
    private readonly pyodide: PyodideAPI,
    private readonly interrupter: Interrupter,
    private readonly now: () => number,
  ) {}

  /** Prepares a loaded Pyodide: streams, input(), the driver and the interrupt hook. */
  static async create(pyodide: PyodideAPI, now: () => number = Date.now): Promise<PythonRunner> {
    const interrupter = createInterrupter(pyodide, now);
    const runner = new PythonRunner(pyodide, interrupter, now);
    for (const stream of ['stdout', 'stderr'] as const) {
      const write = (bytes: Uint8Array): number => {
        runner.sink?.(stream, bytes);
        return bytes.length;
      };
      if (stream === 'stdout') pyodide.setStdout({ write, isatty: false });
      else pyodide.setStderr({ write, isatty: false });
    }
    pyodide.setStdin({ error: true });
    await pyodide.runPythonAsync(DRIVER, { filename: '<interview-room>' });
    return runner;
  }

  /** Whether the runtime should be replaced: the last run grew memory past the ceiling. */
  get exhausted(): boolean {
    return memoryBytes(this.pyodide) > MEMORY_LIMIT_BYTES;
  }

  async run(code: string, options: RunOptions): Promise<RunOutcome> {
    const now = options.now ?? this.now;
    const codeHash = this.hash(code);
    options.onStart?.(codeHash);
    const output = new OutputBatcher(options.onOutput ?? (() => {}), now);
    const started = now();
    const raw = await this.guarded(options.timeLimitMs, output, () =>
      this.call('_ir_run(_ir_code)', { _ir_code: code }),
    );
    output.flush();
    const durationMs = Math.max(0, Math.round(now() - started));
    if (raw.kind === 'crashed') {
      return {
        status: 'crashed',
        exitCode: null,
        durationMs,
        traceback: null,
        notice: raw.message,
        truncated: output.truncated,
        codeHash,
      };
    }
    const [exitCode, traceback] = JSON.parse(raw.value) as [number, string | null];
    const fired = raw.fired;
    if (fired === 'time') {
      return {
        status: 'timeout',
        exitCode: null,
        durationMs,
        traceback,
        notice: timeNotice(options.timeLimitMs),
        truncated: output.truncated,
        codeHash,
      };
    }
    if (fired === 'memory') {
      return {
        status: 'crashed',
        exitCode: null,
        durationMs,
        traceback,
        notice: MEMORY_NOTICE,
        truncated: output.truncated,
        codeHash,
      };
    }
    return {
      status: exitCode === 0 ? 'ok' : 'error',
      exitCode,
      durationMs,
      traceback,
      notice: null,
      truncated: output.truncated,
      codeHash,
    };
  }

  /** Loads `code` as a module (not `__main__`) and runs each check in its namespace. */
  async runChecks(code: string, checks: readonly HiddenCheck[], options: RunOptions): Promise<ChecksOutcome> {
    const now = options.now ?? this.now;
    const codeHash = this.hash(code);
    const started = now();
    const output = new OutputBatcher(options.onOutput ?? (() => {}), now);
    const raw = await this.guarded(options.timeLimitMs, output, () =>
      this.call('_ir_checks(_ir_code, _ir_checks_json)', {
        _ir_code: code,
        _ir_checks_json: JSON.stringify(checks.map(({ name, code: src }) => ({ name, code: src }))),
      }),
    );
    output.flush();
    const durationMs = Math.max(0, Math.round(now() - started));
    const failAll = (status: RunStatus, notice: string): ChecksOutcome => ({
      status,
      durationMs,
      notice,
      codeHash,
      results: checks.map((c) => ({
        name: c.name,
        passed: false,
        message: notice.slice(0, RUN_LIMITS.checkMessageChars),
      })),
    });
    if (raw.kind === 'crashed') return failAll('crashed', raw.message);
    if (raw.fired === 'time') return failAll('timeout', timeNotice(options.timeLimitMs));
    if (raw.fired === 'memory') return failAll('crashed', MEMORY_NOTICE);
    // A KeyboardInterrupt that was not ours (the code raised it) ends up here as an exception.
    let parsed: { loaded: boolean; reason: string | null; results: [string, boolean, string][] };
    try {
      parsed = JSON.parse(raw.value);
    } catch {
      return failAll('error', 'the checks did not finish');
    }
    if (parsed.reason === 'interrupted')
      return failAll('error', 'the checks were interrupted (KeyboardInterrupt)');
    return {
      status: parsed.loaded ? 'ok' : 'error',
      durationMs,
      notice: parsed.reason,
      codeHash,
      results: parsed.results.map(([name, passed, message]) => ({
        name,
        passed,
        message: message.slice(0, RUN_LIMITS.checkMessageChars),
      })),
    };
  }

  private hash(code: string): string {
    return String(this.callSync('_ir_hash(_ir_code)', { _ir_code: code }));
  }

  private callSync(expression: string, values: Record<string, string>): unknown {
    for (const [key, value] of Object.entries(values)) this.pyodide.globals.set(key, value);
    try {
      return this.pyodide.runPython(expression, { filename: '<interview-room>' });
    } finally {
      for (const key of Object.keys(values)) this.pyodide.globals.delete(key);
    }
  }

  private async call(expression: string, values: Record<string, string>): Promise<string> {
    for (const [key, value] of Object.entries(values)) this.pyodide.globals.set(key, value);
    try {
      return String(
        await this.pyodide.runPythonAsync(`await ${expression}`, { filename: '<interview-room>' }),
      );
    } finally {
      for (const key of Object.keys(values)) this.pyodide.globals.delete(key);
    }
  }

  /** Runs `body` with output captured and the deadline armed; one at a time. */
  private async guarded(
    timeLimitMs: number,
    output: OutputBatcher,
    body: () => Promise<string>,
  ): Promise<
    { kind: 'done'; value: string; fired: 'time' | 'memory' | null } | { kind: 'crashed'; message: string }
  > {
    if (this.busy) throw new Error('a program is already running');
    this.busy = true;
    this.sink = (stream, bytes) => output.push(stream, this.decoder[stream].decode(bytes, { stream: true }));
    this.interrupter.arm(timeLimitMs, () => output.tick());
    try {
      const value = await body();
      return { kind: 'done', value, fired: this.interrupter.fired };
    } catch (error) {
      // The driver catches every Python exception, so this is the runtime itself failing.
      return { kind: 'crashed', message: `Python stopped unexpectedly: ${describeError(error)}` };
    } finally {
      this.interrupter.disarm();
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = this.decoder[stream].decode();
        if (rest) output.push(stream, rest);
      }
      this.sink = null;
      this.busy = false;
    }
  }
}

const MEMORY_NOTICE = `Memory limit exceeded (${MEMORY_LIMIT_BYTES / 1024 / 1024 / 1024} GiB): the program was stopped.`;
export const timeNotice = (limitMs: number): string =>
  `Time limit exceeded: the program was stopped after ${Math.round(limitMs / 100) / 10} s.`;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n').slice(-2).join(' ').trim() || error.name;
  return String(error);
}

function memoryBytes(pyodide: PyodideAPI): number {
  const module = (pyodide as unknown as { _module?: { HEAP8?: Int8Array } })._module;
  return module?.HEAP8?.buffer.byteLength ?? 0;
}

/**
 * Pyodide reads `buffer[0]` every so often while Python runs and raises KeyboardInterrupt when it
 * reads SIGINT (and writes 0 back). Ours is a getter: SIGINT once the deadline has passed or the
 * heap is over the ceiling, then again every REINTERRUPT_MS while the program keeps going.
 */
function createInterrupter(pyodide: PyodideAPI, now: () => number): Interrupter {
  let armed = false;
  let onPoll: () => void = () => {};
  let deadline = Number.POSITIVE_INFINITY;
  let lastFired = 0;
  let fired: 'time' | 'memory' | null = null;
  const buffer = {
    get 0(): number {
      if (!armed) return 0;
      onPoll();
      const t = now();
      if (fired !== null) {
        if (t - lastFired < REINTERRUPT_MS) return 0;
        lastFired = t;
        return SIGINT;
      }
      if (t >= deadline) fired = 'time';
      else if (memoryBytes(pyodide) > MEMORY_LIMIT_BYTES) fired = 'memory';
      if (fired === null) return 0;
      lastFired = t;
      return SIGINT;
    },
    set 0(_value: number) {
      // Pyodide clears the flag after reading it; ours is computed.
    },
  };
  pyodide.setInterruptBuffer(buffer as unknown as Int32Array);
  return {
    arm(limitMs, poll) {
      armed = true;
      onPoll = poll;
      deadline = now() + limitMs;
      fired = null;
    },
    disarm() {
      // \`fired\` is kept: the caller reads it after disarming.
      armed = false;
      onPoll = () => {};
      deadline = Number.POSITIVE_INFINITY;
    },
    get fired() {
      return fired;
    },
  };
}

/** Groups output into chunks of at most RUN_LIMITS.chunkChars and stops at RUN_LIMITS.outputBytes. */
export class OutputBatcher {
  private pending: { stream: RunStream; text: string } | null = null;
  private lastFlush: number;
  private bytes = 0;
  truncated = false;

  constructor(
    private readonly emit: (stream: RunStream, text: string) => void,
    private readonly now: () => number,
  ) {
    this.lastFlush = now();
  }

  push(stream: RunStream, text: string): void {
    if (this.truncated || text === '') return;
    const encoder = new TextEncoder();
    let size = encoder.encode(text).length;
    if (this.bytes + size > RUN_LIMITS.outputBytes) {
      // Keep what fits (by characters, conservatively), then stop.
      const room = Math.max(0, RUN_LIMITS.outputBytes - this.bytes);
      text = text.slice(0, Math.floor(room / 4));
      size = encoder.encode(text).length;
      this.truncated = true;
    }
    this.bytes += size;
    if (this.pending && this.pending.stream !== stream) this.flush();
    this.pending = this.pending ? { stream, text: this.pending.text + text } : { stream, text };
    if (
      this.pending.text.length >= RUN_LIMITS.chunkChars / 2 ||
      this.now() - this.lastFlush >= OUTPUT_FLUSH_MS
    )
      this.flush();
  }

  /** Hands on what waits if it has waited long enough (called while the program runs). */
  tick(): void {
    if (this.pending && this.now() - this.lastFlush >= OUTPUT_FLUSH_MS) this.flush();
  }

  flush(): void {
    this.lastFlush = this.now();
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    for (let i = 0; i < pending.text.length; i += RUN_LIMITS.chunkChars) {
      const part = pending.text.slice(i, i + RUN_LIMITS.chunkChars);
      if (part) this.emit(pending.stream, part);
    }
  }
}
