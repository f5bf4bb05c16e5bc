import { defaultBank, rubricTexts } from '@interview-room/questions';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';

export interface Actors {
  interviewer: Page;
  candidate: Page;
  contexts: BrowserContext[];
}

/** Rubric strings long enough that finding one in a candidate's traffic is a leak, not chance. */
export const RUBRIC_NEEDLES: readonly string[] = defaultBank
  .all()
  .flatMap(rubricTexts)
  .filter((text) => text.length >= 20);

export async function createInterviewViaUi(
  page: Page,
  input: {
    title: string;
    candidateName: string;
    interviewerName: string;
    /** Fill the create page already open (its questions or saved plan chosen), not a fresh one. */
    onCurrentPage?: boolean;
  },
): Promise<{ interviewerUrl: string; candidateUrl: string }> {
  if (!input.onCurrentPage) await page.goto('/');
  await page.getByLabel('Title').fill(input.title);
  await page.getByLabel('Candidate name').fill(input.candidateName);
  await page.getByLabel('Your name').fill(input.interviewerName);
  await page.getByRole('button', { name: 'Create interview' }).click();
  const interviewerUrl = await page.getByLabel('Interviewer link').inputValue();
  const candidateUrl = await page.getByLabel('Candidate link').inputValue();
  expect(interviewerUrl).toMatch(/\/room\/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$/);
  expect(candidateUrl).not.toBe(interviewerUrl);
  return { interviewerUrl, candidateUrl };
}

export async function newActors(browser: Browser): Promise<Actors> {
  const contexts = [await browser.newContext(), await browser.newContext()];
  const [interviewerContext, candidateContext] = contexts as [BrowserContext, BrowserContext];
  return {
    interviewer: await interviewerContext.newPage(),
    candidate: await candidateContext.newPage(),
    contexts,
  };
}

export const editorLines = (page: Page): Locator => page.locator('.monaco-editor .view-lines').first();

/** Monaco renders spaces as non-breaking spaces; compare on normalised text. */
export async function editorText(page: Page): Promise<string> {
  return ((await editorLines(page).textContent()) ?? '').replace(/\u00a0/g, ' ');
}

/**
 * Types a line at the top of the shared editor's buffer: Monaco renders only the lines in view,
 * and the top is in view on every page.
 */
export async function typeInEditor(page: Page, line: string): Promise<void> {
  await editorLines(page).click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** The room id and token of a room link (`/room/<id>#token=<token>`). */
export function parseRoomLink(url: string): { roomId: string; token: string } {
  const link = new URL(url);
  const roomId = /^\/room\/([A-Za-z0-9_-]{22})$/.exec(link.pathname)?.[1];
  const token = new URLSearchParams(link.hash.slice(1)).get('token');
  if (!roomId || !token) throw new Error(`not a room link: ${url}`);
  return { roomId, token };
}

export interface ExportedReport {
  questions: { id: string; title: string; score: number | null; notes: string }[];
  timeline: { at: string; type: string; detail: string }[];
}

/** What the server has stored, read as the JSON export (outside any browser context). */
export async function fetchReport(
  request: APIRequestContext,
  link: { roomId: string; token: string },
): Promise<ExportedReport> {
  const res = await request.get(`/api/rooms/${link.roomId}/export?format=json`, {
    headers: { Authorization: `Bearer ${link.token}` },
  });
  expect(res.status()).toBe(200);
  return (await res.json()) as ExportedReport;
}
