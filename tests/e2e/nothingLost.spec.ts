import { defaultBank } from '@interview-room/questions';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { createInterviewViaUi, type ExportedReport, fetchReport, parseRoomLink } from './fixtures.ts';

const [first] = defaultBank.all();
const UNSAVED = 'Unsaved — will sync when reconnected';
const OUTBOX_PREFIX = 'interview-room:outbox:';

/** The page's localStorage, inside `page.evaluate` (this project compiles without the DOM lib). */
declare const localStorage: Record<string, string>;

/** A page of its own context, on a fresh interview, with the first question shown. */
async function interviewerOnFirstQuestion(
  page: Page,
  before?: () => Promise<void>,
): Promise<{ roomId: string; token: string }> {
  const links = await createInterviewViaUi(page, {
    title: 'Resilience screen',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });
  await before?.();
  await page.goto(links.interviewerUrl);
  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(page.getByRole('region', { name: 'Question' })).toContainText(first?.title ?? '');
  await expect(connection(page)).toHaveText('Connected');
  return parseRoomLink(links.interviewerUrl);
}

const connection = (page: Page) => page.locator('.connection');
const notesStatus = (page: Page) => page.locator('.notes__status');
const scoreStatus = (page: Page) => page.locator('.score__status');
const scoreRadio = (page: Page, score: number) =>
  page.getByRole('radiogroup', { name: 'Score' }).getByRole('radio', { name: new RegExp(`^${score}\\b`) });
const outboxKeys = (page: Page): Promise<string[]> =>
  page.evaluate((prefix) => Object.keys(localStorage).filter((key) => key.startsWith(prefix)), OUTBOX_PREFIX);

const firstQuestion = (report: ExportedReport) => report.questions.find((q) => q.id === first?.id);
const scoreSets = (report: ExportedReport) =>
  report.timeline.filter((event) => event.type === 'score-set' && event.detail.includes(first?.title ?? '?'));

/** Polls the server's copy until it holds these notes and this score. */
async function expectStored(
  request: APIRequestContext,
  link: { roomId: string; token: string },
  expected: { notes: string; score: number | null },
): Promise<ExportedReport> {
  await expect
    .poll(async () => {
      const question = firstQuestion(await fetchReport(request, link));
      return { notes: question?.notes, score: question?.score };
    })
    .toEqual(expected);
  return fetchReport(request, link);
}

test('the interviewer reloads while a note save is in flight: the note survives, once', async ({
  browser,
  request,
}) => {
  if (!first) throw new Error('the bank needs a question');
  const context = await browser.newContext();
  const page = await context.newPage();

  // Sits between the page and the server's Socket.io WebSocket. While `holdAcks` is set it
  // swallows acknowledgements (Socket.io ACK packets, "43<id>[...]"): the server stores the
  // write, and the page never hears that it did, as when the connection drops at that moment.
  let holdAcks = false;
  let heldAcks = 0;
  const room = await interviewerOnFirstQuestion(page, () =>
    page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => server.send(message));
      server.onMessage((message) => {
        if (holdAcks && typeof message === 'string' && message.startsWith('43')) {
          heldAcks++;
          return;
        }
        ws.send(message);
      });
    }),
  );

  holdAcks = true;
  await scoreRadio(page, 3).check();
  const draft = 'Explains the GIL well';
  await page.getByLabel('Notes').fill(draft);
  // Stored on the server, but unacknowledged on the page.
  await expectStored(request, room, { notes: draft, score: 3 });
  await expect.poll(() => heldAcks).toBe(2);
  await expect(notesStatus(page)).toHaveText('Saving…');
  await expect(scoreStatus(page)).toHaveText('Saving…');
  // Kept per room in localStorage; the token stays in the URL fragment only.
  expect(await outboxKeys(page)).toEqual([`${OUTBOX_PREFIX}${room.roomId}`]);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).toContain(draft);
  expect(stored).not.toContain(room.token);

  // More typing, and a reload within the save's debounce: only the outbox has these words yet.
  const final = `${draft}; struggled with asyncio cancellation`;
  await page.getByLabel('Notes').fill(final);
  holdAcks = false;
  await page.reload();

  // The reloaded page shows the note it kept, sends what the server lacks, and says Saved.
  await expect(page.getByLabel('Notes')).toHaveValue(final);
  await expect(scoreRadio(page, 3)).toBeChecked();
  await expect(notesStatus(page)).toHaveText('Saved');
  await expect(scoreStatus(page)).toHaveText('');
  await expect.poll(() => outboxKeys(page)).toEqual([]);

  // The resent score was applied once: one score-set in the timeline, not two.
  const report = await expectStored(request, room, { notes: final, score: 3 });
  expect(scoreSets(report).map((event) => event.detail)).toEqual([`Scored 3 (Strong) for ${first.title}`]);
  await context.close();
});

test('the interviewer goes offline, edits notes and the score, and both are saved when back online, without a reload', async ({
  browser,
  request,
}) => {
  if (!first) throw new Error('the bank needs a question');
  const context = await browser.newContext();
  const page = await context.newPage();
  const room = await interviewerOnFirstQuestion(page);

  await context.setOffline(true);
  await expect(connection(page)).toHaveText('Offline');
  const notes = 'Typed on a train, between tunnels';
  await page.getByLabel('Notes').fill(notes);
  await scoreRadio(page, 2).check();

  // Shown, marked unsaved, and not on the server.
  await expect(notesStatus(page)).toHaveText(UNSAVED);
  await expect(scoreStatus(page)).toHaveText(UNSAVED);
  await expect(connection(page)).toHaveText('Offline · 2 unsaved changes');
  expect(firstQuestion(await fetchReport(request, room))).toMatchObject({ notes: '', score: null });

  // Back online: the page reconnects by itself and sends both.
  await context.setOffline(false);
  await expect(connection(page)).toHaveText('Connected');
  await expect(notesStatus(page)).toHaveText('Saved');
  await expect(scoreStatus(page)).toHaveText('');
  await expect(page.getByLabel('Notes')).toHaveValue(notes);
  await expect(scoreRadio(page, 2)).toBeChecked();
  await expect.poll(() => outboxKeys(page)).toEqual([]);

  const report = await expectStored(request, room, { notes, score: 2 });
  expect(scoreSets(report).map((event) => event.detail)).toEqual([`Scored 2 (Mixed) for ${first.title}`]);
  await context.close();
});
