import type { Recorder } from './recorder.ts';

/** One room of the load: its two participants' connections and what they do. */
export interface LoadRoom {
  /** Opens every connection and prepares the shared text; throws if the room cannot be used. */
  connect(): Promise<void>;
  /** Called every tick while the load runs: types, pushes, saves notes when due. */
  tick(now: number, recorder: Recorder): void;
  /** Measured keystrokes and pushes still on their way. */
  inFlight(): number;
  /** Counts what never arrived as lost. */
  finish(recorder: Recorder): void;
  close(): void;
}

/** Waits for a condition that other events make true, checking every few milliseconds. */
export async function waitUntil(check: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
