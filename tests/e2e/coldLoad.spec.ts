import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { GZIP_BUDGET, measureColdLoad } from '../../bench/coldLoad.ts';
import { createInterviewViaUi, editorText, newActors, typeInEditor } from './fixtures.ts';

const dist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

const { room: ROOM_GZIP_BUDGET, landing: LANDING_GZIP_BUDGET } = GZIP_BUDGET;

/**
 * The built JS and CSS a page fetches, as paths under dist (`assets/…`), until `stop()`, and those
 * that came without gzip (the server sends the build's precompressed twins).
 */
function recordScriptsAndStyles(page: Page): { stop: () => string[]; uncompressed: () => string[] } {
  const seen = new Set<string>();
  const uncompressed = new Set<string>();
  let recording = true;
  page.on('response', async (response) => {
    const { pathname } = new URL(response.url());
    if (!recording || !/^\/assets\/.+\.(js|css)$/.test(pathname)) return;
    seen.add(pathname.slice(1));
    const encoding = await response.headerValue('content-encoding');
    if (encoding !== 'gzip') uncompressed.add(pathname.slice(1));
  });
  return {
    stop: () => {
      recording = false;
      return [...seen].sort();
    },
    uncompressed: () => [...uncompressed].sort(),
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
  // Every file worth compressing went over the wire gzipped; the rest are under precompress.ts's floor.
  expect(
    roomLoad.uncompressed().filter((file) => room.files.find((f) => f.file === file && f.raw >= 1024)),
  ).toEqual([]);
});
