import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { encodeRoomRest, parseRoomFields, parseRoomRecord } from './schema.ts';

const [question] = defaultBank.all();
if (!question) throw new Error('the bank needs a question');

/** A room as stored before plans had budgets, records had ticks and rooms had a verdict. */
const STORED_BEFORE_THE_WORKFLOW = {
  id: 'room-id-for-tests-0001',
  tokenHashes: { interviewer: 'a'.repeat(64), candidate: 'b'.repeat(64) },
  version: 4,
  state: {
    id: 'room-id-for-tests-0001',
    title: 'Python screen',
    candidateName: 'Ada',
    interviewerName: 'Grace',
    createdAt: 1,
    status: 'live',
    plan: [question],
    currentIndex: 0,
    currentSince: 2,
    startedAt: 2,
    endedAt: null,
    records: { [question.id]: { notes: 'n', score: 3, timeSpentMs: 0, firstShownAt: 2 } },
    timeline: [{ type: 'room-created', at: 1 }],
  },
};

describe('stored rooms', () => {
  it('from before budgets, ticks and the verdict still load, with defaults', () => {
    const record = parseRoomRecord(JSON.stringify(STORED_BEFORE_THE_WORKFLOW));
    expect(record.state.plan[0]?.budgetMinutes).toBe(question.durationMinutes);
    expect(record.state.records[question.id]).toEqual({
      notes: 'n',
      score: 3,
      timeSpentMs: 0,
      firstShownAt: 2,
      ticks: [],
    });
    expect(record.state.recommendation).toBeNull();
    expect(record.state.summary).toBe('');
    expect(record.state.appliedOpIds).toEqual([]);
  });

  it('keep what they hold once they have it', () => {
    const state = {
      ...STORED_BEFORE_THE_WORKFLOW.state,
      plan: [{ ...question, budgetMinutes: 3, adHoc: true }],
      records: {
        [question.id]: {
          notes: '',
          score: null,
          timeSpentMs: 0,
          firstShownAt: null,
          ticks: [{ kind: 'redFlag', index: 0, at: 5 }],
        },
      },
      recommendation: 'no',
      summary: 'Not yet.',
      appliedOpIds: ['op-1'],
    };
    const record = parseRoomRecord(JSON.stringify({ ...STORED_BEFORE_THE_WORKFLOW, state }));
    expect(record.state).toEqual(state);
  });

  it('fail loudly when a field is corrupt', () => {
    const state = { ...STORED_BEFORE_THE_WORKFLOW.state, recommendation: 'maybe' };
    expect(() => parseRoomRecord(JSON.stringify({ ...STORED_BEFORE_THE_WORKFLOW, state }))).toThrow();
  });
});

describe('a room as the Redis store’s hash fields', () => {
  const record = parseRoomRecord(JSON.stringify(STORED_BEFORE_THE_WORKFLOW));

  it('reads back the record it was written from; the plan is only in its own field', () => {
    const rest = encodeRoomRest(record);
    expect(rest).not.toContain(question.rubric.sampleAnswer);
    expect(rest).not.toContain('"version"');
    const fields = { version: '4', rest, plan: JSON.stringify(record.state.plan) };
    expect(parseRoomFields(fields)).toEqual(record);
  });

  it('fail loudly when a field is corrupt or missing', () => {
    const plan = JSON.stringify(record.state.plan);
    expect(() => parseRoomFields({ version: 'four', rest: encodeRoomRest(record), plan })).toThrow();
    expect(() => parseRoomFields({ version: '4', rest: '{"id":"x"}', plan })).toThrow();
    expect(() => parseRoomFields({ version: '4', rest: encodeRoomRest(record), plan: '{}' })).toThrow();
  });
});
