import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rubricTexts } from '@interview-room/questions';
import { expect, type Page, test } from '@playwright/test';
import { createInterviewViaUi } from './fixtures.ts';
import { type ServerProcess, startServerProcess } from './serverProcess.ts';
import { recordWire } from './wire.ts';

/** The candidate's page, inside `page.evaluate` (this project compiles without the DOM lib). */
declare const location: { hash: string; pathname: string };

// Fresh per run: a canary from an earlier run, cached anywhere, cannot make this pass or fail.
const RUBRIC_CANARY = `CANARY-RUBRIC-${randomBytes(8).toString('hex')}`;
const NOTE_CANARY = `CANARY-NOTE-${randomBytes(8).toString('hex')}`;

/**
 * Two questions whose every rubric field carries the canary. Only letters, digits and dashes,
 * so no escaping on the way (JSON, say) could hide one from a byte search.
 */
const QUESTIONS = [1, 2].map((n) => {
  const field = (name: string) => `${RUBRIC_CANARY}-q${n}-${name}`;
  return {
    id: `canary-q${n}`,
    title: `Canary question ${n}`,
    prompt: `Write a function that returns ${n}.`,
    language: 'python' as const,
    topic: 'Canary',
    level: 'mid' as const,
    durationMinutes: 5,
    tags: ['canary'],
    starterCode: `def answer_${n}():\n    pass\n`,
    rubric: {
      sampleAnswer: field('sampleAnswer'),
      keyPoints: [field('keyPoints-0'), field('keyPoints-1')],
      strongSignals: [field('strongSignals-0')],
      redFlags: [field('redFlags-0')],
      whyWeAsk: field('whyWeAsk'),
      followUps: [field('followUps-0'), field('followUps-1')],
    },
  };
});
const [first, second] = QUESTIONS as [(typeof QUESTIONS)[0], (typeof QUESTIONS)[0]];
const NEEDLES = [RUBRIC_CANARY, NOTE_CANARY, ...QUESTIONS.flatMap(rubricTexts)];

// A server of this file's own, started with the canary bank (QUESTION_BANK_FILE).
let server: ServerProcess;
test.beforeAll(async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ir-canary-')), 'bank.json');
  writeFileSync(file, JSON.stringify(QUESTIONS));
  server = await startServerProcess({ QUESTION_BANK_FILE: file });
});
test.afterAll(async () => {
  await server?.stop();
});

const connection = (page: Page) => page.locator('.connection');
const questionRegion = (page: Page) => page.getByRole('region', { name: 'Question' });

test('a spy candidate receives no rubric and no note through a whole interview, going offline, a reload and an export attempt', async ({
  browser,
}) => {
  const interviewerContext = await browser.newContext({ baseURL: server.url });
  const candidateContext = await browser.newContext({ baseURL: server.url });
  const interviewer = await interviewerContext.newPage();
  const candidate = await candidateContext.newPage();
  const wire = recordWire(candidate);
  // The same recorder on the interviewer: it must find the canaries there, or the search is blind.
  const control = recordWire(interviewer);
  let candidateSockets = 0;
  candidate.on('websocket', () => {
    candidateSockets++;
  });

  const links = await createInterviewViaUi(interviewer, {
    title: 'Canary screen',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });
  await interviewer.goto(links.interviewerUrl);
  await candidate.goto(links.candidateUrl);
  await expect(connection(candidate)).toHaveText('Connected');

  // The first question; the interviewer sees its canary rubric, then writes notes and a score.
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(questionRegion(candidate)).toContainText(first.title);
  await expect(interviewer.getByRole('region', { name: 'Rubric' })).toContainText(
    first.rubric.keyPoints[0] ?? '',
  );
  await interviewer.getByLabel('Notes').fill(`Clear answer ${NOTE_CANARY}`);
  await interviewer.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: /^4\b/ }).check();
  await expect(interviewer.getByText('Saved', { exact: true })).toBeVisible();

  // The candidate drops off the network; the interview moves on; the candidate comes back.
  const socketsBefore = candidateSockets;
  await candidateContext.setOffline(true);
  await expect(connection(candidate)).toHaveText(/Offline|Reconnecting/);
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(interviewer.getByRole('region', { name: 'Rubric' })).toContainText(
    second.rubric.keyPoints[0] ?? '',
  );
  await interviewer.getByLabel('Notes').fill(`Second answer ${NOTE_CANARY}`);
  await interviewer.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: /^2\b/ }).check();
  await expect(interviewer.getByText('Saved', { exact: true })).toBeVisible();
  await candidateContext.setOffline(false);
  await expect(questionRegion(candidate)).toContainText(second.title);
  await expect(connection(candidate)).toHaveText('Connected');
  expect(candidateSockets).toBeGreaterThan(socketsBefore);

  // A reload mid-interview.
  await candidate.reload();
  await expect(questionRegion(candidate)).toContainText(second.title);

  // The end, then the candidate tries the export with the token in its own link.
  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await interviewer.getByRole('button', { name: 'Confirm end' }).click();
  await expect(candidate.getByText('This interview has ended')).toBeVisible();
  const attempts = await candidate.evaluate(async () => {
    const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
    const roomId = location.pathname.split('/')[2] ?? '';
    const answers: { status: number; body: string }[] = [];
    for (const format of ['md', 'json']) {
      const res = await fetch(`/api/rooms/${roomId}/export?format=${format}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      answers.push({ status: res.status, body: await res.text() });
    }
    return answers;
  });
  for (const attempt of attempts) {
    expect(attempt.status).toBe(403);
    expect(attempt.body).not.toContain(RUBRIC_CANARY);
    expect(attempt.body).not.toContain(NOTE_CANARY);
  }
  await candidate.reload();
  await expect(candidate.getByText('This interview has ended')).toBeVisible();

  await wire.settle();
  await control.settle();
  expect(wire.chunks.some((chunk) => chunk.source.startsWith('ws '))).toBe(true);
  expect(wire.chunks.filter((chunk) => chunk.source.includes('/export?')).length).toBe(2);
  expect(wire.find(NEEDLES)).toEqual([]);
  const messages = (source: string) => source.startsWith('ws ') || source.includes('/api/');
  expect(wire.find(['"score"', 'room:private', '"records"', '"rubric"'], messages)).toEqual([]);
  // Positive control: every rubric string and the note did reach the interviewer's browser.
  const seen = control.find(NEEDLES);
  for (const needle of NEEDLES)
    expect(seen.some((hit) => hit.startsWith(JSON.stringify(needle.slice(0, 60))))).toBe(true);
});
