import { createQuestionBank } from './bank.ts';
import { builtInBanks } from './generated/index.ts';
import { bank as pythonBank, questions as pythonQuestions } from './generated/python.ts';

export type { BankInfo, QuestionBank } from './bank.ts';
export { createQuestionBank, rubricTexts } from './bank.ts';
export { builtInBanks, pythonQuestions };

/** The Python bank's own description, as given in the seed. */
export const PYTHON_BANK_DESCRIPTION = pythonBank.description;

/** The bank the app uses: every built-in bank (today the Python questions), in file order. */
export const defaultBank = createQuestionBank(builtInBanks.flatMap((bank) => bank.questions));
