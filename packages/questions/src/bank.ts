import type { Question, QuestionSummary } from '@interview-room/protocol';
import { QuestionSchema } from '@interview-room/protocol';

/** What a bank says about itself (`bank.yaml`); its id is its folder's name. */
export interface BankInfo {
  id: string;
  title: string;
  description: string;
}

/** Read-only access to a validated, ordered set of questions. */
export interface QuestionBank {
  /** Every question, in bank order. */
  all(): readonly Question[];
  get(id: string): Question | undefined;
  has(id: string): boolean;
  /** Public listing for building a plan: no prompt, no rubric, no starter code. */
  summaries(): QuestionSummary[];
  /** The default interview plan: every question id, in bank order. */
  defaultPlan(): string[];
}

/**
 * Builds a bank from `questions`, validating each one against `QuestionSchema`.
 * Throws if a question is invalid or if two questions share an id.
 */
export function createQuestionBank(questions: readonly Question[]): QuestionBank {
  const byId = new Map<string, Question>();
  const ordered: Question[] = [];

  questions.forEach((candidate, index) => {
    const parsed = QuestionSchema.safeParse(candidate);
    if (!parsed.success) {
      const where = typeof candidate?.id === 'string' ? `"${candidate.id}"` : `at index ${index}`;
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
      );
      throw new Error(`Invalid question ${where}: ${issues.join('; ')}`);
    }
    const question = Object.freeze(parsed.data);
    if (byId.has(question.id)) {
      throw new Error(`Duplicate question id "${question.id}" (at index ${index})`);
    }
    byId.set(question.id, question);
    ordered.push(question);
  });

  const frozen: readonly Question[] = Object.freeze(ordered);

  return {
    all: () => frozen,
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    summaries: () =>
      frozen.map(({ id, title, topic, level, durationMinutes, tags, bank }) => ({
        id,
        title,
        topic,
        level,
        durationMinutes,
        tags: [...tags],
        ...(bank === undefined ? {} : { bank }),
      })),
    defaultPlan: () => frozen.map((question) => question.id),
  };
}

/**
 * Every interviewer-only string of a question: what leak tests look for in whatever reached a
 * candidate.
 */
export function rubricTexts(question: Question): string[] {
  const { rubric } = question;
  return [
    rubric.sampleAnswer,
    rubric.whyWeAsk,
    ...rubric.keyPoints,
    ...rubric.strongSignals,
    ...rubric.redFlags,
    ...rubric.followUps,
    ...(rubric.hiddenChecks ?? []).flatMap((check) => [check.name, check.code]),
  ];
}
