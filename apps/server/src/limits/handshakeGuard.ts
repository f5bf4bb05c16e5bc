import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ProtocolError } from '@interview-room/protocol';
import type { Logger } from '../logger.ts';
import { clientAddress } from './clientAddress.ts';
import type { ServerLimits } from './limits.ts';
import { TokenBucket } from './tokenBucket.ts';

/**
 * Addresses remembered at most. An attacker rotating addresses must not grow memory without
 * bound; dropping the least recently failed only forgets part of a past burst.
 */
const MAX_ADDRESSES = 10_000;

/** What the Socket.io handshake middleware needs of a socket. */
export interface HandshakingSocket {
  handshake: { address: string; headers: IncomingMessage['headers'] };
}

/**
 * Cuts off a flood of handshakes that fail (guessed tokens, unknown rooms) before any of them is
 * checked: each failure takes a token from its address's bucket (Socket.io and Yjs share it), and
 * while the bucket is empty every handshake from that address is refused at once, so a flood costs
 * neither a store read nor a token hash. Successful handshakes cost nothing, so a company behind
 * one address is only refused while someone there keeps failing.
 */
export class HandshakeGuard {
  /** In least-recently-failed order, for eviction. */
  private readonly failures = new Map<string, TokenBucket>();

  constructor(
    private readonly deps: {
      limits: Pick<ServerLimits, 'handshakeFailuresPerWindow' | 'handshakeFailureWindowMs'>;
      log: Logger;
      now?: () => number;
    },
  ) {}

  /** Socket.io middleware, registered before the token check. */
  readonly socketMiddleware = (socket: HandshakingSocket, next: (error?: Error) => void): void => {
    const address = socketAddress(socket);
    if (!this.isBlocked(address)) {
      next();
      return;
    }
    this.deps.log.warn('socket.io handshake refused: too many failures from this address', { address });
    const data: ProtocolError = {
      code: 'RATE_LIMITED',
      message: 'Too many failed attempts from this address; try again in a few seconds',
    };
    next(Object.assign(new Error('RATE_LIMITED'), { data }));
  };

  /** Counts a Socket.io handshake refused for its credentials (not for a server fault). */
  socketFailed(socket: HandshakingSocket): void {
    this.fail(socketAddress(socket));
  }

  /**
   * Runs a Yjs upgrade unless its address is blocked (then answers 429 and closes). `upgrade`
   * resolves the HTTP status it refused with, or undefined if it accepted; 401 and 404 (a wrong
   * token or room) count as failures.
   */
  async guardUpgrade(
    req: IncomingMessage,
    socket: Duplex,
    upgrade: () => Promise<number | undefined>,
  ): Promise<void> {
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']);
    if (this.isBlocked(address)) {
      this.deps.log.warn('yjs upgrade refused: too many failures from this address', { address });
      socket.on('error', () => socket.destroy());
      const seconds = Math.ceil(this.secondsPerToken());
      socket.end(
        `HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${seconds}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        () => socket.destroy(),
      );
      return;
    }
    let status: number | undefined;
    try {
      status = await upgrade();
    } catch (error) {
      // A bug, not the client's doing: log it, and never leave the socket hanging.
      this.deps.log.error('yjs upgrade failed', { address, error });
      socket.destroy();
      return;
    }
    if (status === 401 || status === 404) this.fail(address);
  }

  /** Addresses currently remembered (for tests of the memory bound). */
  get size(): number {
    return this.failures.size;
  }

  private isBlocked(address: string): boolean {
    const bucket = this.failures.get(address);
    if (!bucket) return false;
    if (bucket.isFull()) {
      this.failures.delete(address);
      return false;
    }
    return !bucket.hasToken();
  }

  private fail(address: string): void {
    const { handshakeFailuresPerWindow: burst } = this.deps.limits;
    let bucket = this.failures.get(address);
    this.failures.delete(address);
    bucket ??= new TokenBucket(
      burst * (1000 / this.deps.limits.handshakeFailureWindowMs),
      burst,
      this.deps.now,
    );
    // Already empty: the address is blocked, and stays so until it refills.
    bucket.take();
    this.failures.set(address, bucket);
    for (const oldest of this.failures.keys()) {
      if (this.failures.size <= MAX_ADDRESSES) break;
      this.failures.delete(oldest);
    }
  }

  private secondsPerToken(): number {
    const { handshakeFailuresPerWindow, handshakeFailureWindowMs } = this.deps.limits;
    return handshakeFailureWindowMs / 1000 / handshakeFailuresPerWindow;
  }
}

function socketAddress(socket: HandshakingSocket): string {
  return clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for']);
}
