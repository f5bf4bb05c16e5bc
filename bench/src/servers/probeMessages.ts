/** Asked of a server process over its IPC channel by the bench (see serverProbe.ts). */
export type ProbeRequest =
  | { type: 'bench:memory'; id: number }
  /** Restarts the event-loop delay histogram, at the start of a measurement window. */
  | { type: 'bench:lag-reset'; id: number }
  | { type: 'bench:lag'; id: number };

export interface MemorySample {
  /** Bytes, after two full garbage collections. */
  heapUsed: number;
  rss: number;
  external: number;
  arrayBuffers: number;
}

export interface LagSample {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export type ProbeReply =
  | { type: 'bench:memory'; id: number; memory: MemorySample }
  | { type: 'bench:lag-reset'; id: number }
  | { type: 'bench:lag'; id: number; lag: LagSample };

export function isProbeRequest(value: unknown): value is ProbeRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return (
    typeof id === 'number' && (type === 'bench:memory' || type === 'bench:lag-reset' || type === 'bench:lag')
  );
}

export function isProbeReply(value: unknown): value is ProbeReply {
  return isProbeRequest(value);
}
