import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pythonQuestions } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { loadQuestionBankFile } from './questionBankFile.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'ir-bank-'));
const write = (name: string, content: string): string => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe('loadQuestionBankFile', () => {
  it('loads a valid Question[] in file order', () => {
    const subset = pythonQuestions.slice(0, 2);
    const bank = loadQuestionBankFile(write('ok.json', JSON.stringify(subset)));
    expect(bank.defaultPlan()).toEqual(subset.map((q) => q.id));
    expect(bank.get(subset[0]?.id ?? '')?.rubric).toEqual(subset[0]?.rubric);
  });

  it.each([
    ['missing.json', null, /QUESTION_BANK_FILE .*missing\.json: cannot be read/],
    ['broken.json', '[{', /broken\.json: is not JSON/],
    ['empty.json', '[]', /empty\.json: is not a list of questions: \(root\): the bank needs at least one/],
    [
      'norubric.json',
      JSON.stringify([{ ...pythonQuestions[0], rubric: undefined }]),
      /norubric\.json: is not a list of questions: 0\.rubric/,
    ],
    [
      'dup.json',
      JSON.stringify([pythonQuestions[0], pythonQuestions[0]]),
      /dup\.json: Duplicate question id "python-gil"/,
    ],
  ])('refuses %s with a message naming the file and the problem', (name, content, message) => {
    const file = content === null ? path.join(dir, name) : write(name, content);
    expect(() => loadQuestionBankFile(file)).toThrow(message);
  });
});
