import { createQuestionBank, defaultBank, type QuestionBank } from '@interview-room/questions';
import { formatBankError, loadBanks } from '@interview-room/questions/markdown';
import { loadQuestionBankFile } from './questionBankFile.ts';

export interface BankSources {
  /** QUESTION_BANK_FILE: a JSON Question[] used instead of the built-in bank. */
  file?: string | undefined;
  /** QUESTION_BANKS_DIR: Markdown banks added to it. */
  dir?: string | undefined;
}

export type BankSetup =
  | { ok: true; bank: QuestionBank; added: Array<{ id: string; dir: string; questions: number }> }
  | { ok: false; problems: string[] };

/**
 * The bank the server serves: the built-in one (or QUESTION_BANK_FILE's) plus every bank in
 * QUESTION_BANKS_DIR. All or nothing: any problem in any file, or an id used twice anywhere,
 * and there is no bank, only the full list of problems (`file:line: field: expected …`).
 */
export function loadQuestionBanks(sources: BankSources): BankSetup {
  let base = defaultBank;
  if (sources.file) {
    try {
      base = loadQuestionBankFile(sources.file);
    } catch (error) {
      return { ok: false, problems: [error instanceof Error ? error.message : String(error)] };
    }
  }
  if (!sources.dir) return { ok: true, bank: base, added: [] };

  const existingLabel = sources.file ? `QUESTION_BANK_FILE ${sources.file}` : 'the built-in bank';
  const { banks, errors } = loadBanks(sources.dir, { existing: base.all(), existingLabel });
  if (errors.length > 0) return { ok: false, problems: errors.map(formatBankError) };
  return {
    ok: true,
    bank: createQuestionBank([...base.all(), ...banks.flatMap((bank) => bank.questions)]),
    added: banks.map(({ id, dir, questions }) => ({ id, dir, questions: questions.length })),
  };
}
