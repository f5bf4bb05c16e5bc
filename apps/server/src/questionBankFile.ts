import { readFileSync } from 'node:fs';
import { QuestionSchema } from '@interview-room/protocol';
import { createQuestionBank, type QuestionBank } from '@interview-room/questions';
import { z } from 'zod';

const QuestionFileSchema = z.array(QuestionSchema).min(1, 'the bank needs at least one question');

/**
 * Reads a question bank from a JSON file holding `Question[]` (QUESTION_BANK_FILE), validated
 * with the protocol's schema. Used by tests that need a bank of their own in a server process
 * (the rubric canary); any failure throws one message naming the file and the offending field,
 * so a bad file stops the server at startup instead of serving a half-read bank.
 */
export function loadQuestionBankFile(file: string): QuestionBank {
  function fail(why: string): never {
    throw new Error(`QUESTION_BANK_FILE ${file}: ${why}`);
  }
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(`cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    fail(`is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = QuestionFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    fail(`is not a list of questions: ${issues.slice(0, 5).join('; ')}`);
  }
  try {
    return createQuestionBank(parsed.data);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
