import { describe, expect, it } from 'vitest';
import { EncodeOnce } from './encodeOnce.ts';

describe('EncodeOnce', () => {
  it('encodes an event once however many connections ask, and again for the next event', () => {
    const cache = new EncodeOnce();
    let encodings = 0;
    const encode = (byte: number) => () => {
      encodings++;
      return new Uint8Array([byte]);
    };
    const first = new Uint8Array([1]);
    expect(cache.get(first, encode(1))).toEqual(new Uint8Array([1]));
    expect(cache.get(first, encode(9))).toEqual(new Uint8Array([1]));
    expect(encodings).toBe(1);
    // An equal but distinct event is a new event: its message is its own.
    expect(cache.get(new Uint8Array([1]), encode(2))).toEqual(new Uint8Array([2]));
    expect(encodings).toBe(2);
  });
});
