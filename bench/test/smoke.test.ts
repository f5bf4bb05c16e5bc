import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { BenchResults } from '../src/results.ts';

const BENCH_DIR = fileURLToPath(new URL('..', import.meta.url));

/** Runs `pnpm bench --smoke` as a user would (its own process), into a fresh directory. */
function runSmoke(outDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--smoke', '--out', outDir], {
      cwd: BENCH_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      child.kill('SIGKILL');
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('pnpm bench --smoke (slow: real servers, Redis and load workers)', () => {
  it('measures ours (one and two instances) and the stock server side by side, without errors', {
    timeout: 240_000,
  }, async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'ir-bench-smoke-'));
    onTestFinished(() => rmSync(outDir, { recursive: true, force: true }));
    const { code, output } = await runSmoke(outDir);
    expect(code, output).toBe(0);

    const results = JSON.parse(readFileSync(path.join(outDir, 'latest.json'), 'utf8')) as BenchResults;
    expect(results.scenarios.map((s) => s.target).sort()).toEqual(['ours-1', 'ours-2', 'stock']);
    for (const scenario of results.scenarios) {
      expect(scenario.errors.total, `${scenario.target}: ${scenario.errorSamples.join('; ')}`).toBe(0);
      expect(scenario.connectedRooms).toBe(scenario.rooms);
      // Every keystroke measured arrived, and it took a real, finite time.
      expect(scenario.keystroke.count).toBeGreaterThan(0);
      expect(scenario.keystroke.count).toBe(scenario.counts.keystrokesSent);
      expect(scenario.keystroke.p99).toBeGreaterThan(0);
      expect(scenario.keystroke.p99).toBeLessThan(5_000);
      expect(scenario.memory.baselineHeap).toBeGreaterThan(0);
      expect(scenario.servers.server ?? scenario.servers.serverA).toBeDefined();
      if (scenario.target === 'stock') expect(scenario.push).toBeNull();
      else expect(scenario.push?.count).toBeGreaterThan(0);
    }
    expect(results.reconnect.map((p) => p.target)).toEqual(
      expect.arrayContaining(['ours-1', 'ours-2', 'stock']),
    );
    for (const probe of results.reconnect) expect(probe.summary.count).toBeGreaterThan(0);
    expect(results.redisStore?.summary.count).toBeGreaterThan(0);
    expect(results.machine.cores).toBeGreaterThan(0);

    // The report and the chart are written next to the JSON.
    const markdown = readFileSync(path.join(outDir, 'latest.md'), 'utf8');
    expect(markdown).toContain('| 2 | ours-1 |');
    expect(markdown).toContain('| 2 | stock |');
    const svg = readFileSync(path.join(outDir, 'latest-p99.svg'), 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<circle /g)?.length).toBe(3);
    expect(
      existsSync(path.join(outDir, `${results.startedAt.slice(0, 10)}-${results.machine.host}.json`)),
    ).toBe(true);
  });
});
