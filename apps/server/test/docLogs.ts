import type { DocLog, Relay, RelayListener, StoredDoc } from '../src/docs/types.ts';

/**
 * A real DocLog with faults switched on and off by the test: failing or held appends, and a relay
 * that loses messages. Everything else goes to the real log underneath.
 */
export class FaultyDocLog implements DocLog {
  get kind() {
    return this.inner.kind;
  }
  /** While set, appends throw (as they do while Redis is down). */
  failAppends = false;
  /** While set, relay messages to this instance are lost (its relay connection is cut). */
  dropRelay = false;
  /** Updates stored through this handle, in the order the log accepted them. */
  readonly appended: Uint8Array[] = [];
  failedAppends = 0;
  appendsInFlight = 0;
  private gate: Promise<void> | null = null;
  private openGate: (() => void) | null = null;
  private readonly listeners = new Set<RelayListener>();

  constructor(private readonly inner: DocLog) {}

  /** Appends wait (they are "slow") until release(). */
  hold(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = null;
    this.openGate = null;
  }

  /** The relay is back: what it lost must be re-read, as after a reconnect. */
  reconnectRelay(): void {
    this.dropRelay = false;
    for (const listener of this.listeners) listener.resync();
  }

  load(roomId: string, docName: string): Promise<StoredDoc> {
    return this.inner.load(roomId, docName);
  }

  async append(roomId: string, docName: string, update: Uint8Array, relay?: Relay): Promise<string> {
    this.appendsInFlight++;
    try {
      if (this.gate) await this.gate;
      if (this.failAppends) {
        this.failedAppends++;
        throw new Error('append failed (injected)');
      }
      const id = await this.inner.append(roomId, docName, update, relay);
      this.appended.push(update);
      return id;
    } finally {
      this.appendsInFlight--;
    }
  }

  compact(roomId: string, docName: string, snapshot: Uint8Array, upToId: string): Promise<boolean> {
    return this.inner.compact(roomId, docName, snapshot, upToId);
  }

  delete(roomId: string): Promise<void> {
    return this.inner.delete(roomId);
  }

  publish(roomId: string, docName: string, relay: Relay): Promise<void> {
    return this.inner.publish(roomId, docName, relay);
  }

  async subscribe(roomId: string, docName: string, listener: RelayListener): Promise<() => Promise<void>> {
    const filtered: RelayListener = {
      ...(listener.instance === undefined ? {} : { instance: listener.instance }),
      message: (message) => {
        if (!this.dropRelay) listener.message(message);
      },
      resync: () => listener.resync(),
    };
    const unsubscribe = await this.inner.subscribe(roomId, docName, filtered);
    this.listeners.add(listener);
    return async () => {
      this.listeners.delete(listener);
      await unsubscribe();
    };
  }

  close(): Promise<void> {
    this.release();
    return this.inner.close();
  }
}
