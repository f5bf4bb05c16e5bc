import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_ENTRY, SERVER_LOADER, SERVER_V8_FLAGS } from '../../../apps/server/src/nodeArgs.ts';
import type { Children } from '../children.ts';
import { freePort, until } from '../net.ts';
import {
  isProbeReply,
  type LagSample,
  type MemorySample,
  type ProbeReply,
  type ProbeRequest,
} from './probeMessages.ts';

const REPO_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER_DIR = path.join(REPO_DIR, 'apps/server');
/** The stock server runs from here, where `@y/websocket-server` resolves. */
const BENCH_DIR = path.join(REPO_DIR, 'bench');
const PROBE = fileURLToPath(new URL('./serverProbe.ts', import.meta.url));
/** The stock server's entry point, on ws 8 (see the file for the one line that differs). */
const STOCK_SERVER = fileURLToPath(new URL('./stockServer.ts', import.meta.url));
/** Keep the tail of a server's output for error messages, not all of it. */
const OUTPUT_KEEP_CHARS = 20_000;

/** Room creations per minute for the bench's servers: it creates thousands from one address. */
export const BENCH_ROOM_CREATION_PER_MINUTE = 10_000_000;

export interface ServerHandle {
  readonly kind: 'ours' | 'stock';
  readonly url: string;
  readonly pid: number;
  /** Heap and RSS after a full GC (the process runs with --expose-gc). */
  memory(): Promise<MemorySample>;
  resetLag(): Promise<void>;
  /** Writes a heap snapshot into `dir` and resolves its path. */
  heapSnapshot(dir: string): Promise<string>;
  lag(): Promise<LagSample>;
  output(): string;
  stop(): Promise<void>;
}

/** Node flags for a server under measurement: GC on request, and the probe preloaded. */
const probeFlags = [
  '--expose-gc',
  // As URLs: `--import` reads a Windows path's drive letter as a URL scheme.
  '--import',
  pathToFileURL(path.join(SERVER_DIR, SERVER_LOADER)).href,
  '--import',
  pathToFileURL(PROBE).href,
];

/**
 * `--cpu-prof` into `dir/name` (our servers write it when they exit on SIGTERM). Node's default
 * file names carry the pid and thread id: the module loader's thread writes a profile of its own.
 */
const profileFlags = (dir: string | undefined, name: string) =>
  dir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, name)}`] : [];

/**
 * What a server is asked to record about itself: a CPU profile, and one line per GC on stdout
 * (`--trace-gc-nvp`), which its handle copies into `gcTrace`.
 */
function diagnostics(options: Pick<LaunchOptions, 'profileDir' | 'gcTraceDir'>, name: string) {
  const { profileDir, gcTraceDir } = options;
  return {
    flags: [...(gcTraceDir ? ['--trace-gc-nvp'] : []), ...profileFlags(profileDir, name)],
    gcTrace: gcTraceDir ? path.join(gcTraceDir, `${name}.log`) : null,
  };
}

export interface LaunchOptions {
  redisUrl?: string;
  env?: Record<string, string>;
  /** Write a CPU profile of the server here (for finding hot spots). */
  profileDir?: string | undefined;
  /** Trace every GC of the server into a file here. */
  gcTraceDir?: string | undefined;
  profileName?: string;
}

export async function startOurServer(children: Children, options: LaunchOptions = {}): Promise<ServerHandle> {
  const port = await freePort();
  const { flags, gcTrace } = diagnostics(options, options.profileName ?? 'ours');
  const child = children.track(
    // As it runs in production (its V8 flags), plus the probe.
    spawn(process.execPath, [...SERVER_V8_FLAGS, ...probeFlags, ...flags, SERVER_ENTRY], {
      cwd: SERVER_DIR,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        ...options.env,
        // The limit on room creation is raised for the bench only; every other limit is the default.
        ROOM_CREATION_PER_MINUTE: String(BENCH_ROOM_CREATION_PER_MINUTE),
        REDIS_URL: options.redisUrl ?? '',
        PORT: String(port),
        HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  const handle = new Handle('ours', `http://127.0.0.1:${port}`, child, children, gcTrace);
  await handle.ready(async () => (await fetch(`${handle.url}/healthz`)).ok);
  return handle;
}

export async function startStockServer(
  children: Children,
  options: Pick<LaunchOptions, 'profileDir' | 'gcTraceDir' | 'profileName'> = {},
): Promise<ServerHandle> {
  const port = await freePort();
  const { flags, gcTrace } = diagnostics(options, options.profileName ?? 'stock');
  const child = children.track(
    spawn(process.execPath, [...probeFlags, ...flags, STOCK_SERVER], {
      cwd: BENCH_DIR,
      // No YPERSISTENCE: the stock server keeps documents in memory, as it does by default.
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  const handle = new Handle('stock', `http://127.0.0.1:${port}`, child, children, gcTrace);
  await handle.ready(async () => (await fetch(handle.url)).ok);
  return handle;
}

class Handle implements ServerHandle {
  private log = '';
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: ProbeReply) => void>();
  readonly pid: number;

  constructor(
    readonly kind: 'ours' | 'stock',
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly children: Children,
    gcTrace: string | null = null,
  ) {
    if (child.pid === undefined) throw new Error(`${kind} server did not start`);
    this.pid = child.pid;
    const keep = (chunk: Buffer) => {
      this.log = (this.log + chunk.toString()).slice(-OUTPUT_KEEP_CHARS);
    };
    if (gcTrace) {
      mkdirSync(path.dirname(gcTrace), { recursive: true });
      const file = createWriteStream(gcTrace);
      child.stdout?.pipe(file);
    }
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (message: unknown) => {
      if (!isProbeReply(message)) return;
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    });
  }

  async ready(healthy: () => Promise<boolean>): Promise<void> {
    await until(async () => {
      if (this.child.exitCode !== null) throw new Error(`${this.kind} server exited early:\n${this.log}`);
      try {
        return await healthy();
      } catch {
        return false;
      }
    }, `the ${this.kind} server to answer`);
  }

  async memory(): Promise<MemorySample> {
    const reply = await this.ask({ type: 'bench:memory', id: this.nextId++ });
    if (reply.type !== 'bench:memory') throw new Error('unexpected probe reply');
    return reply.memory;
  }

  async heapSnapshot(dir: string): Promise<string> {
    const reply = await this.ask({ type: 'bench:heap-snapshot', id: this.nextId++, dir }, 300_000);
    if (reply.type !== 'bench:heap-snapshot') throw new Error('unexpected probe reply');
    return reply.file;
  }

  async resetLag(): Promise<void> {
    await this.ask({ type: 'bench:lag-reset', id: this.nextId++ });
  }

  async lag(): Promise<LagSample> {
    const reply = await this.ask({ type: 'bench:lag', id: this.nextId++ });
    if (reply.type !== 'bench:lag') throw new Error('unexpected probe reply');
    return reply.lag;
  }

  output(): string {
    return this.log;
  }

  stop(): Promise<void> {
    return this.children.stop(this.child);
  }

  private ask(request: ProbeRequest, timeoutMs = 30_000): Promise<ProbeReply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(request.id);
        reject(new Error(`${this.kind} server did not answer ${request.type}`));
      }, timeoutMs);
      this.waiting.set(request.id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.child.send(request);
    });
  }
}

export interface RedisHandle {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * A redis-server of the bench's own on a free loopback port, without persistence (the bench
 * measures the servers, not the disk). Keyspace notifications for streams are on, so the
 * storage probe can see when an edit is stored.
 */
export async function startRedis(children: Children): Promise<RedisHandle> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'ir-bench-redis-'));
  const child = children.track(
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
        '--notify-keyspace-events',
        'Kt',
      ],
      { stdio: 'ignore' },
    ),
  );
  if (child.pid === undefined) throw new Error('redis-server did not start (is it installed?)');
  const pid = child.pid;
  await until(() => {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    return canConnect(port);
  }, 'redis-server to listen');
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    async stop() {
      await children.stop(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
