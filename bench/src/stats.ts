/** Latency percentiles of a set of samples, in milliseconds. */
export interface Summary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export const EMPTY_SUMMARY: Summary = { count: 0, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 };

/** Nearest-rank percentiles over every sample (no histogram buckets, so no rounding). */
export function summarize(samples: readonly Float64Array[] | Float64Array): Summary {
  const parts = samples instanceof Float64Array ? [samples] : samples;
  const total = parts.reduce((sum, part) => sum + part.length, 0);
  if (total === 0) return { ...EMPTY_SUMMARY };
  const all = new Float64Array(total);
  let offset = 0;
  for (const part of parts) {
    all.set(part, offset);
    offset += part.length;
  }
  all.sort();
  const rank = (p: number) => all[Math.min(total - 1, Math.max(0, Math.ceil((p / 100) * total) - 1))] ?? 0;
  let sum = 0;
  for (const value of all) sum += value;
  return {
    count: total,
    p50: round(rank(50)),
    p95: round(rank(95)),
    p99: round(rank(99)),
    max: round(all[total - 1] ?? 0),
    mean: round(sum / total),
  };
}

/** Three decimals: microseconds are the most a loopback timer can tell. */
export const round = (value: number, digits = 3): number => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
