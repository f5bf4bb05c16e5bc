import type { QuestionSummary } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { banksOf, filterQuestions, NO_FILTER } from './bankSearch.ts';

const q = (id: string, over: Partial<QuestionSummary>): QuestionSummary => ({
  id,
  title: id,
  topic: 'General',
  level: 'mid',
  durationMinutes: 10,
  tags: [],
  ...over,
});

const BANK = [
  q('python-gil', {
    title: 'The GIL and concurrency',
    topic: 'Concurrency',
    bank: 'python',
    tags: ['threads'],
  }),
  q('python-asyncio', {
    title: 'asyncio vs threading',
    topic: 'Concurrency',
    level: 'senior',
    bank: 'python',
  }),
  q('sql-joins', { title: 'Joins', topic: 'Databases', level: 'junior', bank: 'sql', tags: ['postgres'] }),
];
const ids = (list: QuestionSummary[]) => list.map((x) => x.id);

describe('filterQuestions', () => {
  it('lists everything with no filter', () => {
    expect(ids(filterQuestions(BANK, NO_FILTER))).toEqual(['python-gil', 'python-asyncio', 'sql-joins']);
  });

  it('matches every word, case-insensitively, in title, topic, tags or bank', () => {
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, text: 'concurrency' }))).toEqual([
      'python-gil',
      'python-asyncio',
    ]);
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, text: 'THREADS gil' }))).toEqual(['python-gil']);
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, text: 'postgres' }))).toEqual(['sql-joins']);
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, text: 'sql' }))).toEqual(['sql-joins']);
    expect(filterQuestions(BANK, { ...NO_FILTER, text: 'gil postgres' })).toEqual([]);
  });

  it('narrows by level and by bank', () => {
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, level: 'senior' }))).toEqual(['python-asyncio']);
    expect(ids(filterQuestions(BANK, { ...NO_FILTER, bank: 'python', level: 'mid' }))).toEqual([
      'python-gil',
    ]);
  });
});

describe('banksOf', () => {
  it('names each bank once, in order', () => {
    expect(banksOf([...BANK, q('loose', {})])).toEqual(['python', 'sql']);
  });
});
