import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import { SERVER_NODE_ARGS } from '../src/nodeArgs.ts';
import { freePort } from './redisGlobalSetup.ts';

const SERVER_DIR = fileURLToPath(new URL('..', import.meta.url));

async function until(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

/** The real server (`main.ts`) as a child process on a fixed port, so it can be restarted there. */
export class ServerProcess {
  private child: ChildProcess | null = null;
  readonly url: string;
  output = '';

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(env: Record<string, string>): Promise<ServerProcess> {
    const server = new ServerProcess(await freePort(), env);
    onTestFinished(() => server.kill('SIGKILL'));
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const child = spawn(process.execPath, SERVER_NODE_ARGS, {
      cwd: SERVER_DIR,
      env: { ...process.env, LOG_LEVEL: 'warn', ...this.env, PORT: String(this.port), HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output += chunk.toString();
    });
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`server exited early: ${this.output}`);
      try {
        return (await fetch(`${this.url}/healthz`)).ok;
      } catch {
        return false;
      }
    }, 'the server to be healthy');
  }

  /** Sends a signal and waits for the process to exit. */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited(child);
  }
}

/** A redis-server of the test's own, with append-only persistence, restartable on its port. */
export class RedisProcess {
  private child: ChildProcess | null = null;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'ir-redis-fault-'));
  readonly url: string;

  private constructor(readonly port: number) {
    this.url = `redis://127.0.0.1:${port}`;
  }

  static async start(): Promise<RedisProcess> {
    const redis = new RedisProcess(await freePort());
    onTestFinished(() => redis.stop('SIGKILL'));
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    this.child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--dir',
        this.dir,
        '--appendonly',
        'yes',
        '--save',
        '',
      ],
      { stdio: 'ignore' },
    );
    await until(() => canConnect(this.port), 'redis-server to listen');
  }

  /** SIGTERM is Redis's clean shutdown (the append-only file is flushed); SIGKILL is a crash. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited(child);
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A TCP load balancer in front of several instances, standing in for the reverse proxy: each new
 * connection goes to the preferred backend, or the next one that accepts it.
 */
export class Balancer {
  prefer = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(backendPorts: readonly number[]): Promise<Balancer> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const balancer = new Balancer(server, `http://127.0.0.1:${port}`);
    server.on('connection', (client) => balancer.route(client, backendPorts));
    onTestFinished(() => balancer.close());
    return balancer;
  }

  private route(client: Socket, ports: readonly number[], attempt = 0): void {
    this.sockets.add(client);
    client.once('close', () => this.sockets.delete(client));
    client.pause();
    const port = ports[(this.prefer + attempt) % ports.length];
    if (attempt >= ports.length || port === undefined) {
      client.destroy();
      return;
    }
    const upstream = tcpConnect(port, '127.0.0.1');
    this.sockets.add(upstream);
    upstream.once('close', () => this.sockets.delete(upstream));
    upstream.once('error', () => {
      if (!upstream.readyState.startsWith('open')) this.route(client, ports, attempt + 1);
      else client.destroy();
    });
    upstream.once('connect', () => {
      client.pipe(upstream).pipe(client);
      client.resume();
      client.once('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
