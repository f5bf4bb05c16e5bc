import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatBankError } from './errors.ts';
import { parseQuestionFile } from './parseQuestion.ts';

const README = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');

describe("README's example question", () => {
  // The example people copy to start a bank: it must stay a valid one.
  it('is a valid question file, every section included', () => {
    const example = /\n````text\n([\s\S]*?)\n````\n/.exec(README)?.[1];
    expect(example, 'the ````text block of "Write your own bank"').toBeDefined();
    const { question, errors } = parseQuestionFile(`${example}\n`, 'README.md');
    expect(errors.map(formatBankError)).toEqual([]);
    expect(question?.id).toBe('backend-rate-limiter');
    expect(question?.timeLimitSeconds).toBe(20);
    expect(question?.starterCode).toContain('def allow(');
    expect(question?.rubric.hiddenChecks?.map((check) => check.name)).toEqual([
      'the sixth call in a minute is refused',
    ]);
  });
});
