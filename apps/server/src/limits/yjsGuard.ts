import { YjsCloseCode } from '@interview-room/protocol';
import type { RawData, WebSocket } from 'ws';
import * as Y from 'yjs';
import type { Logger } from '../logger.ts';
import type { ServerLimits } from './limits.ts';
import { TokenBucket } from './tokenBucket.ts';

/** How long a connection closed for a limit has to take its close frame before it is cut. */
export const LIMIT_CLOSE_GRACE_MS = 1_000;

/** A Yjs connection went over a limit: it is closed with this code, and nothing of it applied. */
export class LimitExceeded extends Error {
  constructor(
    readonly closeCode: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * The limits of the Yjs endpoint: messages and bytes per second per connection, and the size of
 * each room's document. One per server; connections and documents are tracked weakly.
 */
export class YjsGuard {
  /** The size of each document, estimated from above (see admitUpdate). */
  private readonly sizes = new WeakMap<Y.Doc, { bytes: number }>();

  constructor(
    private readonly deps: {
      limits: Pick<
        ServerLimits,
        'yjsDocBytes' | 'yjsMessagesPerSecond' | 'yjsMessageBurst' | 'yjsBytesPerSecond' | 'yjsByteBurst'
      >;
      log: Logger;
      now?: () => number;
    },
  ) {}

  /**
   * Meters a new connection (and handles its errors). Call it before any other 'message' listener is added: this one then
   * runs first and closes a flooding connection, and later listeners see it no longer OPEN and
   * must drop the message (which also keeps what it queued while its document loaded small).
   */
  watch(ws: WebSocket, context: { roomId: string; role: string }): void {
    const { limits, now } = this.deps;
    const messages = new TokenBucket(limits.yjsMessagesPerSecond, limits.yjsMessageBurst, now);
    const bytes = new TokenBucket(limits.yjsBytesPerSecond, limits.yjsByteBurst, now);
    // ws reports a frame it refuses (over maxPayload: 1009; malformed: 1002) as an 'error' and
    // closes the connection itself; with no listener, that error would end the process.
    ws.on('error', (error) => {
      this.deps.log.warn('yjs connection error', { ...context, error: error.message });
    });
    ws.on('message', (data: RawData) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!messages.take() || !bytes.take(byteLength(data))) {
        this.close(ws, new LimitExceeded(YjsCloseCode.RateLimited, 'rate limited'), context);
      }
    });
  }

  /**
   * Throws LimitExceeded if applying `update` could grow the doc past yjsDocBytes, leaving the doc
   * as it is. Cheap for the common case: the size is tracked as the encoded state at first sight
   * plus every update applied since (from any origin), which can only overstate it (merges and
   * deletions shrink the real state); only when that estimate would pass the limit is the state
   * encoded again, and only if that too is over is the update merged in to see its real effect (a
   * reconnecting client's sync step 2 repeats much of what the doc has).
   */
  admitUpdate(doc: Y.Doc, update: Uint8Array): void {
    const limit = this.deps.limits.yjsDocBytes;
    const size = this.sizeOf(doc);
    if (size.bytes + update.byteLength <= limit) return;
    const state = Y.encodeStateAsUpdate(doc);
    size.bytes = state.byteLength;
    if (size.bytes + update.byteLength <= limit) return;
    const merged = Y.mergeUpdates([state, update]).byteLength;
    if (merged <= limit) return;
    throw new LimitExceeded(YjsCloseCode.TooLarge, 'document too large');
  }

  /** Closes a connection for a limit: with its code, then cut if it has not gone within a second. */
  close(ws: WebSocket, exceeded: LimitExceeded, context: { roomId: string; role: string }): void {
    this.deps.log.warn('yjs connection over a limit; closing', { ...context, reason: exceeded.reason });
    ws.close(exceeded.closeCode, exceeded.reason);
    // ws keeps reading (and parsing) what the client sends until it answers the close.
    setTimeout(() => ws.terminate(), LIMIT_CLOSE_GRACE_MS).unref();
  }

  private sizeOf(doc: Y.Doc): { bytes: number } {
    let size = this.sizes.get(doc);
    if (!size) {
      const tracked = { bytes: Y.encodeStateAsUpdate(doc).byteLength };
      doc.on('update', (update: Uint8Array) => {
        tracked.bytes += update.byteLength;
      });
      this.sizes.set(doc, tracked);
      size = tracked;
    }
    return size;
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  return data.byteLength;
}
