import { frozenCopy } from '../domain/frozenCopy.ts';
import type { RoomState } from '../domain/room.ts';

type Plan = RoomState['plan'];

/** Distinct plans remembered per instance; most rooms share a few (the default, saved plans). */
export const PLAN_CACHE_PLANS = 64;

/**
 * Parsed plans by the JSON they were stored as, so rooms whose plans are the same share one
 * deep-frozen plan. Each room read from Redis held its own copy of every question with its
 * rubric (~9 KB of heap for a plan of two questions, ~40 KB for ten), for as long as the record
 * cache keeps the room; the same JSON is now parsed and validated once.
 */
export class PlanCache {
  /** Least recently used first. */
  private readonly plans = new Map<string, Plan>();

  constructor(
    private readonly parse: (json: string) => Plan,
    private readonly capacity = PLAN_CACHE_PLANS,
  ) {}

  get(json: string): Plan {
    const known = this.plans.get(json);
    if (known) {
      this.plans.delete(json);
      this.plans.set(json, known);
      return known;
    }
    const plan = frozenCopy(this.parse(json));
    this.plans.set(json, plan);
    for (const oldest of this.plans.keys()) {
      if (this.plans.size <= this.capacity) break;
      this.plans.delete(oldest);
    }
    return plan;
  }

  get size(): number {
    return this.plans.size;
  }
}
