/** Asked of a server process over its IPC channel by the bench (see serverProbe.ts). */
export type ProbeRequest =
  | { type: 'bench:memory'; id: number }
  /** Restarts the event-loop delay histogram, at the start of a measurement window. */
  | { type: 'bench:lag-reset'; id: number }
  | { type: 'bench:lag'; id: number }
  /** Writes a V8 heap snapshot into `dir` (profiling only: it stops the server for seconds). */
  | { type: 'bench:heap-snapshot'; id: number; dir: string };

export interface MemorySample {
  /** Bytes, after two full garbage collections. */
  heapUsed: number;
  /** The part of `heapUsed` that holds compiled code (V8's code spaces). */
  codeHeap: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

/**
 * The heap that holds data. Compiled code grows with the code paths a process has run (a cold
 * server at baseline has run none) rather than with the rooms it holds, so per-room figures leave
 * it out.
 */
export const dataHeap = (sample: MemorySample) => sample.heapUsed - sample.codeHeap;

export interface LagSample {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type ProbeReply =
  | { type: 'bench:memory'; id: number; memory: MemorySample }
  | { type: 'bench:lag-reset'; id: number }
  | { type: 'bench:lag'; id: number; lag: LagSample }
  | { type: 'bench:heap-snapshot'; id: number; file: string };

export function isProbeRequest(value: unknown): value is ProbeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return (
    typeof id === 'number' &&
    (type === 'bench:memory' ||
      type === 'bench:lag-reset' ||
      type === 'bench:lag' ||
      type === 'bench:heap-snapshot')
  );
}

export function isProbeReply(value: unknown): value is ProbeReply {
  return isProbeRequest(value);
}
