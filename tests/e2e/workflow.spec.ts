import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { createInterviewViaUi } from './fixtures.ts';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';
import { recordWire } from './wire.ts';

// Fresh per run, in every rubric line of the custom bank: found anywhere a candidate can see, it
// is a leak. Letters, digits and dashes only, so no escaping on any wire could hide it.
const CANARY = `WFCANARY-${randomBytes(6).toString('hex')}`;

interface BankQuestion {
  file: string;
  id: string;
  title: string;
  topic: string;
  level: 'junior' | 'mid' | 'senior';
  duration: number;
  prompt: string;
}

const BANK: BankQuestion[] = [
  {
    file: '01-lru.md',
    id: 'acme-lru',
    title: 'An LRU cache',
    topic: 'Caching',
    level: 'mid',
    duration: 10,
    prompt: 'Write a least-recently-used cache with get and put in constant time.',
  },
  {
    file: '02-retry.md',
    id: 'acme-retry',
    title: 'Retries with backoff',
    topic: 'Resilience',
    level: 'senior',
    duration: 15,
    prompt: 'Wrap a flaky call so that it is retried with exponential backoff and jitter.',
  },
  {
    file: '03-csv.md',
    id: 'acme-csv',
    title: 'Summing a CSV',
    topic: 'Data',
    level: 'junior',
    duration: 5,
    prompt: 'Sum the amount column of a CSV file, skipping malformed rows.',
  },
  {
    file: '04-limiter.md',
    id: 'acme-limiter',
    title: 'A rate limiter deep dive',
    topic: 'Concurrency',
    level: 'senior',
    duration: 20,
    prompt: 'Design a rate limiter shared by several servers.',
  },
];

/** Every interviewer-only line of a question: each carries the canary and the question's id. */
const rubricOf = (q: BankQuestion) => ({
  sample: `${CANARY} ${q.id} sample answer`,
  keyPoints: [`${CANARY} ${q.id} key point one`, `${CANARY} ${q.id} key point two`],
  strongSignals: [`${CANARY} ${q.id} strong signal`],
  redFlags: [`${CANARY} ${q.id} red flag`],
  followUps: [`${CANARY} ${q.id} follow up`],
  why: `${CANARY} ${q.id} why we ask`,
});

/** The bank as the Markdown format of packages/questions/banks (see the README). */
function writeBank(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ir-workflow-banks-'));
  const dir = path.join(root, 'acme');
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'bank.yaml'),
    'title: Acme backend\ndescription: Questions of the e2e test.\n',
  );
  for (const q of BANK) {
    const r = rubricOf(q);
    const list = (items: string[]) => items.map((item) => `- ${item}`).join('\n');
    writeFileSync(
      path.join(dir, q.file),
      [
        '---',
        `id: ${q.id}`,
        `title: ${q.title}`,
        `topic: ${q.topic}`,
        `level: ${q.level}`,
        `duration: ${q.duration}`,
        'language: python',
        'tags: [acme, backend]',
        '---',
        '',
        '## Prompt',
        '',
        q.prompt,
        '',
        '## Starter code',
        '',
        '```python',
        `def ${q.id.replace(/-/g, '_')}():`,
        '    pass',
        '```',
        '',
        '## Sample strong answer',
        '',
        r.sample,
        '',
        '## Key points',
        '',
        list(r.keyPoints),
        '',
        '## Strong signals',
        '',
        list(r.strongSignals),
        '',
        '## Red flags',
        '',
        list(r.redFlags),
        '',
        '## Follow-ups',
        '',
        list(r.followUps),
        '',
        '## Why we ask',
        '',
        r.why,
        '',
      ].join('\n'),
    );
  }
  return root;
}

const [lru, retry, csv, limiter] = BANK as [BankQuestion, BankQuestion, BankQuestion, BankQuestion];
const SUMMARY = `${CANARY} summary: solid on caching, shaky on retries`;
const AD_HOC = {
  title: 'FizzBuzz with a twist',
  prompt: 'Print FizzBuzz up to 30, but say Bazz for multiples of 7.',
  lookFor: `${CANARY} ad hoc look for`,
};

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServerProcess({ QUESTION_BANKS_DIR: writeBank() });
});
test.afterAll(async () => {
  await server?.stop();
});

const questionRegion = (page: Page) => page.getByRole('region', { name: 'Question' });
const planRows = (page: Page) => page.getByRole('list', { name: 'Planned questions' }).getByRole('listitem');
/** Keys go to the page, not to a field: shortcuts never fire while typing. */
async function press(page: Page, keys: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as { blur?: () => void } | null)?.blur?.());
  await page.keyboard.press(keys);
}

/** A navigation shortcut, then the candidate's page shows `title` and the interviewer's is idle again. */
async function navigate(interviewer: Page, candidate: Page, keys: string, title: string): Promise<void> {
  await press(interviewer, keys);
  await expect(questionRegion(candidate)).toContainText(title);
  await expect(questionRegion(interviewer)).toContainText(title);
  await expect(interviewer.locator('.controls')).toHaveAttribute('aria-busy', 'false');
}

/** The page's DOM, inside `page.evaluate` (this project compiles without the DOM lib). */
declare const document: { activeElement: unknown };

test('a plan from a custom bank, run with the shortcuts, ticked and closed with a verdict: the export has it all, the candidate none of it', async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const interviewerContext = await browser.newContext({ baseURL: server.url, acceptDownloads: true });
  const candidateContext = await browser.newContext({ baseURL: server.url });
  const interviewer = await interviewerContext.newPage();
  const candidate = await candidateContext.newPage();
  const wire = recordWire(candidate);
  const control = recordWire(interviewer);

  // 1. A room with no questions yet: the plan is built in the room.
  await interviewer.goto('/');
  await interviewer.getByRole('button', { name: 'Clear' }).click();
  await expect(interviewer.getByText('None selected: you will build the plan in the room')).toBeVisible();
  const links = await createInterviewViaUi(interviewer, {
    title: 'Acme backend screen',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
    onCurrentPage: true,
  });
  await interviewer.goto(links.interviewerUrl);
  await expect(interviewer.getByRole('heading', { name: 'Build the plan' })).toBeVisible();

  // 2. Browse and search the custom bank.
  const bank = interviewer.getByRole('list', { name: 'Matching questions' });
  await interviewer.getByLabel('Bank', { exact: true }).selectOption('acme');
  await expect(bank.getByRole('listitem')).toHaveCount(4);
  await interviewer.getByLabel('Level', { exact: true }).selectOption('senior');
  await expect(bank.getByRole('listitem')).toHaveCount(2);
  await interviewer.getByLabel('Level', { exact: true }).selectOption('any');
  await interviewer.getByLabel('Search', { exact: true }).fill('caching');
  await expect(bank.getByRole('listitem')).toHaveCount(1);

  // 3. Preview a question with its rubric, then add it; add the others from the list.
  await bank.getByRole('button', { name: `Preview “${lru.title}”` }).click();
  const preview = interviewer.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText(lru.prompt);
  await expect(preview).toContainText(rubricOf(lru).keyPoints[0] ?? '');
  await preview.getByRole('button', { name: 'Add to plan' }).click();
  await interviewer.getByLabel('Search', { exact: true }).fill('acme');
  for (const q of [csv, retry, limiter])
    await bank.getByRole('button', { name: `Add “${q.title}” to the plan` }).click();
  await expect(planRows(interviewer)).toHaveCount(4);

  // 4. Reorder and budget: LRU 12, Retries 8, CSV 3, the limiter left at its 20 and never asked.
  await interviewer.getByRole('button', { name: `Move “${retry.title}” up` }).click();
  await expect(planRows(interviewer).nth(1)).toContainText(retry.title);
  for (const [q, minutes] of [
    [lru, '12'],
    [retry, '8'],
    [csv, '3'],
  ] as const)
    await interviewer.getByLabel(`Budget for “${q.title}”, in minutes`).fill(minutes);
  await expect(interviewer.getByRole('region', { name: 'Plan', exact: true })).toContainText(
    '4 questions · 43 min',
  );
  await expect(interviewer.getByText('saving…')).toHaveCount(0);

  // Saved for the next interviews.
  await interviewer.getByLabel('Save this plan as').fill('Acme screen, 43 min');
  await interviewer.getByRole('button', { name: 'Save plan' }).click();
  await expect(interviewer.getByText('Saved “Acme screen, 43 min”.')).toBeVisible();

  // 5. The candidate joins and waits.
  await candidate.goto(links.candidateUrl);
  await expect(questionRegion(candidate)).toContainText('No question yet');

  // 6. Alt+N starts the interview on the first question.
  await navigate(interviewer, candidate, 'Alt+KeyN', lru.title);
  await expect(questionRegion(candidate)).toContainText(lru.prompt);

  // Ticks: each adds a stamped line to the notes and moves the suggested score.
  const rubric = interviewer.getByRole('region', { name: 'Rubric' });
  const lruRubric = rubricOf(lru);
  await rubric.getByRole('checkbox', { name: lruRubric.keyPoints[0] }).check();
  await rubric.getByRole('checkbox', { name: lruRubric.keyPoints[1] }).check();
  await rubric.getByRole('checkbox', { name: lruRubric.strongSignals[0] }).check();
  const notes = interviewer.getByLabel('Notes');
  await expect(notes).toHaveValue(new RegExp(`^\\[\\d+:\\d\\d\\] ✓ Key point: ${lruRubric.keyPoints[0]}\\n`));
  await expect(notes).toHaveValue(new RegExp(`✓ Strong signal: ${lruRubric.strongSignals[0]}$`));
  await expect(interviewer.getByText('Suggested: Exceptional (4)')).toBeVisible();
  // The interviewer's own score overrides the suggestion.
  await interviewer.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: /^3\b/ }).check();
  await expect(interviewer.getByText('your score overrides it')).toBeVisible();

  // 7. Alt+N again; a red flag on the second question.
  await navigate(interviewer, candidate, 'Alt+KeyN', retry.title);
  await rubric.getByRole('checkbox', { name: rubricOf(retry).redFlags[0] }).check();
  await expect(interviewer.getByText('Suggested: Weak (1)')).toBeVisible();

  // 8. Alt+A: a question typed on the spot, right after the current one.
  await press(interviewer, 'Alt+KeyA');
  const adHocDialog = interviewer.getByRole('dialog', { name: 'Add an ad-hoc question' });
  await adHocDialog.getByLabel('Title').fill(AD_HOC.title);
  await adHocDialog.getByLabel('Prompt').fill(AD_HOC.prompt);
  await adHocDialog.getByLabel(/What to look for/).fill(AD_HOC.lookFor);
  await adHocDialog.getByRole('button', { name: 'Add to the plan' }).click();
  const plan = interviewer.getByRole('navigation', { name: 'Interview plan' });
  await expect(plan.getByRole('listitem').nth(2)).toContainText(`${AD_HOC.title} · ad hoc`);
  await expect(questionRegion(candidate)).toContainText(retry.title);

  // 9. Alt+N shows it; Alt+P goes back; Alt+1 jumps to the first; Alt+4 to the CSV question.
  await navigate(interviewer, candidate, 'Alt+KeyN', AD_HOC.title);
  await expect(questionRegion(candidate)).toContainText(AD_HOC.prompt);
  await rubric.getByRole('checkbox', { name: AD_HOC.lookFor }).check();
  await navigate(interviewer, candidate, 'Alt+KeyP', retry.title);
  await navigate(interviewer, candidate, 'Alt+Digit1', lru.title);
  await navigate(interviewer, candidate, 'Alt+Digit4', csv.title);
  // The plan shows each question's time against its budget.
  await expect(plan.getByRole('listitem').first()).toContainText(/\d+:\d\d \/ 12 min/);

  // 10. ? opens the shortcut help; Escape closes it.
  await press(interviewer, '?');
  const help = interviewer.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Alt\+1.*Alt\+9.*Jump to question/ })).toBeVisible();
  await interviewer.keyboard.press('Escape');
  await expect(help).toBeHidden();

  // 11. Alt+E ends the interview (after a confirmation); the report asks for the verdict.
  await press(interviewer, 'Alt+KeyE');
  await interviewer.getByRole('button', { name: 'Confirm end' }).click();
  await expect(candidate.getByText('This interview has ended')).toBeVisible();
  const report = interviewer.getByRole('dialog', { name: 'Report' });
  await expect(report).toContainText('The report is a draft until it has a recommendation and a summary.');
  await report.getByRole('radio', { name: 'Yes', exact: true }).check();
  await report.getByLabel('Summary').fill(SUMMARY);
  await expect(report.getByText('Saved', { exact: true })).toBeVisible();
  await expect(report).toContainText('The report is final.');

  // 12. The exports: ticks with their time, time against budget, the ad-hoc question, the verdict.
  const mdDownload = interviewer.waitForEvent('download');
  await report.getByRole('button', { name: 'Download Markdown' }).click();
  const markdown = readFileSync((await (await mdDownload).path()) ?? '', 'utf8');
  expect(markdown).toContain('**Report: Final**');
  expect(markdown).toContain('## Recommendation\n\n**Yes**');
  expect(markdown).toContain(SUMMARY);
  expect(markdown).toMatch(new RegExp(`- ✓ Key point: ${lruRubric.keyPoints[0]} \\(at \\d+:\\d\\d\\)`));
  expect(markdown).toContain(`- ✓ Strong signal: ${lruRubric.strongSignals[0]}`);
  expect(markdown).toContain(`- ✗ Red flag: ${rubricOf(retry).redFlags[0]}`);
  expect(markdown).toMatch(
    /\| 1 \| An LRU cache \| \d+:\d\d of 12 min \| 4 \(Exceptional\) \| 3 \(Strong\) \|/,
  );
  expect(markdown).toMatch(/\| 2 \| Retries with backoff \| \d+:\d\d of 8 min \|/);
  expect(markdown).toContain(`| 3 | ${AD_HOC.title} (ad hoc) |`);
  expect(markdown).toContain(`| 5 | ${limiter.title} | not asked (20 min budget) |`);

  const jsonDownload = interviewer.waitForEvent('download');
  await report.getByRole('button', { name: 'Download JSON' }).click();
  const json = JSON.parse(readFileSync((await (await jsonDownload).path()) ?? '', 'utf8')) as {
    final: boolean;
    recommendation: string;
    summary: string;
    questions: {
      id: string;
      title: string;
      adHoc: boolean;
      asked: boolean;
      budgetMinutes: number;
      timeSpentMs: number;
      score: number | null;
      suggestedScore: number | null;
      ticked: { kind: string; text: string }[];
    }[];
  };
  expect(json).toMatchObject({ final: true, recommendation: 'yes', summary: SUMMARY });
  expect(json.questions.map((q) => [q.title, q.adHoc, q.asked, q.budgetMinutes])).toEqual([
    [lru.title, false, true, 12],
    [retry.title, false, true, 8],
    [AD_HOC.title, true, true, 5],
    [csv.title, false, true, 3],
    [limiter.title, false, false, 20],
  ]);
  expect(json.questions[0]).toMatchObject({ score: 3, suggestedScore: 4 });
  expect(json.questions[0]?.ticked.map((t) => t.text)).toEqual([
    ...lruRubric.keyPoints,
    ...lruRubric.strongSignals,
  ]);
  expect(json.questions[0]?.timeSpentMs).toBeGreaterThan(0);
  expect(json.questions[2]?.ticked).toEqual([
    expect.objectContaining({ kind: 'keyPoint', text: AD_HOC.lookFor }),
  ]);
  await report.getByRole('button', { name: 'Close' }).click();

  // 13. Everything that reached the candidate's browser: no rubric line of the custom bank (each
  // carries the canary), no tick, note, look-for, summary or recommendation, no budget, and not
  // the question that was never shown.
  await candidate.reload();
  await expect(candidate.getByText('This interview has ended')).toBeVisible();
  await wire.settle();
  await control.settle();
  expect(wire.chunks.some((chunk) => chunk.source.startsWith('ws '))).toBe(true);
  expect(wire.find([CANARY, limiter.title, limiter.prompt, 'Acme screen, 43 min'])).toEqual([]);
  const messages = (source: string) => source.startsWith('ws ') || source.includes('/api/');
  expect(
    wire.find(
      [
        'room:private',
        '"rubric"',
        '"ticks"',
        '"recommendation"',
        '"summary"',
        '"budgetMinutes"',
        '"plan"',
        'Strong signal',
      ],
      messages,
    ),
  ).toEqual([]);
  // The candidate's page never asked for the bank or the saved plans.
  expect(wire.chunks.filter((c) => /\/api\/(questions|plans)/.test(c.source))).toEqual([]);
  // Positive control: the interviewer's browser did receive the canary.
  expect(control.find([CANARY]).length).toBeGreaterThan(0);

  // 14. The saved plan starts the next interview with the same questions and budgets.
  await interviewer.goto('/');
  await interviewer
    .getByLabel('Saved plan')
    .selectOption({ label: 'Acme screen, 43 min · 4 questions · 43 min' });
  await expect(interviewer.locator('.saved-plan-picker__list')).toContainText(retry.title);
  const next = await createInterviewViaUi(interviewer, {
    title: 'Acme backend screen, second candidate',
    candidateName: 'Alan Turing',
    interviewerName: 'Grace Hopper',
    onCurrentPage: true,
  });
  await interviewer.goto(next.interviewerUrl);
  await expect(planRows(interviewer)).toHaveCount(4);
  await expect(interviewer.getByLabel(`Budget for “${retry.title}”, in minutes`)).toHaveValue('8');
  await expect(planRows(interviewer).nth(1)).toContainText(retry.title);
});
