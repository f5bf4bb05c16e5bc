/** What PingRounds needs of a connection (a `ws` WebSocket). */
export interface Pingable {
  ping(): void;
  terminate(): void;
  on(event: 'pong', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

/** Rounds per interval: each pings its share of the connections. */
export const PING_ROUNDS = 30;

/**
 * Finds dead connections: every connection is pinged once per interval and terminated at the
 * next if it has not answered. The interval is split into rounds, each for a share of the
 * connections, because pinging them all at once (one write each, then their pongs at once)
 * blocked the event loop for ~30 ms at 500 rooms every 30 s, delaying every keystroke that
 * arrived meanwhile. (The stock y-websocket server spreads its pings too, with a timer per
 * connection.)
 */
export class PingRounds<T extends Pingable = Pingable> {
  private readonly shares: Set<T>[];
  /** Connections that answered their last ping (or have had none yet). */
  private readonly alive = new WeakSet<T>();
  private readonly timer: NodeJS.Timeout;
  private nextRound = 0;

  constructor(intervalMs: number, rounds = PING_ROUNDS) {
    this.shares = Array.from({ length: rounds }, () => new Set<T>());
    this.timer = setInterval(() => this.round(), intervalMs / rounds);
    this.timer.unref();
  }

  add(ws: T): void {
    // The smallest share, so that connections opened together are pinged apart and the rounds
    // stay even as connections come and go.
    let share = this.shares[0] as Set<T>;
    for (const other of this.shares) if (other.size < share.size) share = other;
    share.add(ws);
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
    ws.once('close', () => share.delete(ws));
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private round(): void {
    const share = this.shares[this.nextRound] as Set<T>;
    this.nextRound = (this.nextRound + 1) % this.shares.length;
    for (const ws of share) {
      if (!this.alive.has(ws)) {
        share.delete(ws);
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }
}
