import type { Question } from '@interview-room/protocol';
import { ExportReportSchema } from '@interview-room/protocol';
import { defaultBank } from '@interview-room/questions';
import { describe, expect, it } from 'vitest';
import { buildReport, escapeMarkdown, formatDuration, renderMarkdown } from './export.ts';
import { applyCommand, createRoomState, type RoomCommand, type RoomState } from './room.ts';

const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const SEC = 1_000;
const XSS = '</style><img src=x onerror=alert(1)>';

let opCount = 0;
/** A fresh write id: every note and score write carries one, and a repeated one is a no-op. */
const op = (): string => `op-${String(++opCount).padStart(8, '0')}`;

const question = (id: string, title: string): Question => ({
  id,
  title,
  prompt: `Prompt for ${title}`,
  language: 'python',
  topic: 'testing',
  level: 'mid',
  durationMinutes: 10,
  tags: [],
  starterCode: '',
  rubric: { sampleAnswer: '', keyPoints: [], strongSignals: [], redFlags: [], whyWeAsk: '', followUps: [] },
});

const PLAN = [question('q-a', 'Warm-up'), question('q-b', 'Concurrency'), question('q-c', 'Packaging')];

function room(plan: Question[] = PLAN, names: { candidate?: string; interviewer?: string } = {}): RoomState {
  return createRoomState(
    {
      id: 'room-id-for-tests-0001',
      title: 'Python screen',
      candidateName: names.candidate ?? 'Ada',
      interviewerName: names.interviewer ?? 'Grace',
      plan,
    },
    T0,
  );
}

function run(state: RoomState, steps: ReadonlyArray<readonly [RoomCommand, number]>): RoomState {
  return steps.reduce((current, [command, now]) => {
    const result = applyCommand(current, command, now);
    if (!result.ok) throw new Error(`${command.type} failed: ${result.error.message}`);
    return result.state;
  }, state);
}

// q-a 10..70 s and 160..170 s (70 s), q-b 70..160 s (90 s), q-c never asked.
const LIVE_STEPS: ReadonlyArray<readonly [RoomCommand, number]> = [
  [{ type: 'participant-joined', role: 'interviewer', name: 'Grace' }, T0 + SEC],
  [{ type: 'participant-joined', role: 'candidate', name: 'Ada' }, T0 + 2 * SEC],
  [{ type: 'participant-joined', role: 'interviewer', name: 'Linus' }, T0 + 3 * SEC],
  [{ type: 'participant-left', role: 'interviewer', name: 'Linus' }, T0 + 4 * SEC],
  [{ type: 'participant-joined', role: 'interviewer', name: 'Linus' }, T0 + 5 * SEC],
  [{ type: 'next' }, T0 + 10 * SEC],
  [{ type: 'next' }, T0 + 70 * SEC],
  [{ type: 'set-score', questionId: 'q-a', score: 3, opId: op() }, T0 + 75 * SEC],
  [
    { type: 'save-notes', questionId: 'q-a', notes: 'Solid basics.\nAsked about generators.', opId: op() },
    T0 + 80 * SEC,
  ],
];
const ENDED_STEPS: ReadonlyArray<readonly [RoomCommand, number]> = [
  ...LIVE_STEPS,
  [{ type: 'goto', index: 0 }, T0 + 160 * SEC],
  [{ type: 'end' }, T0 + 170 * SEC],
];

const CODE = new Map([
  ['q-a', 'def add(a, b):\n    return a + b\n'],
  ['q-b', 'import asyncio\n'],
]);

/** The level-2 section of `markdown` whose heading starts with `heading`. */
function section(markdown: string, heading: string): string {
  const found = markdown.split(/^## /m).find((part) => part.startsWith(heading));
  if (found === undefined) throw new Error(`no section "${heading}" in:\n${markdown}`);
  return found;
}

/** Fenced code blocks as a CommonMark renderer would read them. */
function fencedBlocks(markdown: string): { info: string; body: string }[] {
  const lines = markdown.split('\n');
  const blocks: { info: string; body: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,})([^`]*)$/.exec(lines[i] ?? '');
    if (!open) continue;
    const width = open[1]?.length ?? 3;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const close = /^ {0,3}(`+)[ \t]*$/.exec(lines[j] ?? '');
      if (close && (close[1]?.length ?? 0) >= width) break;
      body.push(lines[j] ?? '');
    }
    if (j === lines.length) throw new Error('unclosed code fence');
    blocks.push({ info: open[2] ?? '', body: body.join('\n') });
    i = j;
  }
  return blocks;
}

describe('buildReport', () => {
  const ended = run(room(), ENDED_STEPS);
  const report = buildReport({ state: ended, code: CODE, now: T0 + 3_600 * SEC });

  it('matches the export schema', () => {
    expect(() => ExportReportSchema.strict().parse(report)).not.toThrow();
  });

  it('names each interviewer once: the creator, then those who joined as interviewer', () => {
    expect(report.interviewers).toEqual(['Grace', 'Linus']);
    expect(report.interviewers).not.toContain('Ada');
  });

  it('gives ISO times and the duration from start to end', () => {
    expect(report.status).toBe('ended');
    expect(report.startedAt).toBe('2025-01-06T09:00:10.000Z');
    expect(report.endedAt).toBe('2025-01-06T09:02:50.000Z');
    expect(report.durationMs).toBe(160 * SEC);
  });

  it('reports each question: asked, time, score label, notes and final code', () => {
    expect(report.questions).toEqual([
      {
        index: 1,
        id: 'q-a',
        title: 'Warm-up',
        adHoc: false,
        prompt: 'Prompt for Warm-up',
        asked: true,
        timeSpentMs: 70 * SEC,
        budgetMinutes: 10,
        overBudget: false,
        score: 3,
        scoreLabel: 'Strong',
        suggestedScore: null,
        suggestedScoreLabel: null,
        ticked: [],
        notes: 'Solid basics.\nAsked about generators.',
        code: 'def add(a, b):\n    return a + b\n',
        runs: [],
      },
      {
        index: 2,
        id: 'q-b',
        title: 'Concurrency',
        adHoc: false,
        prompt: 'Prompt for Concurrency',
        asked: true,
        timeSpentMs: 90 * SEC,
        budgetMinutes: 10,
        overBudget: false,
        score: null,
        scoreLabel: null,
        suggestedScore: null,
        suggestedScoreLabel: null,
        ticked: [],
        notes: '',
        code: 'import asyncio\n',
        runs: [],
      },
      {
        index: 3,
        id: 'q-c',
        title: 'Packaging',
        adHoc: false,
        prompt: 'Prompt for Packaging',
        asked: false,
        timeSpentMs: 0,
        budgetMinutes: 10,
        overBudget: false,
        score: null,
        scoreLabel: null,
        suggestedScore: null,
        suggestedScoreLabel: null,
        ticked: [],
        notes: '',
        code: '',
        runs: [],
      },
    ]);
  });

  it('labels every score', () => {
    const scored = run(ended, [
      [{ type: 'set-score', questionId: 'q-a', score: 1, opId: op() }, T0 + 200 * SEC],
      [{ type: 'set-score', questionId: 'q-b', score: 2, opId: op() }, T0 + 200 * SEC],
      [{ type: 'set-score', questionId: 'q-c', score: 4, opId: op() }, T0 + 200 * SEC],
    ]);
    const labels = buildReport({ state: scored, code: CODE, now: T0 }).questions.map((q) => q.scoreLabel);
    expect(labels).toEqual(['Weak', 'Mixed', 'Exceptional']);
  });

  it('describes the timeline in words with ISO times', () => {
    const cleared = run(ended, [
      [{ type: 'set-score', questionId: 'q-a', score: null, opId: op() }, T0 + 200 * SEC],
    ]);
    const { timeline } = buildReport({ state: cleared, code: CODE, now: T0 });
    expect(timeline[0]).toEqual({
      at: '2025-01-06T09:00:00.000Z',
      type: 'room-created',
      detail: 'Interview created',
    });
    expect(timeline.map((event) => event.detail)).toEqual([
      'Interview created',
      'Grace (interviewer) joined',
      'Ada (candidate) joined',
      'Linus (interviewer) joined',
      'Linus (interviewer) left',
      'Linus (interviewer) joined',
      'Interview started',
      'Question 1 shown: Warm-up',
      'Question 2 shown: Concurrency',
      'Scored 3 (Strong) for Warm-up',
      'Question 1 shown: Warm-up',
      'Interview ended',
      'Score cleared for Warm-up',
    ]);
  });

  it('counts a live interview up to now, including the open question', () => {
    const live = run(room(), LIVE_STEPS);
    const liveReport = buildReport({ state: live, code: new Map(), now: T0 + 100 * SEC });
    expect(liveReport.status).toBe('live');
    expect(liveReport.endedAt).toBeNull();
    expect(liveReport.durationMs).toBe(90 * SEC);
    expect(liveReport.questions.map((q) => q.timeSpentMs)).toEqual([60 * SEC, 30 * SEC, 0]);
    expect(liveReport.questions.map((q) => q.code)).toEqual(['', '', '']);
  });

  it('has no times for an interview that never started', () => {
    const waiting = buildReport({ state: room(), code: CODE, now: T0 + 100 * SEC });
    expect(waiting.startedAt).toBeNull();
    expect(waiting.endedAt).toBeNull();
    expect(waiting.durationMs).toBeNull();
    expect(waiting.questions.every((q) => !q.asked && q.timeSpentMs === 0)).toBe(true);
  });
});

describe('renderMarkdown', () => {
  const ended = run(room(), ENDED_STEPS);
  const report = buildReport({ state: ended, code: CODE, now: T0 + 3_600 * SEC });
  const markdown = renderMarkdown(report);

  it('opens with the title and the interview facts', () => {
    expect(markdown.startsWith('# Python screen\n')).toBe(true);
    expect(markdown).toContain('- **Candidate:** Ada\n');
    expect(markdown).toContain('- **Interviewers:** Grace, Linus\n');
    expect(markdown).toContain('- **Status:** ended\n');
    expect(markdown).toContain('- **Started:** 2025-01-06T09:00:10.000Z\n');
    expect(markdown).toContain('- **Ended:** 2025-01-06T09:02:50.000Z\n');
    expect(markdown).toContain('- **Duration:** 2:40 of 30 min planned\n');
  });

  it('summarises each question in a table', () => {
    expect(section(markdown, 'Questions')).toContain(
      [
        '| 1 | Warm-up | 1:10 of 10 min | – | 3 (Strong) |',
        '| 2 | Concurrency | 1:30 of 10 min | – | – |',
        '| 3 | Packaging | not asked (10 min budget) | – | – |',
      ].join('\n'),
    );
  });

  it('gives each asked question its time, score, notes and fenced code', () => {
    const first = section(markdown, '1. Warm-up');
    expect(first).toContain('- **Time spent:** 1:10 of 10 min\n');
    expect(first).toContain('- **Score:** 3 (Strong)');
    expect(first).toContain('### Notes\n\n> Solid basics.\n> Asked about generators.\n');
    expect(first).toContain("### Candidate's code\n\n```python\ndef add(a, b):\n    return a + b\n```");
    const second = section(markdown, '2. Concurrency');
    expect(second).toContain('- **Time spent:** 1:30');
    expect(second).toContain('- **Score:** not scored');
    expect(second).toContain('_No notes._');
    expect(second).toContain('```python\nimport asyncio\n```');
  });

  it('marks a question never asked', () => {
    const third = section(markdown, '3. Packaging');
    expect(third).toContain('- **Time spent:** not asked (10 min budget)');
    expect(third).toContain('- **Score:** not scored');
    expect(third).toContain('_No notes._');
    expect(third).toContain('_No code._');
  });

  it('lists the timeline', () => {
    const timeline = section(markdown, 'Timeline');
    expect(timeline).toContain('- 2025-01-06T09:00:10.000Z: Interview started');
    expect(timeline).toContain('- 2025-01-06T09:02:50.000Z: Interview ended');
  });

  it('escapes HTML in every name and title', () => {
    const hostile = run(room([question('q-x', XSS)], { candidate: XSS, interviewer: XSS }), [
      [{ type: 'participant-joined', role: 'interviewer', name: `${XSS}2` }, T0 + SEC],
      [{ type: 'next' }, T0 + 2 * SEC],
      [{ type: 'set-score', questionId: 'q-x', score: 2, opId: op() }, T0 + 3 * SEC],
    ]);
    const out = renderMarkdown({ ...buildReport({ state: hostile, code: new Map(), now: T0 }), title: XSS });
    expect(out).not.toContain('<img');
    expect(out).not.toContain('</style');
    expect(out).not.toContain('<');
    expect(out).toContain('- **Candidate:** &lt;/style&gt;&lt;img src=x onerror=alert(1)&gt;\n');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;2');
  });

  it('neutralises HTML in notes, on every line', () => {
    const notes = 'Fine.\n<script>alert(1)</script>\n<img src=x onerror=alert(1)> & more';
    const state = run(ended, [
      [{ type: 'save-notes', questionId: 'q-b', notes, opId: op() }, T0 + 200 * SEC],
    ]);
    const out = renderMarkdown(buildReport({ state, code: new Map(), now: T0 }));
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(section(out, '2. Concurrency')).toContain(
      '> Fine.\n> &lt;script&gt;alert(1)&lt;/script&gt;\n> &lt;img src=x onerror=alert(1)&gt; &amp; more\n',
    );
  });

  it('keeps a title with a pipe inside its table row', () => {
    const state = run(room([question('q-p', 'a | b')]), [[{ type: 'next' }, T0]]);
    const out = renderMarkdown(buildReport({ state, code: new Map(), now: T0 + SEC }));
    const row = out.split('\n').find((line) => line.startsWith('| 1 |'));
    expect(row).toBe('| 1 | a \\| b | 0:01 of 10 min | – | – |');
  });

  it.each([
    ['triple backticks', 'print("hi")\n```\n# still code\n'],
    ['a longer run', 'x = 1\n````python\n# still code\n`````'],
    ['backticks at the very end', 'y = "```"'],
  ])('keeps code with %s inside its fence', (_name, code) => {
    const codeMap = new Map([
      ['q-a', code],
      ['q-b', 'import asyncio\n'],
    ]);
    const out = renderMarkdown(buildReport({ state: ended, code: codeMap, now: T0 }));
    const blocks = fencedBlocks(out);
    expect(blocks).toEqual([
      { info: 'python', body: code.replace(/\n$/, '') },
      { info: 'python', body: 'import asyncio' },
    ]);
    // The sections after the code are still Markdown, not swallowed by the fence.
    expect(section(out, '3. Packaging')).toContain('_No code._');
  });
});

describe('escapeMarkdown', () => {
  it('escapes Markdown syntax so it renders literally', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) `e` #f |g| ~h~ \\i')).toBe(
      '\\*a\\* \\_b\\_ \\[c\\](d) \\`e\\` \\#f \\|g\\| \\~h\\~ \\\\i',
    );
    expect(escapeMarkdown('AT&T <b>')).toBe('AT&amp;T &lt;b&gt;');
  });

  it('keeps a name on one line, so it cannot start a list item or heading of its own', () => {
    expect(escapeMarkdown('Ada\n- **Hire**\r\n# Yes')).toBe('Ada - \\*\\*Hire\\*\\* \\# Yes');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:01'],
    [59_499, '0:59'],
    [59_500, '1:00'],
    [61_000, '1:01'],
    [600_000, '10:00'],
    [3_599_000, '59:59'],
    [3_599_600, '1:00:00'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
    [36_005_000, '10:00:05'],
  ])('formats %i ms as %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('runs in the report', () => {
  it('lists each run of a question, and the markdown shows its status, hash and output', () => {
    const plan = defaultBank.all().slice(0, 2) as Question[];
    let state = createRoomState(
      { id: 'r'.repeat(22), title: 'T', candidateName: 'Ada', interviewerName: 'Grace', plan },
      0,
    );
    const first = plan[0]?.id ?? '';
    const shown = applyCommand(state, { type: 'next' }, 1_000);
    if (!shown.ok) throw new Error('next failed');
    const run = {
      questionId: first,
      runId: 'run-000001',
      role: 'candidate' as const,
      name: 'Ada',
      codeHash: 'a'.repeat(64),
      exitCode: null,
      durationMs: 10_004,
      output: 'tick\n',
      truncated: false,
    };
    const recorded = applyCommand(
      shown.state,
      { type: 'record-run', run: { ...run, status: 'timeout' } },
      12_000,
    );
    if (!recorded.ok) throw new Error('record-run failed');
    state = recorded.state;
    expect(state.timeline.at(-1)).toMatchObject({ type: 'code-run', at: 12_000, status: 'timeout' });
    const report = buildReport({ state, code: new Map(), now: 20_000 });
    expect(report.questions[0]?.runs).toEqual([
      {
        at: new Date(12_000).toISOString(),
        by: 'Ada',
        role: 'candidate',
        status: 'timeout',
        exitCode: null,
        durationMs: 10_004,
        codeHash: 'a'.repeat(64),
        output: 'tick\n',
        truncated: false,
      },
    ]);
    expect(report.questions[1]?.runs).toEqual([]);
    const markdown = renderMarkdown(report);
    expect(markdown).toContain('### Runs');
    expect(markdown).toContain(`stopped at the time limit in 10.00 s, sha-256 \`${'a'.repeat(64)}\``);
    expect(markdown).toContain('tick');
    // A run of a question not in the plan is refused.
    expect(
      applyCommand(state, { type: 'record-run', run: { ...run, questionId: 'nope', status: 'ok' } }, 1).ok,
    ).toBe(false);
  });
});
