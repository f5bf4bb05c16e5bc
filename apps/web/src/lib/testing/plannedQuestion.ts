import type { PlannedQuestion } from '@interview-room/protocol';

/** A planned question for tests: an empty rubric and a ten-minute budget unless `extra` says otherwise. */
export function plannedQuestion(id: string, extra: Partial<PlannedQuestion> = {}): PlannedQuestion {
  return {
    id,
    title: `Title ${id}`,
    prompt: 'p',
    language: 'python',
    topic: 'Topic',
    level: 'mid',
    durationMinutes: 10,
    tags: [],
    starterCode: '',
    rubric: { sampleAnswer: '', keyPoints: [], strongSignals: [], redFlags: [], whyWeAsk: '', followUps: [] },
    budgetMinutes: 10,
    ...extra,
  };
}
