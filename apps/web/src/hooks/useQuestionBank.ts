import type { QuestionSummary } from '@interview-room/protocol';
import { useEffect, useState } from 'react';
import { ApiError, listQuestions } from '../lib/api.ts';

export type QuestionBank =
  | { state: 'loading' }
  | { state: 'ready'; questions: QuestionSummary[] }
  | { state: 'error'; message: string };

export function useQuestionBank(): [QuestionBank, () => void] {
  const [bank, setBank] = useState<QuestionBank>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs the load on retry
  useEffect(() => {
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
  }, [attempt]);
  return [bank, () => setAttempt((n) => n + 1)];
}
