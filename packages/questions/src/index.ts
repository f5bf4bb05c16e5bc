import { createQuestionBank } from './bank.ts';
import { pythonQuestions } from './python.ts';

export type { QuestionBank } from './bank.ts';
export { createQuestionBank, rubricTexts } from './bank.ts';
export { PYTHON_BANK_DESCRIPTION, pythonQuestions } from './python.ts';

/** The bank the app uses: the Python questions, in seed order. */
export const defaultBank = createQuestionBank(pythonQuestions);
