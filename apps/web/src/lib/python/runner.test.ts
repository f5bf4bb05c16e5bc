import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { PythonRunner } from './runner.ts';

/** The pyodide package's own directory: Node loads the runtime from there, as the worker does from /pyodide/. */
const indexURL = decodeURIComponent(new URL('../../../node_modules/pyodide/', import.meta.url).pathname);

let runner: PythonRunner;

beforeAll(async () => {
  runner = await PythonRunner.create(await loadPyodide({ indexURL }));
}, 60_000);

async function run(code: string, timeLimitMs = 5_000) {
  const chunks: { stream: string; text: string }[] = [];
  const outcome = await runner.run(code, {
    timeLimitMs,
    onOutput: (stream, text) => chunks.push({ stream, text }),
  });
  const text = (stream: string) =>
    chunks
      .filter((c) => c.stream === stream)
      .map((c) => c.text)
      .join('');
  return { outcome, stdout: text('stdout'), stderr: text('stderr') };
}

describe('PythonRunner (Pyodide in Node)', () => {
  it('runs a program as __main__ and captures stdout and stderr separately', async () => {
    const { outcome, stdout, stderr } = await run(
      'import sys\nif __name__ == "__main__":\n    print("hello", 6 * 7)\n    print("careful", file=sys.stderr)\n',
    );
    expect(outcome).toMatchObject({ status: 'ok', exitCode: 0, traceback: null, truncated: false });
    expect(stdout).toBe('hello 42\n');
    expect(stderr).toBe('careful\n');
    // sha-256 of the exact code, computed by Python's hashlib.
    expect(outcome.codeHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports an exception with a traceback whose frames point at solution.py lines', async () => {
    const { outcome, stdout } = await run('print("before")\n\ndef f():\n    return 1 / 0\n\nf()\n');
    expect(outcome.status).toBe('error');
    expect(outcome.exitCode).toBe(1);
    expect(stdout).toBe('before\n');
    expect(outcome.traceback).toContain('File "solution.py", line 6');
    expect(outcome.traceback).toContain('File "solution.py", line 4, in f');
    expect(outcome.traceback).toContain('ZeroDivisionError: division by zero');
    // The runner's own frames are not shown.
    expect(outcome.traceback).not.toContain('_ir_');
  });

  it('reports a syntax error with its line', async () => {
    const { outcome } = await run('x = 1\ndef broken(:\n    pass\n');
    expect(outcome.status).toBe('error');
    expect(outcome.traceback).toContain('File "solution.py", line 2');
    expect(outcome.traceback).toContain('SyntaxError');
  });

  it('stops an infinite loop at the time limit, and keeps working afterwards', async () => {
    const { outcome } = await run('n = 0\nwhile True:\n    n += 1\n', 800);
    expect(outcome.status).toBe('timeout');
    expect(outcome.notice).toMatch(/Time limit exceeded/);
    expect(outcome.durationMs).toBeGreaterThanOrEqual(800);
    expect(outcome.durationMs).toBeLessThan(3_000);
    expect(outcome.traceback).toContain('line 3');
    const again = await run('print("still alive")');
    expect(again.outcome.status).toBe('ok');
    expect(again.stdout).toBe('still alive\n');
  });

  it('ends a run that asks for more memory than WebAssembly has, and keeps working afterwards', async () => {
    const { outcome, stderr } = await run('blob = bytearray(8 * 1024 ** 3)\nprint("never")\n');
    expect(outcome.status).toBe('error');
    expect(`${outcome.traceback ?? ''}${stderr}`).toMatch(/MemoryError|OverflowError/);
    const again = await run('print("still alive")');
    expect(again.stdout).toBe('still alive\n');
  });

  it('interrupts a program that swallows KeyboardInterrupt again and again until it gives up', async () => {
    const code =
      'import time\ncaught = 0\nwhile caught < 3:\n    try:\n        while True: pass\n    except KeyboardInterrupt:\n        caught += 1\nprint("caught", caught)\n';
    const { outcome, stdout } = await run(code, 300);
    expect(outcome.status).toBe('timeout');
    expect(stdout).toBe('caught 3\n');
  });

  it('passes SystemExit codes through and explains that input() is unavailable', async () => {
    expect((await run('raise SystemExit(3)')).outcome).toMatchObject({ status: 'error', exitCode: 3 });
    expect((await run('import sys\nsys.exit()')).outcome).toMatchObject({ status: 'ok', exitCode: 0 });
    const { outcome } = await run('name = input("name? ")');
    expect(outcome.status).toBe('error');
    expect(outcome.traceback).toContain('input() is not available');
  });

  it('bounds the output of a print loop and says it was truncated', async () => {
    const { outcome, stdout } = await run('for i in range(200_000):\n    print(i)\n');
    expect(outcome.status).toBe('ok');
    expect(outcome.truncated).toBe(true);
    expect(stdout.length).toBeLessThanOrEqual(64 * 1024);
    expect(stdout.startsWith('0\n1\n2\n')).toBe(true);
  });

  it('runs hidden checks against the code loaded as a module, one result per check', async () => {
    const code =
      'def add(a, b):\n    return a + b\n\nif __name__ == "__main__":\n    raise SystemExit("demo code must not run for checks")\n';
    const outcome = await runner.runChecks(
      code,
      [
        { name: 'adds', code: 'assert add(2, 3) == 5' },
        { name: 'wrong on purpose', code: 'assert add(2, 2) == 5, "2 + 2 is not 5"' },
        { name: 'missing name', code: 'assert subtract(3, 1) == 2' },
      ],
      { timeLimitMs: 5_000 },
    );
    expect(outcome.status).toBe('ok');
    expect(outcome.results).toEqual([
      { name: 'adds', passed: true, message: '' },
      { name: 'wrong on purpose', passed: false, message: '2 + 2 is not 5' },
      { name: 'missing name', passed: false, message: "NameError: name 'subtract' is not defined" },
    ]);
  });

  it('fails every check when the solution does not load, or loops', async () => {
    const broken = await runner.runChecks('def f(:', [{ name: 'a', code: 'assert True' }], {
      timeLimitMs: 5_000,
    });
    expect(broken.status).toBe('error');
    expect(broken.results[0]?.passed).toBe(false);
    expect(broken.results[0]?.message).toMatch(/failed to load: SyntaxError/);
    const looping = await runner.runChecks('while True: pass', [{ name: 'a', code: 'assert True' }], {
      timeLimitMs: 500,
    });
    expect(looping.status).toBe('timeout');
    expect(looping.results[0]?.passed).toBe(false);
  });
});

describe('PythonRunner output while the program is busy', () => {
  it('hands on what was printed before a long computation without waiting for its end', async () => {
    const seen: { at: number; text: string }[] = [];
    const started = Date.now();
    const outcome = await runner.run('print("before the loop")\nwhile True:\n    pass\n', {
      timeLimitMs: 1_500,
      onOutput: (_stream, text) => seen.push({ at: Date.now() - started, text }),
    });
    expect(outcome.status).toBe('timeout');
    expect(seen[0]?.text).toBe('before the loop\n');
    expect(seen[0]?.at).toBeLessThan(1_000);
  });
});
