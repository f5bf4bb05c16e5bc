import { describe, expect, it } from 'vitest';
import { DEFAULT_RESULTS_DIR, parseOptions, SMOKE_RESULTS_DIR } from '../src/options.ts';

const outDir = (argv: string[]) => {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options.outDir;
};

describe('bench options: where results go', () => {
  it('writes a real run into bench/results, and a smoke run elsewhere, never over the reference', () => {
    expect(outDir([])).toBe(DEFAULT_RESULTS_DIR);
    expect(outDir(['--smoke'])).toBe(SMOKE_RESULTS_DIR);
    expect(SMOKE_RESULTS_DIR).not.toBe(DEFAULT_RESULTS_DIR);
    expect(outDir(['--smoke', '--out', '/tmp/mine'])).toBe('/tmp/mine');
  });
});
