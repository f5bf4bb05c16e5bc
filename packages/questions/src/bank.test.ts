import type { Question } from '@interview-room/protocol';
import { QuestionSchema } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { createQuestionBank, defaultBank, pythonQuestions } from './index.ts';

const SEED_ORDER = [
  'python-gil',
  'python-type-hints',
  'python-asyncio',
  'python-decorators',
  'python-pytest',
  'python-packaging',
  'python-data-model',
  'python-django-vs-fastapi',
  'python-memory',
  'python-code-quality',
];

/** Coding questions and a snippet each one's starter code must contain. */
const STARTER_CODE_MUST_CONTAIN: Record<string, string[]> = {
  'python-gil': ['concurrent.futures', 'def run_checksums', 'def run_downloads'],
  'python-type-hints': ['def total_area', 'Protocol'],
  'python-asyncio': ['asyncio.sleep', 'async def fetch_all', 'asyncio.run'],
  'python-decorators': ['def timed', 'def retry'],
  'python-pytest': ['import pytest', 'def parse_price'],
  'python-data-model': ['class Playlist', 'class Timer'],
  'python-memory': ['_cache', 'def get_report'],
};

const normalize = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim();

/** Every run of `size` consecutive words in `text`, normalised. */
const shingles = (text: string, size: number): string[] => {
  const words = normalize(text).split(' ');
  const out: string[] = [];
  for (let i = 0; i + size <= words.length; i++) out.push(words.slice(i, i + size).join(' '));
  return out;
};

const candidateFacing = (q: Question): Array<[string, string]> => [
  ['prompt', q.prompt],
  ['starterCode', q.starterCode],
];

describe('pythonQuestions', () => {
  it('has exactly ten questions in seed order', () => {
    expect(pythonQuestions).toHaveLength(10);
    expect(pythonQuestions.map((q) => q.id)).toEqual(SEED_ORDER);
    expect(defaultBank.defaultPlan()).toEqual(SEED_ORDER);
  });

  it.each(pythonQuestions.map((q) => [q.id, q] as const))('%s satisfies QuestionSchema', (_id, q) => {
    expect(QuestionSchema.parse(q)).toEqual(q);
    expect(q.language).toBe('python');
    expect(q.durationMinutes).toBeGreaterThanOrEqual(5);
    expect(q.durationMinutes).toBeLessThanOrEqual(10);
    expect(q.title.trim()).not.toBe('');
    expect(q.topic.trim()).not.toBe('');
    expect(q.tags.length).toBeGreaterThan(0);
  });

  it.each(pythonQuestions.map((q) => [q.id, q] as const))('%s has every rubric field filled in', (_id, q) => {
    const { rubric } = q;
    expect(rubric.sampleAnswer.trim()).not.toBe('');
    expect(rubric.whyWeAsk.trim()).not.toBe('');
    for (const list of [rubric.keyPoints, rubric.strongSignals, rubric.redFlags, rubric.followUps] as const) {
      expect(list.length).toBeGreaterThan(0);
      for (const item of list) expect(item.trim()).not.toBe('');
    }
    expect(rubric.followUps.length).toBeGreaterThanOrEqual(2);
  });

  it('marks the memory question as senior', () => {
    expect(defaultBank.get('python-memory')?.level).toBe('senior');
  });

  it.each(pythonQuestions.map((q) => [q.id, q] as const))(
    '%s prompt and starter code do not leak the rubric',
    (_id, q) => {
      expect(q.prompt.trim().length).toBeGreaterThan(0);
      const answerShingles = shingles(q.rubric.sampleAnswer, 6);
      const whyShingles = shingles(q.rubric.whyWeAsk, 6);
      for (const [field, text] of candidateFacing(q)) {
        const lower = text.toLowerCase();
        expect(lower, `${field} contains the sample answer`).not.toContain(
          q.rubric.sampleAnswer.toLowerCase(),
        );
        const normalized = ` ${normalize(text)} `;
        for (const shingle of [...answerShingles, ...whyShingles]) {
          expect(normalized, `${field} quotes the rubric: "${shingle}"`).not.toContain(` ${shingle} `);
        }
        for (const point of [...q.rubric.keyPoints, ...q.rubric.strongSignals]) {
          if (point.length < 20) continue;
          expect(lower, `${field} contains "${point}"`).not.toContain(point.toLowerCase());
        }
      }
    },
  );

  it('prompts are plain text, not Markdown', () => {
    for (const q of pythonQuestions) {
      expect(q.prompt, q.id).not.toMatch(/```|^#|\*\*|^\s*[-*] /m);
    }
  });

  it('gives the coding questions runnable-looking starter code', () => {
    for (const [id, snippets] of Object.entries(STARTER_CODE_MUST_CONTAIN)) {
      const q = defaultBank.get(id);
      expect(q, id).toBeDefined();
      for (const snippet of snippets) expect(q?.starterCode, id).toContain(snippet);
      expect(q?.starterCode.endsWith('\n'), id).toBe(true);
    }
    const coding = new Set(Object.keys(STARTER_CODE_MUST_CONTAIN));
    for (const q of pythonQuestions) {
      if (!coding.has(q.id)) expect(q.starterCode, q.id).toBe('');
    }
  });
});

describe('createQuestionBank', () => {
  it('looks questions up by id', () => {
    expect(defaultBank.all()).toHaveLength(10);
    expect(defaultBank.has('python-gil')).toBe(true);
    expect(defaultBank.get('python-gil')?.title).toBe(pythonQuestions[0]?.title);
    expect(defaultBank.has('nope')).toBe(false);
    expect(defaultBank.get('nope')).toBeUndefined();
  });

  it('summaries() carries no prompt, rubric or starter code', () => {
    const summaries = defaultBank.summaries();
    expect(summaries.map((s) => s.id)).toEqual(SEED_ORDER);
    for (const summary of summaries) {
      expect(Object.keys(summary).sort()).toEqual(
        ['bank', 'durationMinutes', 'id', 'level', 'tags', 'title', 'topic'].sort(),
      );
      expect(summary).not.toHaveProperty('prompt');
      expect(summary).not.toHaveProperty('rubric');
      expect(summary).not.toHaveProperty('starterCode');
      expect(summary.bank).toBe('python');
    }
  });

  it('leaves bank out of the summary of a question that names none', () => {
    const { bank: _bank, ...bankless } = pythonQuestions[0] as Question;
    expect(createQuestionBank([bankless]).summaries()[0]).not.toHaveProperty('bank');
  });

  it('throws on duplicate ids with a clear message', () => {
    const first = pythonQuestions[0];
    if (!first) throw new Error('bank is empty');
    expect(() => createQuestionBank([first, { ...first, title: 'Copy' }])).toThrow(
      /duplicate question id "python-gil"/i,
    );
  });

  it('throws on invalid questions', () => {
    const first = pythonQuestions[0];
    if (!first) throw new Error('bank is empty');
    expect(() => createQuestionBank([{ ...first, id: 'Not A Valid Id' }])).toThrow(/invalid question/i);
  });

  it('does not let callers mutate the bank through all() or summaries()', () => {
    const bank = createQuestionBank(pythonQuestions);
    expect(Object.isFrozen(bank.all())).toBe(true);
    bank.summaries()[0]?.tags.push('mutated');
    expect(bank.get('python-gil')?.tags).not.toContain('mutated');
  });
});
