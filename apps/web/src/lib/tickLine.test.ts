import { describe, expect, it } from 'vitest';
import { appendLine, tickLine } from './tickLine.ts';

describe('tickLine', () => {
  const now = new Date(2025, 0, 6, 14, 5, 0);

  it('stamps a tick with the interview clock and names what was ticked', () => {
    expect(tickLine('keyPoint', 'Explains the GIL', 12 * 60_000 + 34_000, now)).toBe(
      '[12:34] ✓ Key point: Explains the GIL',
    );
    expect(tickLine('strongSignal', 'Mentions PEP 703', 65 * 60_000, now)).toBe(
      '[1:05:00] ✓ Strong signal: Mentions PEP 703',
    );
    expect(tickLine('redFlag', 'Thinks threads\n never help ', 5_000, now)).toBe(
      '[0:05] ✗ Red flag: Thinks threads never help',
    );
  });

  it('uses the time of day before the interview has started', () => {
    expect(tickLine('keyPoint', 'x', null, now)).toBe('[14:05] ✓ Key point: x');
  });
});

describe('appendLine', () => {
  it('puts the line on a line of its own after what is there, typing included', () => {
    expect(appendLine('', 'A')).toBe('A');
    expect(appendLine('half a sentence', 'A')).toBe('half a sentence\nA');
    expect(appendLine('done.\n', 'A')).toBe('done.\nA');
  });
});
