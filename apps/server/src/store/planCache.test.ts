import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { PlanCache } from './planCache.ts';
import { parseStoredPlan } from './schema.ts';

const [q1, q2, q3] = defaultBank.all();
const json = (...questions: unknown[]) =>
  JSON.stringify(questions.map((q) => ({ ...(q as object), budgetMinutes: 10 })));

describe('PlanCache', () => {
  it('parses each JSON once and answers the same deep-frozen plan for it', () => {
    let parses = 0;
    const cache = new PlanCache((text) => {
      parses++;
      return parseStoredPlan(text);
    });
    const plan = cache.get(json(q1, q2));
    expect(plan.map((q) => q.id)).toEqual([q1?.id, q2?.id]);
    expect(Object.isFrozen(plan)).toBe(true);
    expect(Object.isFrozen(plan[0]?.rubric.keyPoints)).toBe(true);
    // Another string with the same text, as each read from Redis brings.
    expect(cache.get(` ${json(q1, q2)}`.slice(1))).toBe(plan);
    expect(cache.get(json(q2, q1))).not.toBe(plan);
    expect(parses).toBe(2);
  });

  it('keeps the most recently used plans up to its capacity', () => {
    const cache = new PlanCache(parseStoredPlan, 2);
    const first = cache.get(json(q1));
    cache.get(json(q2));
    expect(cache.get(json(q1))).toBe(first);
    cache.get(json(q3));
    expect(cache.size).toBe(2);
    // q2 was the least recently used: dropped, while q1 is still shared.
    expect(cache.get(json(q1))).toBe(first);
    expect(cache.size).toBe(2);
  });

  it('remembers nothing it could not parse', () => {
    const cache = new PlanCache(parseStoredPlan);
    expect(() => cache.get('{}')).toThrow();
    expect(() => cache.get('[{"id":1}]')).toThrow();
    expect(cache.size).toBe(0);
  });
});
