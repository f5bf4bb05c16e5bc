import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Question } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { type BankError, formatBankError } from './errors.ts';
import { loadBanks } from './loadBanks.ts';
import { parseQuestionFile } from './parseQuestion.ts';

const FIXTURES = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
/** Errors as an author reads them, with paths relative to the fixtures folder. */
const report = (errors: readonly BankError[]): string[] =>
  errors.map((error) => formatBankError({ ...error, file: path.relative(FIXTURES, error.file) }));
const parse = (name: string) => parseQuestionFile(fixture(name), path.join(FIXTURES, name));

const FIZZBUZZ: Question = {
  id: 'fizzbuzz',
  bank: 'basics',
  title: 'FizzBuzz, explained',
  topic: 'Basics',
  level: 'junior',
  durationMinutes: 5,
  tags: ['loops', 'conditionals'],
  language: 'python',
  timeLimitSeconds: 20,
  prompt:
    'Write fizzbuzz(n), returning the list of the first n FizzBuzz words.\nThen tell us how you would test it.',
  starterCode:
    'def fizzbuzz(n: int) -> list[str]:\n    ## the double hash is code, not a heading\n    return []\n',
  rubric: {
    sampleAnswer: 'Loops once, checks 15 first, and tests the boundaries 1, 3, 5 and 15.',
    keyPoints: ['Checks divisibility by 15 before 3 and 5', 'Returns strings, not a mix of ints and strings'],
    strongSignals: ['Writes a parametrized test without being asked'],
    redFlags: ['Hard-codes the first fifteen answers'],
    followUps: ['How would you make the words configurable?', 'What if n is zero or negative?'],
    whyWeAsk: 'A warm-up: it shows how someone reads a spec and checks their own work.',
    hiddenChecks: [
      { name: 'counts to fifteen', code: 'assert fizzbuzz(15)[-1] == "FizzBuzz"' },
      { name: 'zero gives nothing', code: 'assert fizzbuzz(0) == []' },
    ],
  },
};

describe('a valid folder of banks', () => {
  const { banks, errors } = loadBanks(path.join(FIXTURES, 'valid'));

  it('loads each subfolder as a bank, in name order, with bank.yaml for its title', () => {
    expect(report(errors)).toEqual([]);
    expect(banks.map(({ id, title, description }) => ({ id, title, description }))).toEqual([
      { id: 'basics', title: 'The basics', description: 'Warm-up questions for every level.' },
      { id: 'more', title: 'more', description: '' },
    ]);
  });

  it('reads every field of a question: front matter, sections, starter code and hidden checks', () => {
    expect(banks[0]?.questions[0]).toEqual(FIZZBUZZ);
  });

  it('leaves the optional parts out when they are absent', () => {
    const minimal = banks[0]?.questions[1];
    expect(minimal?.id).toBe('minimal');
    expect(minimal?.starterCode).toBe('');
    expect(minimal?.rubric).not.toHaveProperty('hiddenChecks');
    expect(minimal).not.toHaveProperty('timeLimitSeconds');
  });

  it('reads only .md files, and not README.md', () => {
    expect(banks[0]?.questions.map((q) => q.id)).toEqual(['fizzbuzz', 'minimal']);
  });

  it('reads a file with a byte-order mark and Windows line endings like any other', () => {
    const { timeLimitSeconds: _t, ...rest } = FIZZBUZZ;
    const { hiddenChecks: _h, ...rubric } = rest.rubric;
    expect(banks[1]?.questions).toEqual([{ ...rest, rubric, id: 'windows-line-endings', bank: 'more' }]);
  });

  it('takes one bank folder as one bank', () => {
    const one = loadBanks(path.join(FIXTURES, 'valid', 'more'));
    expect(one.banks.map((bank) => [bank.id, bank.questions.length])).toEqual([['more', 1]]);
  });

  it('matches section headings whatever their case and spacing', () => {
    const source = fixture('valid/basics/02-minimal.md').replace('## Key points', '##   key   POINTS  ');
    expect(parseQuestionFile(source, 'q.md').errors).toEqual([]);
  });
});

/** Each broken fixture and exactly what the parser says about it. */
const BROKEN: Array<[string, string[]]> = [
  [
    'empty-file.md',
    [
      '1: front matter: expected the file to start with a "---" line opening the YAML front matter, got an empty file',
    ],
  ],
  [
    'blank-line-before-front-matter.md',
    [
      '1: front matter: expected the file to start with a "---" line opening the YAML front matter, got an empty line',
    ],
  ],
  [
    'no-front-matter.md',
    [
      '1: front matter: expected the file to start with a "---" line opening the YAML front matter, got "# FizzBuzz"',
    ],
  ],
  [
    'unclosed-front-matter.md',
    ['1: front matter: expected a closing "---" line after the front matter opened here'],
  ],
  [
    'yaml-syntax.md',
    [
      '3: title: invalid YAML at column 8: Nested mappings are not allowed in compact mappings (put the value in quotes if it contains ": ")',
    ],
  ],
  ['yaml-unclosed-quote.md', ['4: topic: invalid YAML: Missing closing "quote']],
  ['yaml-not-a-mapping.md', ['2: front matter: expected key: value lines, got a list']],
  ['missing-field.md', ['1: level: missing; expected one of junior, mid, senior']],
  ['bad-level.md', ['5: level: expected one of junior, mid, senior, got "expert"']],
  ['duration-not-a-number.md', ['6: duration: expected a whole number of minutes (at least 1), got "five"']],
  ['duration-fraction.md', ['6: duration: expected a whole number of minutes (at least 1), got 7.5']],
  ['tags-not-a-list.md', ['8: tags: expected a list of tags, like [concurrency, threading], got "loops"']],
  ['tag-not-text.md', ['10: tags: expected text for every tag, got 3.13']],
  [
    'bad-id.md',
    ['2: id: expected an id of lowercase letters, digits and dashes, at most 64 characters, got "Fizz Buzz"'],
  ],
  ['bad-language.md', ['7: language: expected python, got "ruby"']],
  [
    'time-limit-too-long.md',
    ['9: timeLimitSeconds: expected a whole number of seconds from 1 to 120, got 600'],
  ],
  [
    'unknown-field.md',
    [
      '6: difficulty: unknown field; expected one of id, title, topic, level, duration, language, tags, timeLimitSeconds',
    ],
  ],
  [
    'unknown-section.md',
    [
      '42: Hints: unknown section; expected one of Prompt, Starter code, Sample strong answer, Key points, Strong signals, Red flags, Follow-ups, Why we ask, Hidden checks',
    ],
  ],
  ['missing-section.md', ['1: Why we ask: missing section; expected a "## Why we ask" heading']],
  ['empty-list.md', ['38: Red flags: expected at least one "- " list item, got an empty section']],
  [
    'list-of-paragraphs.md',
    ['30: Key points: expected a "- " list item, got "Checks divisibility by 15 before 3 and 5."'],
  ],
  ['empty-list-item.md', ['45: Follow-ups: expected text after "- ", got an empty item']],
  ['duplicate-section.md', ['51: Key points: duplicate section; the first is at line 28']],
  ['empty-prompt.md', ['11: Prompt: expected text, got an empty section']],
  [
    'text-before-first-section.md',
    ['11: body: expected a "## Prompt" heading before any text, got "FizzBuzz, the classic."'],
  ],
  [
    'starter-not-fenced.md',
    [
      '18: Starter code: expected a fenced code block (a ```python line, the code, a ``` line), got "def fizzbuzz(n: int) -> list[str]:"',
    ],
  ],
  // The block swallows every heading after it; only its opening is reported.
  [
    'starter-unclosed-fence.md',
    ['18: Starter code: expected a closing ``` line for the code block opened here'],
  ],
  ['starter-wrong-language.md', ['18: Starter code: expected a python code block, got "javascript"']],
  [
    'starter-text-after-code.md',
    ['24: Starter code: expected nothing after the code block, got "Fill in the function."'],
  ],
  [
    'check-without-code.md',
    [
      '55: Hidden checks: check "counts to fifteen": expected a fenced code block (a ```python line, the code, a ``` line) under the heading, got "assert fizzbuzz(15)[-1] == \\"FizzBuzz\\""',
    ],
  ],
  ['check-duplicate-name.md', ['59: Hidden checks: check "counts": duplicate name; the first is at line 53']],
  [
    'checks-empty.md',
    [
      '51: Hidden checks: expected at least one "### <check name>" with a fenced code block (a ```python line, the code, a ``` line), got an empty section',
    ],
  ],
  [
    'many-problems.md',
    [
      '5: level: expected one of junior, mid, senior, got "expert"',
      '6: duration: expected a whole number of minutes (at least 1), got 0',
      '47: Why we ask: expected text, got an empty section',
    ],
  ],
];

describe('a broken question file', () => {
  it.each(BROKEN)('%s: reports each problem with its line', (name, expected) => {
    const parsed = parse(`broken/${name}`);
    expect(parsed.question).toBeNull();
    expect(report(parsed.errors)).toEqual(expected.map((line) => `broken/${name}:${line}`));
  });

  it('has a case for every fixture, and a fixture for every case', () => {
    const files = readdirSync(path.join(FIXTURES, 'broken')).sort();
    expect(BROKEN.map(([name]) => name).sort()).toEqual(files);
  });

  it('is reported with every other broken file of its folder, not just the first', () => {
    const { banks, errors } = loadBanks(path.join(FIXTURES, 'broken'));
    expect(banks).toEqual([]);
    expect(report(errors)).toEqual(
      BROKEN.flatMap(([name, lines]) => lines.map((line) => `broken/${name}:${line}`)).sort((a, b) =>
        a.localeCompare(b, 'en', { numeric: true }),
      ),
    );
  });
});

describe('a folder of banks with a problem beyond one file', () => {
  it('names both files of an id used twice, across banks', () => {
    expect(report(loadBanks(path.join(FIXTURES, 'duplicates')).errors)).toEqual([
      'duplicates/team-b/other.md:2: id: duplicate id "fizzbuzz": expected a unique id, but ' +
        `${path.join(FIXTURES, 'duplicates/team-a/fizzbuzz.md')}:2 already uses it`,
    ]);
  });

  it('refuses an id the caller already serves', () => {
    const existing = [
      { ...(loadBanks(path.join(FIXTURES, 'valid/more')).banks[0]?.questions[0] as Question) },
    ];
    const { errors } = loadBanks(path.join(FIXTURES, 'valid/more'), {
      existing,
      existingLabel: 'the built-in bank',
    });
    expect(report(errors)).toEqual([
      'valid/more: bank: duplicate bank name "more": expected a name of its own, but the built-in bank already uses it; rename the folder',
      'valid/more/windows.md:2: id: duplicate id "windows-line-endings": expected a unique id, but the built-in bank already uses it',
    ]);
  });

  it('checks bank.yaml field by field', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ir-bank-yaml-'));
    writeFileSync(path.join(dir, 'bank.yaml'), 'title: [a, list]\nowner: me\n');
    writeFileSync(path.join(dir, 'q.md'), fixture('valid/basics/02-minimal.md'));
    expect(loadBanks(dir).errors.map(formatBankError)).toEqual([
      `${dir}/bank.yaml:1: title: expected text, got a list`,
      `${dir}/bank.yaml:2: owner: unknown field; expected one of title, description`,
    ]);
  });

  it('refuses a folder without questions, and one that does not exist', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ir-banks-'));
    mkdirSync(path.join(root, 'empty'));
    expect(loadBanks(root).errors.map(formatBankError)).toEqual([
      `${root}/empty: bank: expected at least one question file (*.md), got none`,
    ]);
    expect(loadBanks(path.join(root, 'nope')).errors.map(formatBankError)).toEqual([
      `${root}/nope: folder: expected a folder of banks; it does not exist`,
    ]);
    expect(loadBanks(path.join(root, 'empty')).errors.map(formatBankError)).toEqual([
      `${root}/empty: folder: expected question files (*.md) or bank folders, got neither`,
    ]);
  });
});
