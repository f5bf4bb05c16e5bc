import type { SavedPlan, SavedPlanItem } from '@interview-room/protocol';
import { useCallback, useEffect, useState } from 'react';
import { ApiError, createSavedPlan, deleteSavedPlan, listSavedPlans } from '../lib/api.ts';

export type SavedPlansState =
  | { state: 'loading' }
  | { state: 'ready'; plans: SavedPlan[] }
  | { state: 'error'; message: string };

export interface SavedPlansApi {
  /** Resolves the new plan, or rejects with an ApiError whose message can be shown. */
  save(name: string, items: SavedPlanItem[]): Promise<SavedPlan>;
  remove(id: string): Promise<void>;
  reload(): void;
}

/** What to tell the interviewer when a saved plan call fails. */
export const savedPlanError = (err: unknown): string =>
  err instanceof ApiError ? err.message : 'Something went wrong.';

/** The server's saved plans, kept fresh after every change made here; none loaded unless `enabled`. */
export function useSavedPlans(enabled = true): [SavedPlansState, SavedPlansApi] {
  const [plans, setPlans] = useState<SavedPlansState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    listSavedPlans(controller.signal).then(
      (list) => setPlans({ state: 'ready', plans: list }),
      (err: unknown) => {
        if (!controller.signal.aborted) setPlans({ state: 'error', message: savedPlanError(err) });
      },
    );
    return () => controller.abort();
  }, [attempt, enabled]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const save = useCallback(
    async (name: string, items: SavedPlanItem[]) => {
      const plan = await createSavedPlan({ name, items });
      reload();
      return plan;
    },
    [reload],
  );
  const remove = useCallback(
    async (id: string) => {
      await deleteSavedPlan(id);
      reload();
    },
    [reload],
  );
  return [plans, { save, remove, reload }];
}
