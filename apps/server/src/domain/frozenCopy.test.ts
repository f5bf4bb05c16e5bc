import { describe, expect, it } from 'vitest';
import { frozenCopy } from './frozenCopy.ts';

describe('frozenCopy', () => {
  it('freezes a copy all the way down and leaves the caller’s objects as they were', () => {
    const input = { a: { b: [1, { c: 'x' }] }, d: null, e: 'text' };
    const copy = frozenCopy(input);
    expect(copy).toEqual(input);
    expect(Object.isFrozen(copy) && Object.isFrozen(copy.a) && Object.isFrozen(copy.a.b)).toBe(true);
    expect(Object.isFrozen(copy.a.b[1])).toBe(true);
    expect(Array.isArray(copy.a.b)).toBe(true);
    expect(copy.a).not.toBe(input.a);
    expect(Object.isFrozen(input) || Object.isFrozen(input.a) || Object.isFrozen(input.a.b)).toBe(false);
  });

  it('shares what is frozen already: a new version copies only its new parts', () => {
    const stored = frozenCopy({ records: { q1: { notes: 'kept' } }, timeline: [{ at: 1 }] });
    const next = frozenCopy({ ...stored, records: { ...stored.records, q2: { notes: 'new' } } });
    expect(next.timeline).toBe(stored.timeline);
    expect(next.records.q1).toBe(stored.records.q1);
    expect(Object.isFrozen(next.records.q2)).toBe(true);
  });
});
