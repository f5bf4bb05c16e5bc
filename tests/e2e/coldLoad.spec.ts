import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { measureColdLoad } from '../../bench/coldLoad.ts';
import { createInterviewViaUi, editorText, newActors, typeInEditor } from './fixtures.ts';

const dist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

/** Issue 6's targets, in bytes of gzip (level 9) over the JS and CSS each page needs to be usable. */
const ROOM_GZIP_BUDGET = 800_000;
const LANDING_GZIP_BUDGET = 250_000;

/** The built JS and CSS a page fetches, as paths under dist (`assets/…`), until `stop()`. */
function recordScriptsAndStyles(page: Page): { stop: () => string[] } {
  const seen = new Set<string>();
  let recording = true;
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (recording && /^\/assets\/.+\.(js|css)$/.test(pathname)) seen.add(pathname.slice(1));
  });
  return {
    stop: () => {
      recording = false;
      return [...seen].sort();
    },
  };
}

const names = (files: { file: string }[]): string[] => files.map((f) => f.file).sort();

test('the landing page and the candidate room page stay within their cold-load budgets', async () => {
  const { landing, room, lazy } = await measureColdLoad(dist);
  expect(landing.total.gzip).toBeLessThanOrEqual(LANDING_GZIP_BUDGET);
  expect(room.total.gzip).toBeLessThanOrEqual(ROOM_GZIP_BUDGET);
  // The room builds on the landing page's files; Monaco's worker loads only on demand.
  expect(names(room.files)).toEqual(expect.arrayContaining(names(landing.files)));
  expect(names(lazy).some((file) => /editor\.worker/.test(file))).toBe(true);
});

test('what bench/coldLoad.ts counts is what Chromium fetches before the page is usable', async ({
  browser,
}) => {
  const { landing, room } = await measureColdLoad(dist);
  const { interviewer, candidate } = await newActors(browser);

  const landingLoad = recordScriptsAndStyles(interviewer);
  const links = await createInterviewViaUi(interviewer, {
    title: 'Cold load',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });
  expect(landingLoad.stop()).toEqual(names(landing.files));

  await interviewer.goto(links.interviewerUrl);
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect.poll(() => editorText(interviewer)).not.toBe('');

  // A fresh browser context: nothing cached. The page is usable once typed code shows in the editor.
  const roomLoad = recordScriptsAndStyles(candidate);
  await candidate.goto(links.candidateUrl);
  await expect.poll(() => editorText(candidate)).not.toBe('');
  await typeInEditor(candidate, 'cold = "load"');
  await expect.poll(() => editorText(candidate)).toContain('cold = "load"');
  expect(roomLoad.stop()).toEqual(names(room.files));
});
