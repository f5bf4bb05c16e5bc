import type { QuestionSummary } from '@interview-room/protocol';
import { useEffect, useState } from 'react';
import { ApiError, listQuestions } from '../lib/api.ts';

export type QuestionBank =
  | { state: 'loading' }
  | { state: 'ready'; questions: QuestionSummary[] }
  | { state: 'error'; message: string };

/** The public question list; `enabled` false loads nothing (a candidate's page never asks for it). */
export function useQuestionBank(enabled = true): [QuestionBank, () => void] {
  const [bank, setBank] = useState<QuestionBank>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on retry
  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    setBank({ state: 'loading' });
    listQuestions(controller.signal).then(
      (questions) => setBank({ state: 'ready', questions }),
      (err: unknown) => {
        if (controller.signal.aborted) return;
        setBank({
          state: 'error',
          message: err instanceof ApiError ? err.message : 'Could not load questions.',
        });
      },
    );
    return () => controller.abort();
  }, [attempt, enabled]);
  return [bank, () => setAttempt((n) => n + 1)];
}
