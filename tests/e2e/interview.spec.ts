import { readFile } from 'node:fs/promises';
import { defaultBank } from '@interview-room/questions';
import { expect, test } from '@playwright/test';
import { createInterviewViaUi, editorText, newActors, RUBRIC_NEEDLES, typeInEditor } from './fixtures.ts';
import { recordWire } from './wire.ts';

const [first, second] = defaultBank.all();
const NOTE_CANARY = 'note-canary-4c1d8a';

test('an interview from creation to export, with a reload of each side, leaks nothing to the candidate', async ({
  browser,
}) => {
  // Two browsers through a whole interview and two reloads: 45 s on a quiet 2-core machine.
  test.setTimeout(150_000);
  if (!first || !second) throw new Error('the bank needs two questions');
  const { interviewer, candidate } = await newActors(browser);
  const wire = recordWire(candidate);

  // 1. The interviewer creates the interview and gets two links.
  const links = await createInterviewViaUi(interviewer, {
    title: 'Python screen',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });

  // 2. Both join and see each other.
  await interviewer.goto(links.interviewerUrl);
  await candidate.goto(links.candidateUrl);
  for (const page of [interviewer, candidate]) {
    const people = page.getByRole('list', { name: 'People in the room' });
    await expect(people).toContainText('Ada Lovelace');
    await expect(people).toContainText('Grace Hopper');
  }
  await expect(candidate.getByRole('region', { name: 'Rubric' })).toHaveCount(0);
  await expect(candidate.getByRole('button', { name: 'Next question' })).toHaveCount(0);

  // 3. The interviewer pushes the first question: prompt for the candidate, rubric for the interviewer.
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  const candidateQuestion = candidate.getByRole('region', { name: 'Question' });
  await expect(candidateQuestion).toContainText(first.title);
  await expect(candidateQuestion).toContainText(first.prompt.split('\n')[0] ?? '');
  const rubric = interviewer.getByRole('region', { name: 'Rubric' });
  await expect(rubric).toContainText(first.rubric.keyPoints[0] ?? '');
  await expect(interviewer.getByRole('region', { name: 'Question' })).toContainText(first.title);

  // Starter code arrives in the shared editor; what the candidate types reaches the interviewer.
  const starterLine = first.starterCode.split('\n').find((line) => line.trim().length > 8) ?? '';
  await expect.poll(() => editorText(candidate)).toContain(starterLine.trim());
  await typeInEditor(candidate, 'answer_one = 1');
  await expect.poll(() => editorText(interviewer)).toContain('answer_one = 1');

  // 4. Notes and a score, saved as the interviewer types.
  await interviewer.getByLabel('Notes').fill(`Explains the GIL well ${NOTE_CANARY}`);
  await interviewer.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: /3/ }).check();
  await expect(interviewer.getByText('Saved', { exact: true })).toBeVisible();

  // A reload of each side mid-interview keeps everything.
  await interviewer.reload();
  await expect(interviewer.getByLabel('Notes')).toHaveValue(`Explains the GIL well ${NOTE_CANARY}`);
  await expect(
    interviewer.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: /3/ }),
  ).toBeChecked();
  await expect(interviewer.getByRole('region', { name: 'Rubric' })).toContainText(
    first.rubric.keyPoints[0] ?? '',
  );
  await candidate.reload();
  await expect(candidate.getByRole('region', { name: 'Question' })).toContainText(first.title);
  await expect.poll(() => editorText(candidate)).toContain('answer_one = 1');

  // One code buffer per question: the next question has its own, and going back keeps the first.
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(candidate.getByRole('region', { name: 'Question' })).toContainText(second.title);
  await expect.poll(() => editorText(candidate)).not.toContain('answer_one = 1');
  await typeInEditor(candidate, 'answer_two = 2');
  await expect.poll(() => editorText(interviewer)).toContain('answer_two = 2');
  await interviewer.getByRole('button', { name: 'Previous question' }).click();
  await expect(candidate.getByRole('region', { name: 'Question' })).toContainText(first.title);
  await expect.poll(() => editorText(candidate)).toContain('answer_one = 1');

  // 5. The interviewer ends the interview: both see it, and the editor is locked.
  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await interviewer.getByRole('button', { name: 'Confirm end' }).click();
  for (const page of [interviewer, candidate]) {
    await expect(page.getByText('This interview has ended')).toBeVisible();
  }
  // The final code stays on screen, read-only.
  for (const page of [interviewer, candidate])
    await expect.poll(() => editorText(page)).toContain('answer_one = 1');
  await typeInEditor(candidate, 'late_edit');
  await expect.poll(() => editorText(candidate)).not.toContain('late_edit');

  // The exports carry title, people, times and per-question score, notes and code.
  const mdDownload = interviewer.waitForEvent('download');
  await interviewer.getByRole('button', { name: 'Download Markdown' }).click();
  const markdown = await readFile((await (await mdDownload).path()) ?? '', 'utf8');
  expect(markdown).toContain('# Python screen');
  expect(markdown).toContain('Ada Lovelace');
  expect(markdown).toContain('Grace Hopper');
  expect(markdown).toContain(NOTE_CANARY);
  expect(markdown).toContain('3 (Strong)');
  expect(markdown).toContain('answer_one = 1');
  expect(markdown).toContain('answer_two = 2');

  const jsonDownload = interviewer.waitForEvent('download');
  await interviewer.getByRole('button', { name: 'Download JSON' }).click();
  const download = await jsonDownload;
  expect(download.suggestedFilename()).toMatch(/\.json$/);
  const report = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
    status: string;
    startedAt: string | null;
    endedAt: string | null;
    questions: { id: string; score: number | null; notes: string; code: string; timeSpentMs: number }[];
  };
  expect(report.status).toBe('ended');
  expect(report.startedAt).not.toBeNull();
  expect(report.endedAt).not.toBeNull();
  expect(report.questions[0]).toMatchObject({ id: first.id, score: 3 });
  expect(report.questions[0]?.notes).toContain(NOTE_CANARY);
  expect(report.questions[0]?.code).toContain('answer_one = 1');
  expect(report.questions[0]?.timeSpentMs).toBeGreaterThan(0);
  expect(report.questions[1]?.code).toContain('answer_two = 2');

  // Everything that reached the candidate's browser, the JS bundle included.
  await candidate.reload();
  await expect(candidate.getByText('This interview has ended')).toBeVisible();
  await expect.poll(() => editorText(candidate)).toContain('answer_one = 1');
  await wire.settle();
  expect(wire.chunks.some((chunk) => chunk.source.startsWith('ws '))).toBe(true);
  expect(wire.chunks.some((chunk) => chunk.source.includes('.js'))).toBe(true);
  expect(wire.find([NOTE_CANARY, ...RUBRIC_NEEDLES])).toEqual([]);
  // Field and event names are in the bundle's code; on the wire they would mean private data.
  const messages = (source: string) => source.startsWith('ws ') || source.includes('/api/');
  expect(wire.find(['"score"', 'room:private', '"records"', '"rubric"'], messages)).toEqual([]);
});
