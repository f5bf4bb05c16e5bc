import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInBanks, defaultBank, PYTHON_BANK_DESCRIPTION } from '../index.ts';
import { formatBankError } from './errors.ts';
import { GENERATED_DIR, generateBuiltInBanks, generatedFiles } from './generate.ts';

describe('the built-in banks', () => {
  const { files, errors } = generateBuiltInBanks();

  it('are valid Markdown banks', () => {
    expect(errors.map(formatBankError)).toEqual([]);
    expect([...files.keys()].sort()).toEqual(['index.ts', 'python.ts']);
  });

  // Drift fails CI: whoever edits the Markdown also runs `pnpm bank build` and commits the result.
  it.each([...files])('src/generated/%s is what `pnpm bank build` makes of banks/', (name, content) => {
    expect(readFileSync(path.join(GENERATED_DIR, name), 'utf8'), 'run `pnpm bank build`').toBe(content);
  });

  it('src/generated holds nothing that banks/ does not make', () => {
    expect(generatedFiles().sort()).toEqual([...files.keys()].sort());
  });

  it('are what the package serves', () => {
    expect(builtInBanks.map((entry) => entry.bank)).toEqual([
      { id: 'python', title: 'Python', description: PYTHON_BANK_DESCRIPTION },
    ]);
    expect(PYTHON_BANK_DESCRIPTION).toMatch(/^Python-specific interview questions/);
    expect(defaultBank.all().every((question) => question.bank === 'python')).toBe(true);
  });
});
