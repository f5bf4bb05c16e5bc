import { isClientEventName, isRunEventName, type ProtocolError } from '@interview-room/protocol';
import type { Event } from 'socket.io';
import type { Logger } from '../logger.ts';
import type { ServerLimits } from './limits.ts';
import { TokenBucket } from './tokenBucket.ts';

/** What the per-connection guard needs of an accepted Socket.io socket. */
export interface GuardedSocket {
  readonly id: string;
  readonly data: { roomId?: string };
  use(fn: (event: Event, next: (error?: Error) => void) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  listenerCount(event: string): number;
  disconnect(close?: boolean): unknown;
}

type Reply = (response: { ok: false; error: ProtocolError }) => void;

/**
 * The first thing every inbound event of an accepted socket meets, before its handler:
 * - a rate (socketEventsPerSecond, burst socketEventBurst): an event over it is answered
 *   RATE_LIMITED and dropped, and a socket that keeps flooding is disconnected;
 * - the shape: an event nobody listens to, or not `(payload, ack?)`, is answered BAD_REQUEST when
 *   it has an ack and dropped either way, so every acknowledged event gets an answer.
 */
export class SocketGuard {
  constructor(
    private readonly deps: {
      limits: Pick<
        ServerLimits,
        'socketEventsPerSecond' | 'socketEventBurst' | 'socketRefusalsBeforeDisconnect'
      >;
      log: Logger;
      now?: () => number;
    },
  ) {}

  watch(socket: GuardedSocket): void {
    const { limits, log, now } = this.deps;
    const events = new TokenBucket(limits.socketEventsPerSecond, limits.socketEventBurst, now);
    // Refusals are forgiven at one a second: a client that bursts now and then is never cut off.
    const refusals = new TokenBucket(1, limits.socketRefusalsBeforeDisconnect, now);
    // Socket.io reports a malformed packet as an 'error' on the socket, then drops the connection
    // (its own no-op listener keeps that from throwing): log it, or the refusal leaves no trace.
    socket.on('error', (error) => {
      log.warn('socket error', {
        roomId: socket.data.roomId,
        error: error instanceof Error ? error.message : String(error),
      });
    });
    socket.use((event, next) => {
      const [name, ...args] = event;
      const last: unknown = args.at(-1);
      const reply: Reply | undefined = typeof last === 'function' ? (last as Reply) : undefined;
      const roomId = socket.data.roomId;
      if (!events.take()) {
        reply?.({
          ok: false,
          error: { code: 'RATE_LIMITED', message: 'Too many events; slow down' },
        });
        if (!refusals.take()) {
          log.warn('socket flooding events; disconnected', { roomId });
          socket.disconnect(true);
        }
        return;
      }
      // The protocol's events (one dispatch after this middleware serves them) and the handlers
      // registered on the socket are the list of events; 'error' is Socket.io's own.
      if (
        typeof name !== 'string' ||
        name === 'error' ||
        (!isClientEventName(name) && !isRunEventName(name) && socket.listenerCount(name) === 0)
      ) {
        log.warn('unknown event', { roomId, event: String(name).slice(0, 64) });
        reply?.({ ok: false, error: { code: 'BAD_REQUEST', message: 'Unknown event' } });
        return;
      }
      if (args.length !== (reply ? 2 : 1)) {
        log.warn('event with unexpected arguments', { roomId, event: name, count: args.length });
        reply?.({
          ok: false,
          error: { code: 'BAD_REQUEST', message: 'An event takes one payload and an acknowledgement' },
        });
        return;
      }
      next();
    });
  }
}
