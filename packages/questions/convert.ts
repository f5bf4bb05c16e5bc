// One-off: writes the Python questions as a Markdown bank and proves every field round-trips.
import { mkdirSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'yaml';

const scalar = (value: string) => stringify(value).trimEnd();

import { PYTHON_BANK_DESCRIPTION, pythonQuestions } from './src/index.ts';
import { formatBankError } from './src/markdown/index.ts';
import { loadBanks } from './src/markdown/loadBanks.ts';

const dir = 'banks/python';
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/bank.yaml`, `title: Python\ndescription: ${PYTHON_BANK_DESCRIPTION}\n`);

const list = (items: readonly string[]) => {
  for (const item of items) if (item.includes('\n') || item !== item.trim()) throw new Error(item);
  return items.map((item) => `- ${item}`).join('\n');
};
const fence = (code: string) => {
  if (code.includes('```')) throw new Error('fence in code');
  return `\`\`\`python\n${code}${code.endsWith('\n') ? '' : '\n'}\`\`\``;
};

pythonQuestions.forEach((q, index) => {
  const { rubric } = q;
  const parts = [
    '---',
    `id: ${q.id}`,
    `title: ${scalar(q.title)}`,
    `topic: ${scalar(q.topic)}`,
    `level: ${q.level}`,
    `duration: ${q.durationMinutes}`,
    `language: ${q.language}`,
    `tags: [${q.tags.map(scalar).join(', ')}]`,
    ...(q.timeLimitSeconds === undefined ? [] : [`timeLimitSeconds: ${q.timeLimitSeconds}`]),
    '---',
    '',
    '## Prompt',
    '',
    q.prompt,
    '',
    ...(q.starterCode === '' ? [] : ['## Starter code', '', fence(q.starterCode), '']),
    '## Sample strong answer',
    '',
    rubric.sampleAnswer,
    '',
    '## Key points',
    '',
    list(rubric.keyPoints),
    '',
    '## Strong signals',
    '',
    list(rubric.strongSignals),
    '',
    '## Red flags',
    '',
    list(rubric.redFlags),
    '',
    '## Follow-ups',
    '',
    list(rubric.followUps),
    '',
    '## Why we ask',
    '',
    rubric.whyWeAsk,
    '',
    ...(rubric.hiddenChecks
      ? [
          '## Hidden checks',
          '',
          ...rubric.hiddenChecks.flatMap((c) => [`### ${c.name}`, '', fence(c.code), '']),
        ]
      : []),
  ];
  const name = `${String(index + 1).padStart(2, '0')}-${q.id}.md`;
  writeFileSync(`${dir}/${name}`, `${parts.join('\n').trimEnd()}\n`);
});

const result = loadBanks(dir);
if (result.errors.length > 0) throw new Error(result.errors.map(formatBankError).join('\n'));
const [bank] = result.banks;
if (!bank || bank.title !== 'Python' || bank.description !== PYTHON_BANK_DESCRIPTION)
  throw new Error('bank info');
if (bank.questions.length !== pythonQuestions.length) throw new Error('count');
pythonQuestions.forEach((original, i) => {
  const parsed = bank.questions[i];
  if (!isDeepStrictEqual(parsed, { ...original, bank: 'python' })) {
    console.error(JSON.stringify(original, null, 1), JSON.stringify(parsed, null, 1));
    throw new Error(`${original.id} does not round-trip`);
  }
});
console.log(`ok: ${bank.questions.length} questions round-trip`);
