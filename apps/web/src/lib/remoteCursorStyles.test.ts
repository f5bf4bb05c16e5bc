import { describe, expect, it } from 'vitest';
import { cssString, isSafeColor, readAwarenessUser, remoteCursorCss } from './remoteCursorStyles.ts';

describe('cssString', () => {
  it('keeps plain names readable', () => {
    expect(cssString('Ada Lovelace')).toBe('"Ada Lovelace"');
  });

  it('hex-escapes anything that could end the string or the rule', () => {
    const css = cssString('x"; } body { display: none } </style><script>');
    expect(css.slice(1, -1)).not.toMatch(/["{};<>/]/);
    expect(css).toContain('\\22 ');
  });

  it('drops control characters and caps the length', () => {
    expect(cssString('a\nb\u0000c')).toBe('"abc"');
    expect(cssString('x'.repeat(100))).toBe(`"${'x'.repeat(32)}"`);
  });
});

describe('remote cursor rules', () => {
  it('accepts only #rrggbb colours', () => {
    expect(isSafeColor('#1a2B3c')).toBe(true);
    expect(isSafeColor('red')).toBe(false);
    expect(isSafeColor('#123; background: url(x)')).toBe(false);
    expect(remoteCursorCss(7, { name: 'A', color: 'red;}' })).toBe('');
  });

  it('writes one rule set per client id', () => {
    const css = remoteCursorCss(42, { name: 'Ada', color: '#112233' });
    expect(css).toContain('.yRemoteSelection-42 { background-color: #11223333; }');
    expect(css).toContain('.yRemoteSelectionHead-42::after { content: "Ada";');
  });

  it('reads untrusted awareness state defensively', () => {
    expect(readAwarenessUser({ user: { name: ' Ada ', color: '#abcdef' } })).toEqual({
      name: 'Ada',
      color: '#abcdef',
    });
    expect(readAwarenessUser({ user: { name: 5, color: '#abcdef' } })).toEqual({
      name: 'Guest',
      color: '#abcdef',
    });
    expect(readAwarenessUser({ user: { name: 'x', color: 'javascript:' } })).toBeNull();
    expect(readAwarenessUser(null)).toBeNull();
  });
});
