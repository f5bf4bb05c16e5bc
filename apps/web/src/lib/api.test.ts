import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './api.ts';
import { formatDuration, slugify } from './format.ts';

describe('filenameFromDisposition', () => {
  it('reads quoted, bare and RFC 5987 names', () => {
    expect(filenameFromDisposition('attachment; filename="report.md"')).toBe('report.md');
    expect(filenameFromDisposition('attachment; filename=report.json')).toBe('report.json');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''r%C3%A9sum%C3%A9.md")).toBe('résumé.md');
  });

  it('never returns a path', () => {
    expect(filenameFromDisposition('attachment; filename="../../etc/passwd"')).toBe('passwd');
    expect(filenameFromDisposition(null)).toBeNull();
    expect(filenameFromDisposition('attachment')).toBeNull();
  });
});

describe('format', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_000)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(formatDuration(-5)).toBe('0:00');
  });

  it('slugifies titles for file names', () => {
    expect(slugify('Backend — Python round!')).toBe('backend-python-round');
    expect(slugify('Zoë')).toBe('zoe');
    expect(slugify('???')).toBe('interview');
  });
});
