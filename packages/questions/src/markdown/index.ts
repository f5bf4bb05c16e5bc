export { type BankError, formatBankError } from './errors.ts';
export { BANK_FILE, type LoadedBank, type LoadOptions, type LoadResult, loadBanks } from './loadBanks.ts';
export { type ParsedQuestion, parseQuestionFile, SECTION_NAMES } from './parseQuestion.ts';
export { QUESTION_FIELD_NAMES } from './questionFields.ts';
