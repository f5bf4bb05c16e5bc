import type { Question } from '@interview-room/protocol';
import { ExportReportSchema } from '@interview-room/protocol';
import { describe, expect, it } from 'vitest';
import { buildReport, renderMarkdown } from './export.ts';
import { applyCommand, createRoomState, type RoomCommand, type RoomState } from './room.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const SEC = 1_000;
const MIN = 60 * SEC;

let opCount = 0;
const op = (): string => `op-report-${String(++opCount).padStart(6, '0')}`;

const GIL: Question = {
  id: 'q-gil',
  title: 'The GIL',
  prompt: 'Explain the GIL.',
  language: 'python',
  topic: 'Concurrency',
  level: 'mid',
  durationMinutes: 10,
  tags: [],
  starterCode: '',
  rubric: {
    sampleAnswer: '',
    keyPoints: ['One thread runs bytecode at a time', 'I/O releases it', 'Processes for CPU work'],
    strongSignals: ['Mentions free-threaded builds'],
    redFlags: ['Thinks threads never help'],
    whyWeAsk: '',
    followUps: [],
  },
};

const run = (state: RoomState, steps: ReadonlyArray<readonly [RoomCommand, number]>): RoomState =>
  steps.reduce((current, [command, now]) => {
    const result = applyCommand(current, command, now);
    if (!result.ok) throw new Error(`${command.type} failed: ${result.error.message}`);
    return result.state;
  }, state);

const tick = (kind: 'keyPoint' | 'strongSignal' | 'redFlag', index: number): RoomCommand => ({
  type: 'tick',
  questionId: 'q-gil',
  kind,
  index,
  ticked: true,
  opId: op(),
});

/** A 5-minute budget overrun on the GIL, an ad-hoc question on budget, ticks and a score. */
function interview(): RoomState {
  const created = createRoomState(
    {
      id: 'room-id-for-tests-0001',
      title: 'Python screen',
      candidateName: 'Ada',
      interviewerName: 'Grace',
      plan: [{ ...GIL, budgetMinutes: 8 }],
    },
    T0,
  );
  return run(created, [
    [{ type: 'next' }, T0],
    [tick('keyPoint', 0), T0 + 2 * MIN],
    [tick('keyPoint', 2), T0 + 3 * MIN + 5 * SEC],
    [tick('strongSignal', 0), T0 + 4 * MIN],
    [{ type: 'set-score', questionId: 'q-gil', score: 3, opId: op() }, T0 + 12 * MIN],
    [
      {
        type: 'set-plan',
        items: [
          { questionId: 'q-gil', budgetMinutes: 8 },
          {
            questionId: 'adhoc-ll',
            budgetMinutes: 10,
            adHoc: { title: 'Linked list', prompt: 'Reverse a linked list.', lookFor: ['In place'] },
          },
        ],
        bankQuestions: [],
        opId: op(),
      },
      T0 + 12 * MIN,
    ],
    [{ type: 'next' }, T0 + 13 * MIN],
    [{ type: 'end' }, T0 + 20 * MIN],
  ]);
}

describe('the report of a planned interview', () => {
  const state = interview();
  const report = buildReport({ state, code: new Map(), now: T0 + 30 * MIN });

  it('matches the export schema', () => {
    expect(() => ExportReportSchema.strict().parse(report)).not.toThrow();
  });

  it('gives each question its time against its budget', () => {
    expect(report.totalBudgetMinutes).toBe(18);
    expect(report.questions.map((q) => [q.timeSpentMs, q.budgetMinutes, q.overBudget])).toEqual([
      [13 * MIN, 8, true],
      [7 * MIN, 10, false],
    ]);
  });

  it('lists the ticked items with their time in the interview, and the suggested next to the final score', () => {
    const [gil] = report.questions;
    expect(gil?.ticked).toEqual([
      {
        kind: 'keyPoint',
        label: 'Key point',
        text: 'One thread runs bytecode at a time',
        at: new Date(T0 + 2 * MIN).toISOString(),
        elapsedMs: 2 * MIN,
      },
      {
        kind: 'keyPoint',
        label: 'Key point',
        text: 'Processes for CPU work',
        at: new Date(T0 + 3 * MIN + 5 * SEC).toISOString(),
        elapsedMs: 3 * MIN + 5 * SEC,
      },
      {
        kind: 'strongSignal',
        label: 'Strong signal',
        text: 'Mentions free-threaded builds',
        at: new Date(T0 + 4 * MIN).toISOString(),
        elapsedMs: 4 * MIN,
      },
    ]);
    expect(gil).toMatchObject({
      suggestedScore: 4,
      suggestedScoreLabel: 'Exceptional',
      score: 3,
      scoreLabel: 'Strong',
    });
  });

  it('keeps the ad-hoc question with its prompt, marked as such', () => {
    expect(report.questions[1]).toMatchObject({
      id: 'adhoc-ll',
      adHoc: true,
      title: 'Linked list',
      prompt: 'Reverse a linked list.',
      asked: true,
    });
    expect(report.timeline.map((e) => e.detail)).toContain('Ad-hoc question added: Linked list');
  });

  it('is a draft until it has both a recommendation and a summary', () => {
    expect(report).toMatchObject({ final: false, recommendation: null, summary: '' });
    const withRecommendation = run(state, [
      [{ type: 'set-recommendation', recommendation: 'yes', opId: op() }, T0 + 21 * MIN],
    ]);
    expect(buildReport({ state: withRecommendation, code: new Map(), now: T0 }).final).toBe(false);
    const complete = run(withRecommendation, [
      [{ type: 'save-summary', summary: 'Clear on concurrency.', opId: op() }, T0 + 22 * MIN],
    ]);
    expect(buildReport({ state: complete, code: new Map(), now: T0 })).toMatchObject({
      final: true,
      recommendation: 'yes',
      recommendationLabel: 'Yes',
      summary: 'Clear on concurrency.',
    });
  });
});

describe('the Markdown of a planned interview', () => {
  const draft = renderMarkdown(buildReport({ state: interview(), code: new Map(), now: T0 }));
  const final = renderMarkdown(
    buildReport({
      state: run(interview(), [
        [{ type: 'set-recommendation', recommendation: 'strong-no', opId: op() }, T0 + 21 * MIN],
        [{ type: 'save-summary', summary: 'Guessed <b>a lot</b>.', opId: op() }, T0 + 22 * MIN],
      ]),
      code: new Map(),
      now: T0,
    }),
  );

  it('says Draft or Final under the title', () => {
    expect(draft).toContain(
      '# Python screen\n\n**Report: Draft** (final once it has a recommendation and a summary)\n',
    );
    expect(draft).toContain('## Recommendation\n\n_Not set._\n\n_No summary yet._\n');
    expect(final).toContain('# Python screen\n\n**Report: Final**\n');
    expect(final).toContain('## Recommendation\n\n**Strong no**\n\n> Guessed &lt;b&gt;a lot&lt;/b&gt;.\n');
  });

  it('tabulates time against budget with the suggested and the final score', () => {
    expect(draft).toContain('- **Duration:** 20:00 of 18 min planned\n');
    expect(draft).toContain('| 1 | The GIL | 13:00 of 8 min, over by 5:00 | 4 (Exceptional) | 3 (Strong) |');
    expect(draft).toContain('| 2 | Linked list (ad hoc) | 7:00 of 10 min | – | – |');
  });

  it('lists the ticks of each question with their time, and the prompt of an ad-hoc question', () => {
    expect(draft).toContain(
      [
        '### Rubric ticks',
        '',
        '- ✓ Key point: One thread runs bytecode at a time (at 2:00)',
        '- ✓ Key point: Processes for CPU work (at 3:05)',
        '- ✓ Strong signal: Mentions free-threaded builds (at 4:00)',
      ].join('\n'),
    );
    expect(draft).toContain('- **Suggested by the ticks:** 4 (Exceptional)');
    expect(draft).toContain('## 2. Linked list (ad hoc)\n');
    expect(draft).toContain('### Prompt (typed during the interview)\n\n> Reverse a linked list.\n');
  });
});
