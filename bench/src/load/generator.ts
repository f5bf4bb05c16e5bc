import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Children } from '../children.ts';
import type { FromWorker, RoomSpec, ToWorker, WorkerReport, Workload } from './messages.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface ConnectResult {
  rooms: number;
  failed: number;
  errorSamples: string[];
}

/** The orchestrator's side of the load workers: hands out rooms, starts, stops and collects. */
export class LoadGenerator {
  private constructor(
    private readonly workers: ChildProcess[],
    private readonly children: Children,
  ) {}

  static start(children: Children, count: number): LoadGenerator {
    const workers = Array.from({ length: count }, () =>
      children.track(
        fork(WORKER, [], {
          execArgv: ['--import', 'tsx'],
          // Typed arrays of samples cross the channel as they are.
          serialization: 'advanced',
          stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        }),
      ),
    );
    return new LoadGenerator(workers, children);
  }

  get pids(): number[] {
    return this.workers.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid]));
  }

  /** Rooms are dealt round-robin: both clients of a room go to the same worker. */
  async connect(rooms: readonly RoomSpec[], workload: Workload): Promise<ConnectResult> {
    const shares: RoomSpec[][] = this.workers.map(() => []);
    for (const [i, room] of rooms.entries()) shares[i % shares.length]?.push(room);
    const replies = await Promise.all(
      this.workers.map((worker, i) =>
        this.ask(worker, { type: 'connect', rooms: shares[i] ?? [], workload }, 'connected'),
      ),
    );
    return {
      rooms: replies.reduce((sum, reply) => sum + reply.rooms, 0),
      failed: replies.reduce((sum, reply) => sum + reply.failed, 0),
      errorSamples: replies.flatMap((reply) => reply.errorSamples).slice(0, 20),
    };
  }

  start(): void {
    for (const worker of this.workers) this.tell(worker, { type: 'start' });
  }

  measure(): void {
    for (const worker of this.workers) this.tell(worker, { type: 'measure' });
  }

  async stop(drainMs: number): Promise<WorkerReport[]> {
    const replies = await Promise.all(
      this.workers.map((worker) => this.ask(worker, { type: 'stop', drainMs }, 'report')),
    );
    return replies.map((reply) => reply.report);
  }

  /** Closes every client connection (the rooms' participants leave). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.ask(worker, { type: 'close' }, 'closed')));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => this.children.stop(worker)));
  }

  private tell(worker: ChildProcess, message: ToWorker): void {
    worker.send(message);
  }

  private ask<T extends FromWorker['type']>(
    worker: ChildProcess,
    message: ToWorker,
    answer: T,
  ): Promise<Extract<FromWorker, { type: T }>> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: FromWorker) => {
        if (reply.type === 'fatal') {
          cleanup();
          reject(new Error(`load worker failed: ${reply.message}`));
        } else if (reply.type === answer) {
          cleanup();
          resolve(reply as Extract<FromWorker, { type: T }>);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`load worker exited (${code}) while waiting for ${answer}`));
      };
      const cleanup = () => {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.once('exit', onExit);
      worker.send(message);
    });
  }
}
