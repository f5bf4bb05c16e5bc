import { describe, expect, it } from 'vitest';
import { looksLikeCode, parseBlocks, parseInline } from './promptText.ts';

describe('parseBlocks', () => {
  it('splits paragraphs, lists and fenced code', () => {
    const blocks = parseBlocks(
      'Intro line\nsecond line\n\n- one\n- two `x`\n\n```\ndef f():\n    pass\n```\n1. first',
    );
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'code', 'list']);
    expect(blocks[0]).toMatchObject({
      type: 'paragraph',
      lines: [[{ text: 'Intro line' }], [{ text: 'second line' }]],
    });
    expect(blocks[2]).toEqual({ type: 'code', text: 'def f():\n    pass' });
    expect(blocks[3]).toMatchObject({ type: 'list', ordered: true });
  });

  it('parses inline code and bold, leaving anything else as text', () => {
    expect(parseInline('use `map` **now** <b>')).toEqual([
      { type: 'text', text: 'use ' },
      { type: 'code', text: 'map' },
      { type: 'text', text: ' ' },
      { type: 'strong', text: 'now' },
      { type: 'text', text: ' <b>' },
    ]);
  });
});

describe('looksLikeCode', () => {
  it('tells bare code from prose', () => {
    expect(looksLikeCode('def f(x):\n    return x * 2')).toBe(true);
    expect(looksLikeCode('Explain the trade-off.\nMention the GIL.')).toBe(false);
  });
});
