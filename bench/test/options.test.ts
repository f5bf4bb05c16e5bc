import { describe, expect, it } from 'vitest';
import { DEFAULT_RESULTS_DIR, parseOptions, SMOKE_RESULTS_DIR } from '../src/options.ts';

const outDir = (argv: string[]) => {
  const options = parseOptions(argv);
  if (options === 'help') throw new Error('unexpected help');
  return options.outDir;
};

describe('bench options: memory readings', () => {
  it('rest 10 s before each reading by default, as asked, and not at all in a smoke run', () => {
    const rest = (argv: string[]) => {
      const options = parseOptions(argv);
      if (options === 'help') throw new Error('unexpected help');
      return options.restSeconds;
    };
    expect(rest([])).toBe(10);
    expect(rest(['--rest', '3'])).toBe(3);
    expect(rest(['--smoke'])).toBe(0);
  });
});

describe('bench options: where results go', () => {
  it('writes a real run into bench/results, and a smoke run elsewhere, never over the reference', () => {
    expect(outDir([])).toBe(DEFAULT_RESULTS_DIR);
    expect(outDir(['--smoke'])).toBe(SMOKE_RESULTS_DIR);
    expect(SMOKE_RESULTS_DIR).not.toBe(DEFAULT_RESULTS_DIR);
    expect(outDir(['--smoke', '--out', '/tmp/mine'])).toBe('/tmp/mine');
  });
});
