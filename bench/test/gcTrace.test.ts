import { describe, expect, it } from 'vitest';
import { summarizeGcTrace } from '../src/gc/gcTrace.ts';

const scavenge = (at: number, isolate = '0x1') =>
  `[7:${isolate}]   ${at} ms: pause=2.5 mutator=300 gc=s allocated=10000000 promoted=500000 new_space_survived=600000`;
const mark = (at: number) => `[7:0x1]   ${at} ms: pause=12 mutator=900 gc=mc allocated=0 promoted=0`;

describe('summarizeGcTrace', () => {
  it('sums the main isolate’s GCs in the window, per second and per scavenge', () => {
    const text = [
      'a log line that is not a GC',
      scavenge(500),
      scavenge(1_000),
      scavenge(2_000),
      mark(2_500),
      scavenge(3_000),
      scavenge(3_500, '0x2'),
      scavenge(9_000),
    ].join('\n');
    const summary = summarizeGcTrace(text, 1_000, 3_000);
    expect(summary).toMatchObject({
      seconds: 2,
      scavenges: 3,
      scavengePauseMs: 7.5,
      maxScavengePauseMs: 2.5,
      markCompacts: 1,
      markCompactPauseMs: 12,
    });
    expect(summary.allocatedMBPerSecond).toBeCloseTo(15);
    expect(summary.promotedMBPerSecond).toBeCloseTo(0.75);
    expect(summary.survivedMBPerScavenge).toBeCloseTo(0.6);
  });
});
