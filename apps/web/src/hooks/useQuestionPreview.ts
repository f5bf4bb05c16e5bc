import type { Question } from '@interview-room/protocol';
import { useEffect, useRef, useState } from 'react';
import type { RoomSession } from '../lib/roomSession.ts';

export type Preview =
  | { state: 'idle' }
  | { state: 'loading'; questionId: string }
  | { state: 'ready'; question: Question }
  | { state: 'error'; questionId: string; message: string };

/**
 * A bank question with its rubric, asked of the server over the interviewer's own connection
 * (the public question list never carries rubrics). Each question is fetched once per page.
 */
export function useQuestionPreview(
  session: RoomSession | null,
  questionId: string | null,
): [Preview, () => void] {
  const cache = useRef(new Map<string, Question>());
  const [preview, setPreview] = useState<Preview>({ state: 'idle' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` re-runs a failed load
  useEffect(() => {
    if (!session || questionId === null) {
      setPreview({ state: 'idle' });
      return;
    }
    const cached = cache.current.get(questionId);
    if (cached) {
      setPreview({ state: 'ready', question: cached });
      return;
    }
    let current = true;
    setPreview({ state: 'loading', questionId });
    void session.previewQuestion(questionId).then((result) => {
      if (!current) return;
      if (result.ok) {
        cache.current.set(questionId, result.question);
        setPreview({ state: 'ready', question: result.question });
      } else setPreview({ state: 'error', questionId, message: result.message });
    });
    return () => {
      current = false;
    };
  }, [session, questionId, attempt]);
  return [preview, () => setAttempt((n) => n + 1)];
}
