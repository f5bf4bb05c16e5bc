import type { QuestionSummary } from '@interview-room/protocol';

export type Level = QuestionSummary['level'];

export interface BankFilter {
  /** Words that must each appear in the title, topic, a tag, the bank or the id. */
  text: string;
  level: Level | 'any';
  bank: string | 'any';
}

export const NO_FILTER: BankFilter = { text: '', level: 'any', bank: 'any' };

const haystack = (q: QuestionSummary): string =>
  [q.title, q.topic, q.id, q.bank ?? '', ...q.tags].join('\n').toLowerCase();

/** The questions matching every word of the search and the chosen level and bank, in bank order. */
export function filterQuestions(
  questions: readonly QuestionSummary[],
  filter: BankFilter,
): QuestionSummary[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return questions.filter(
    (q) =>
      (filter.level === 'any' || q.level === filter.level) &&
      (filter.bank === 'any' || q.bank === filter.bank) &&
      words.every((word) => haystack(q).includes(word)),
  );
}

/** The banks questions come from, in order of first appearance. */
export function banksOf(questions: readonly QuestionSummary[]): string[] {
  return [...new Set(questions.flatMap((q) => (q.bank ? [q.bank] : [])))];
}

export const LEVEL_LABELS: Record<Level, string> = { junior: 'Junior', mid: 'Mid', senior: 'Senior' };
