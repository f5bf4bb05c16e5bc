import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { SERVER_NODE_ARGS } from '../src/nodeArgs.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs the real server (`main.ts`) expecting it to refuse to start: resolves with its exit code
 * and everything it printed, or rejects if it is still running after `timeoutMs`.
 */
export function runServerToExit(
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: SERVER_DIR,
    env: { ...process.env, LOG_LEVEL: 'info', ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not exit: ${output}`)), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
