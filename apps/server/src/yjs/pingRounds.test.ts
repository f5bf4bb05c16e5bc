import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PingRounds } from './pingRounds.ts';

class FakeConnection extends EventEmitter {
  pings = 0;
  terminated = false;
  /** Answers each ping, as a live client does. */
  constructor(private readonly answers = true) {
    super();
  }
  ping(): void {
    this.pings++;
    if (this.answers) queueMicrotask(() => this.emit('pong'));
  }
  terminate(): void {
    this.terminated = true;
    this.emit('close');
  }
}

describe('PingRounds', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('pings each connection once per interval, a share of them at each round', async () => {
    const rounds = new PingRounds<FakeConnection>(3_000, 3);
    const connections = Array.from({ length: 6 }, () => new FakeConnection());
    for (const connection of connections) rounds.add(connection);

    await vi.advanceTimersByTimeAsync(1_000);
    // One round: a third of the connections, not all of them at once.
    expect(connections.map((c) => c.pings)).toEqual([1, 0, 0, 1, 0, 0]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(connections.map((c) => c.pings)).toEqual([1, 1, 1, 1, 1, 1]);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(connections.map((c) => c.pings)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(connections.some((c) => c.terminated)).toBe(false);
    rounds.stop();
  });

  it('terminates a connection that did not answer its last ping, at its next round', async () => {
    const rounds = new PingRounds<FakeConnection>(3_000, 3);
    const dead = new FakeConnection(false);
    const live = new FakeConnection();
    rounds.add(dead);
    rounds.add(live);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(dead.pings).toBe(1);
    expect(dead.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(dead.terminated).toBe(true);
    expect(dead.pings).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(live.terminated).toBe(false);
    expect(live.pings).toBe(2);
    rounds.stop();
  });

  it('puts a new connection in the share that has the fewest', async () => {
    const rounds = new PingRounds<FakeConnection>(3_000, 3);
    const connections = Array.from({ length: 6 }, () => new FakeConnection());
    for (const connection of connections) rounds.add(connection);
    // Both connections of the second round leave; the next two take their places.
    connections[1]?.emit('close');
    connections[4]?.emit('close');
    const newcomers = [new FakeConnection(), new FakeConnection()];
    for (const connection of newcomers) rounds.add(connection);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(connections.map((c) => c.pings)).toEqual([1, 0, 0, 1, 0, 0]);
    expect(newcomers.map((c) => c.pings)).toEqual([0, 0]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(newcomers.map((c) => c.pings)).toEqual([1, 1]);
    rounds.stop();
  });

  it('forgets a connection once it closes', async () => {
    const rounds = new PingRounds<FakeConnection>(3_000, 3);
    const connection = new FakeConnection();
    rounds.add(connection);
    connection.emit('close');
    await vi.advanceTimersByTimeAsync(6_000);
    expect(connection.pings).toBe(0);
    rounds.stop();
  });
});
