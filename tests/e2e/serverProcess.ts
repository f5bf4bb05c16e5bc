import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_ARGS } from '../../apps/server/src/nodeArgs.ts';

const SERVER_DIR = fileURLToPath(new URL('../../apps/server', import.meta.url));

export interface ServerProcess {
  url: string;
  stop(): Promise<void>;
}

/**
 * A server of a test's own (`main.ts`, the production web build, the in-memory store), for a
 * test that needs another configuration than the shared web server: a canary question bank, say.
 * It listens on a port the OS picks and reports it in its ready line, so nothing can race for it.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, SERVER_NODE_ARGS, {
    cwd: SERVER_DIR,
    env: { ...process.env, REDIS_URL: '', ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${output}`)), 30_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const line of output.split('\n')) {
        const port = readyPort(line);
        if (port !== null) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${port}`);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`));
    });
  });
  return { url, stop: () => stop(child) };
}

/** The port of the server's "Interview Room is ready" log line, if this is that line. */
function readyPort(line: string): number | null {
  if (!line.includes('Interview Room is ready')) return null;
  try {
    const entry: unknown = JSON.parse(line);
    if (typeof entry === 'object' && entry !== null && 'port' in entry && typeof entry.port === 'number')
      return entry.port;
  } catch {
    // A partial line: the rest comes with the next chunk.
  }
  return null;
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
