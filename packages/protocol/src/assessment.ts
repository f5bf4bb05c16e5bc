import { z } from 'zod';
import type { Rubric } from './questions.ts';
import type { Score } from './room.ts';

/**
 * What an interviewer concludes: rubric items ticked per question, a score suggested from them,
 * and an overall recommendation with a summary. All of it is interviewer-only.
 */

/** The rubric lists an interviewer can tick. */
export const RubricItemKindSchema = z.enum(['keyPoint', 'strongSignal', 'redFlag']);
export type RubricItemKind = z.infer<typeof RubricItemKindSchema>;

export const RUBRIC_ITEM_LABELS: Record<RubricItemKind, string> = {
  keyPoint: 'Key point',
  strongSignal: 'Strong signal',
  redFlag: 'Red flag',
};

/** The rubric list each kind of tick points into. */
export const RUBRIC_LISTS: Record<RubricItemKind, 'keyPoints' | 'strongSignals' | 'redFlags'> = {
  keyPoint: 'keyPoints',
  strongSignal: 'strongSignals',
  redFlag: 'redFlags',
};

/** The text of a rubric item, or undefined if the rubric has no such item. */
export function rubricItemText(
  rubric: Pick<Rubric, 'keyPoints' | 'strongSignals' | 'redFlags'>,
  kind: RubricItemKind,
  index: number,
): string | undefined {
  return rubric[RUBRIC_LISTS[kind]][index];
}

/** One ticked rubric item of a question: which list, which entry, and when it was ticked. */
export const TickSchema = z.object({
  kind: RubricItemKindSchema,
  index: z.number().int().min(0),
  at: z.number(),
});
export type Tick = z.infer<typeof TickSchema>;

export const RecommendationSchema = z.enum(['strong-no', 'no', 'yes', 'strong-yes']);
export type Recommendation = z.infer<typeof RecommendationSchema>;
/** Weakest first, as a form shows them. No middle level: the interviewer has to lean. */
export const RECOMMENDATIONS: readonly Recommendation[] = RecommendationSchema.options;
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
  'strong-no': 'Strong no',
  no: 'No',
  yes: 'Yes',
  'strong-yes': 'Strong yes',
};

/** A report is final once it has a recommendation and a summary; until then it is a draft. */
export function isReportFinal(recommendation: Recommendation | null, summary: string): boolean {
  return recommendation !== null && summary.trim() !== '';
}

/**
 * The score the ticks suggest, or null before anything is ticked. Covered key points set the
 * base (under a third: 1, under two thirds: 2, else 3; 2 when the rubric lists none), a ticked
 * strong signal adds one, each ticked red flag takes one off, and the result stays within 1–4.
 * Only a suggestion: the interviewer's own score is the one that counts.
 */
export function suggestScore(
  rubric: Pick<Rubric, 'keyPoints' | 'strongSignals' | 'redFlags'>,
  ticks: readonly Pick<Tick, 'kind' | 'index'>[],
): Score | null {
  const ticked = (kind: RubricItemKind): number =>
    new Set(
      ticks
        .filter((t) => t.kind === kind && rubricItemText(rubric, kind, t.index) !== undefined)
        .map((t) => t.index),
    ).size;
  const keyPoints = ticked('keyPoint');
  const strongSignals = ticked('strongSignal');
  const redFlags = ticked('redFlag');
  if (keyPoints + strongSignals + redFlags === 0) return null;
  const coverage = rubric.keyPoints.length === 0 ? null : keyPoints / rubric.keyPoints.length;
  const base = coverage === null ? 2 : coverage >= 2 / 3 ? 3 : coverage >= 1 / 3 ? 2 : 1;
  const score = base + (strongSignals > 0 ? 1 : 0) - redFlags;
  return Math.min(4, Math.max(1, score)) as Score;
}
