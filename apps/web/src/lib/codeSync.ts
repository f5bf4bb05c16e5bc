import { type AwarenessUser, codeTextKey, YjsCloseCode } from '@interview-room/protocol';
import type { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

export type CodeSyncStatus =
  /** `retry` is false for the very first attempt only. */
  | { state: 'connecting'; retry: boolean }
  | { state: 'connected'; synced: boolean }
  | { state: 'disconnected' }
  /** The server refused the document for good (bad token, unknown room...). */
  | { state: 'closed'; code: number; reason: string };

/**
 * What each participant shares through Yjs awareness (cursors use `selection`, set by y-monaco).
 * The server overwrites it with the identity of the token, so others see the same as on Socket.io.
 */
export type { AwarenessUser };

export interface CodeSyncOptions {
  roomId: string;
  token: string;
  /** Defaults to `ws(s)://<this host>/yjs`. Nothing connects until `start()`. */
  serverUrl?: string;
}

export function defaultYjsUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/yjs`;
}

export function describeCloseCode(code: number): string {
  switch (code) {
    case YjsCloseCode.Unauthorized:
      return 'The code editor rejected this link.';
    case YjsCloseCode.Forbidden:
      return 'This link may not open the code editor.';
    case YjsCloseCode.NotFound:
      return 'The code editor for this room no longer exists.';
    case YjsCloseCode.TooLarge:
      return 'The code is too large to sync.';
    case YjsCloseCode.RateLimited:
      return 'The code editor is sending too fast; reconnecting.';
    default:
      return `The code editor connection was closed (${code}).`;
  }
}

/**
 * The room's shared code: one Y.Doc holding one Y.Text per question, synced over `/yjs/<roomId>`.
 * The token travels as a query parameter because browsers cannot set WebSocket headers.
 */
export class CodeSync {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private status: CodeSyncStatus = { state: 'connecting', retry: false };
  private attempts = 0;
  private readonly listeners = new Set<() => void>();
  private destroyed = false;

  constructor(options: CodeSyncOptions) {
    this.provider = new WebsocketProvider(
      options.serverUrl ?? defaultYjsUrl(window.location),
      options.roomId,
      this.doc,
      {
        connect: false,
        params: { token: options.token },
        // Tabs of one browser must not sync behind the server's back (it enforces read-only).
        disableBc: true,
        maxBackoffTime: 5_000,
        // 44xx closes are final (y-websocket's default), except a rate limit, which passes.
        shouldReconnect: (event) =>
          event.code === YjsCloseCode.RateLimited || !(event.code >= 4400 && event.code < 4500),
      },
    );
    this.provider.on('status', ({ status }) => {
      if (this.status.state === 'closed') return;
      switch (status) {
        case 'connecting':
          this.attempts += 1;
          this.update({ state: 'connecting', retry: this.attempts > 1 });
          break;
        case 'connected':
          this.update({ state: 'connected', synced: this.provider.synced });
          break;
        case 'disconnected':
          this.update({ state: 'disconnected' });
          break;
      }
    });
    this.provider.on('sync', (synced) => {
      if (this.status.state === 'connected') this.update({ state: 'connected', synced });
    });
    this.provider.on('closed', ({ code, reason }) => {
      this.update({ state: 'closed', code, reason });
    });
  }

  /** Opens the WebSocket (separate from construction so a caller can create, then decide). */
  start(): void {
    if (!this.destroyed) this.provider.connect();
  }

  get awareness(): Awareness {
    return this.provider.awareness;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CodeSyncStatus => this.status;

  /** The code buffer of one question. The server seeds it; the client never writes starter code. */
  text(questionId: string): Y.Text {
    return this.doc.getText(codeTextKey(questionId));
  }

  setUser(user: AwarenessUser): void {
    this.provider.awareness.setLocalStateField('user', user);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.listeners.clear();
    this.provider.awareness.setLocalState(null);
    this.provider.destroy();
    this.doc.destroy();
  }

  private update(status: CodeSyncStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener();
  }
}
