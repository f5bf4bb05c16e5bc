import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { QuestionSummary } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { loadQuestionBanks } from '../src/questionBanks.ts';
import { bankDir, questionMarkdown } from './bankFiles.ts';
import { ServerProcess } from './processes.ts';
import { runServerToExit } from './serverExit.ts';

const builtInIds = defaultBank.defaultPlan();

/** The error lines of the server's JSON log. */
const loggedErrors = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: string; message: string })
    .filter((entry) => entry.level === 'error')
    .map((entry) => entry.message);

describe('loadQuestionBanks', () => {
  it('adds every bank of QUESTION_BANKS_DIR after the built-in questions, in folder and file order', () => {
    const dir = bankDir({
      'team-b/01.md': questionMarkdown('b-first'),
      'team-a/02.md': questionMarkdown('a-second'),
      'team-a/01.md': questionMarkdown('a-first'),
    });
    const setup = loadQuestionBanks({ dir });
    if (!setup.ok) throw new Error(setup.problems.join('\n'));
    expect(setup.bank.defaultPlan()).toEqual([...builtInIds, 'a-first', 'a-second', 'b-first']);
    expect(setup.bank.get('a-first')?.bank).toBe('team-a');
    expect(setup.bank.get('a-first')?.rubric.keyPoints).toEqual(['RUBRIC-a-first key point']);
    expect(setup.added).toEqual([
      { id: 'team-a', dir: path.join(dir, 'team-a'), questions: 2 },
      { id: 'team-b', dir: path.join(dir, 'team-b'), questions: 1 },
    ]);
  });

  it('takes a single bank folder as one bank', () => {
    const dir = bankDir({ 'only/q.md': questionMarkdown('only-q') });
    const setup = loadQuestionBanks({ dir: path.join(dir, 'only') });
    expect(setup.ok && setup.bank.summaries().at(-1)).toMatchObject({ id: 'only-q', bank: 'only' });
  });

  it('refuses an id the built-in bank already has, naming the file and line', () => {
    const dir = bankDir({ 'team/gil.md': questionMarkdown('python-gil') });
    expect(loadQuestionBanks({ dir })).toEqual({
      ok: false,
      problems: [
        `${path.join(dir, 'team/gil.md')}:2: id: duplicate id "python-gil": expected a unique id, but the built-in bank already uses it`,
      ],
    });
  });

  it('refuses a bank named like the built-in one', () => {
    const dir = bankDir({ 'python/q.md': questionMarkdown('other-q') });
    const setup = loadQuestionBanks({ dir });
    expect(setup.ok ? [] : setup.problems).toEqual([
      `${path.join(dir, 'python')}: bank: duplicate bank name "python": expected a name of its own, but the built-in bank already uses it; rename the folder`,
    ]);
  });

  it('adds the banks to QUESTION_BANK_FILE when both are set, and checks ids against the file', () => {
    const dir = bankDir({ 'team/q.md': questionMarkdown('from-md') });
    const file = path.join(dir, 'bank.json');
    const fromFile = { ...defaultBank.all()[0], id: 'from-json' };
    writeFileSync(file, JSON.stringify([fromFile]));
    const setup = loadQuestionBanks({ file, dir: path.join(dir, 'team') });
    expect(setup.ok && setup.bank.defaultPlan()).toEqual(['from-json', 'from-md']);

    writeFileSync(path.join(dir, 'team/q.md'), questionMarkdown('from-json'));
    const clash = loadQuestionBanks({ file, dir: path.join(dir, 'team') });
    expect(clash.ok ? [] : clash.problems).toEqual([
      `${path.join(dir, 'team/q.md')}:2: id: duplicate id "from-json": expected a unique id, but QUESTION_BANK_FILE ${file} already uses it`,
    ]);
  });

  it('reports a broken QUESTION_BANK_FILE as a problem rather than throwing', () => {
    const setup = loadQuestionBanks({ file: path.join(bankDir({}), 'missing.json') });
    expect(setup.ok ? [] : setup.problems).toEqual([
      expect.stringMatching(/^QUESTION_BANK_FILE .*missing\.json: cannot be read/),
    ]);
  });
});

describe('QUESTION_BANKS_DIR on the real server', () => {
  it('serves the added questions in GET /api/questions, with their bank and without their rubric', async () => {
    const dir = bankDir({
      'team/01.md': questionMarkdown('team-one'),
      'team/02.md': questionMarkdown('team-two'),
    });
    const server = await ServerProcess.start({ QUESTION_BANKS_DIR: dir });
    const response = await fetch(`${server.url}/api/questions`);
    const body = await response.text();
    const list = JSON.parse(body) as QuestionSummary[];
    expect(list.map((q) => q.id)).toEqual([...builtInIds, 'team-one', 'team-two']);
    expect(list.at(-1)).toEqual({
      id: 'team-two',
      title: 'Question team-two',
      topic: 'Testing',
      level: 'mid',
      durationMinutes: 5,
      tags: ['custom'],
      bank: 'team',
    });
    expect(body).not.toContain('RUBRIC-');

    const room = await fetch(`${server.url}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        title: 'Custom',
        candidateName: 'Ada',
        questionIds: ['team-two', 'python-gil'],
      }),
    });
    expect(room.status).toBe(201);
  });

  it('refuses to start with a broken bank: exit code 1 and every error, with file and line', async () => {
    const good = questionMarkdown('team-good');
    const dir = bankDir({
      'team/01-good.md': good,
      'team/02-level.md': questionMarkdown('team-level').replace('level: mid', 'level: expert'),
      'team/03-dup.md': questionMarkdown('team-good'),
      'team/04-empty.md': questionMarkdown('team-empty').replace('- RUBRIC-team-empty red flag\n', ''),
    });
    const { code, output } = await runServerToExit({ QUESTION_BANKS_DIR: dir });
    expect(code).toBe(1);
    const file = (name: string) => path.join(dir, 'team', name);
    expect(loggedErrors(output)).toEqual([
      `${file('02-level.md')}:5: level: expected one of junior, mid, senior, got "expert"`,
      `${file('03-dup.md')}:2: id: duplicate id "team-good": expected a unique id, but ${file('01-good.md')}:2 already uses it`,
      `${file('04-empty.md')}:34: Red flags: expected at least one "- " list item, got an empty section`,
      'not starting: 3 problem(s) in the question banks, listed above (`pnpm bank validate <dir>` lists the same without starting the server)',
    ]);
    expect(output).not.toContain('Interview Room is ready');
  });

  it('refuses to start when QUESTION_BANKS_DIR does not exist', async () => {
    const dir = path.join(bankDir({}), 'nope');
    const { code, output } = await runServerToExit({ QUESTION_BANKS_DIR: dir });
    expect(code).toBe(1);
    expect(loggedErrors(output)[0]).toBe(`${dir}: folder: expected a folder of banks; it does not exist`);
  });
});
