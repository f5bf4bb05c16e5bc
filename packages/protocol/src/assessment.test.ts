import { describe, expect, it } from 'vitest';
import { isReportFinal, type RubricItemKind, suggestScore } from './assessment.ts';

const rubric = {
  keyPoints: ['a', 'b', 'c'],
  strongSignals: ['s1', 's2'],
  redFlags: ['r1', 'r2', 'r3'],
};
const tick = (kind: RubricItemKind, index: number) => ({ kind, index });

describe('suggestScore', () => {
  it('suggests nothing before anything is ticked', () => {
    expect(suggestScore(rubric, [])).toBeNull();
  });

  it('sets the base from the share of key points covered', () => {
    expect(suggestScore(rubric, [tick('keyPoint', 0)])).toBe(2);
    expect(suggestScore(rubric, [tick('keyPoint', 0), tick('keyPoint', 1)])).toBe(3);
    expect(suggestScore({ ...rubric, keyPoints: ['a', 'b', 'c', 'd'] }, [tick('keyPoint', 0)])).toBe(1);
    expect(suggestScore(rubric, [tick('keyPoint', 0), tick('keyPoint', 1), tick('keyPoint', 2)])).toBe(3);
  });

  it('adds one for a strong signal, once however many are ticked', () => {
    const allKeyPoints = [0, 1, 2].map((i) => tick('keyPoint', i));
    expect(suggestScore(rubric, [...allKeyPoints, tick('strongSignal', 0)])).toBe(4);
    expect(suggestScore(rubric, [...allKeyPoints, tick('strongSignal', 0), tick('strongSignal', 1)])).toBe(4);
    expect(suggestScore(rubric, [tick('strongSignal', 1)])).toBe(2);
  });

  it('takes one off per red flag and never goes below 1', () => {
    const twoKeyPoints = [tick('keyPoint', 0), tick('keyPoint', 1)];
    expect(suggestScore(rubric, [...twoKeyPoints, tick('redFlag', 0)])).toBe(2);
    expect(suggestScore(rubric, [...twoKeyPoints, tick('redFlag', 0), tick('redFlag', 1)])).toBe(1);
    expect(suggestScore(rubric, [tick('redFlag', 0), tick('redFlag', 1), tick('redFlag', 2)])).toBe(1);
  });

  it('starts from 2 when the rubric lists no key points', () => {
    const noKeyPoints = { ...rubric, keyPoints: [] };
    expect(suggestScore(noKeyPoints, [tick('strongSignal', 0)])).toBe(3);
    expect(suggestScore(noKeyPoints, [tick('redFlag', 0)])).toBe(1);
  });

  it('ignores ticks of items the rubric does not have, and counts an item once', () => {
    expect(suggestScore(rubric, [tick('keyPoint', 7)])).toBeNull();
    expect(suggestScore(rubric, [tick('keyPoint', 0), tick('keyPoint', 0)])).toBe(2);
  });
});

describe('isReportFinal', () => {
  it('needs both a recommendation and a non-blank summary', () => {
    expect(isReportFinal(null, 'Good')).toBe(false);
    expect(isReportFinal('yes', '  \n ')).toBe(false);
    expect(isReportFinal('yes', 'Solid on async')).toBe(true);
  });
});
