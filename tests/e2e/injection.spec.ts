import { expect, type Page, test } from '@playwright/test';
import { baseURL } from '../playwright.config.ts';
import { createInterviewViaUi, editorLines, newActors, typeInEditor } from './fixtures.ts';

/**
 * Names that would run script, load an image or restyle the page if any of them reached HTML or
 * CSS unescaped. The candidate's name also closes a CSS string: it is what a remote cursor label
 * (`content: "<name>"` in an injected style element) would have to survive.
 */
const TITLE = '</style><img src=x onerror=alert(1)>';
const CANDIDATE = '"}body{display:none}"><script>alert(1)</script>';
const INTERVIEWER = 'red;}body{display:none}</style><img src=x onerror=alert(2)>';

/** The page's globals, inside `page.evaluate` (this project compiles without the DOM lib). */
interface CssRuleLike {
  selectorText?: string;
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<{
    textContent: string | null;
    sheet?: { cssRules: ArrayLike<CssRuleLike> } | null;
  }>;
};
declare function getComputedStyle(element: unknown, pseudo?: string): { content: string };

/** What the page did that it should not have: dialogs, requests off the app, CSP violations. */
function watch(page: Page): { dialogs: string[]; strayRequests: string[]; cspViolations: string[] } {
  const seen = { dialogs: [] as string[], strayRequests: [] as string[], cspViolations: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    // `<img src=x>` on /room/<id> would ask the app itself for /room/x: same origin is not enough.
    const known = /^\/(|room\/[\w-]{22}|assets\/.+|api\/.+|socket\.io\/|yjs\/[\w-]+|favicon\.\w+)$/;
    if (url.origin !== new URL(baseURL).origin || !known.test(url.pathname))
      seen.strayRequests.push(request.url());
  });
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) seen.cspViolations.push(message.text());
  });
  return seen;
}

/** How Chromium serialises a CSS string value: in double quotes, `"` and `\` escaped. */
const cssQuoted = (text: string) => `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`)}"`;
/** Remote cursor labels keep the first 32 characters (remoteCursorStyles.ts). */
const LABEL_CHARS = 32;

test('names and titles with HTML and CSS in them render as text, run nothing, fetch nothing and restyle nothing', async ({
  browser,
}) => {
  const { interviewer, candidate } = await newActors(browser);
  const watched = { interviewer: watch(interviewer), candidate: watch(candidate) };

  const links = await createInterviewViaUi(interviewer, {
    title: TITLE,
    candidateName: CANDIDATE,
    interviewerName: INTERVIEWER,
  });
  await interviewer.goto(links.interviewerUrl);
  await candidate.goto(links.candidateUrl);

  for (const page of [interviewer, candidate]) {
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(TITLE);
    // Both present (found by CSS, which a hidden body does not hide), and the page still shows.
    await expect(page.locator('.presence__name')).toHaveCount(2);
    await expect(page.locator('body')).toBeVisible();
    const people = page.getByRole('list', { name: 'People in the room' });
    await expect(people.getByText(CANDIDATE)).toBeVisible();
    await expect(people.getByText(INTERVIEWER)).toBeVisible();
    const names = (await people.locator('.presence__name').allTextContents()).map((n) =>
      n.replace(/ \(you\)$/, ''),
    );
    expect(names.sort()).toEqual([CANDIDATE, INTERVIEWER].sort());
  }

  // Both type in the editor, so each page shows the other's cursor, labelled with its name.
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(editorLines(candidate)).toBeVisible();
  await typeInEditor(interviewer, 'x = 1');
  await typeInEditor(candidate, 'y = 2');

  for (const [page, remoteName] of [
    [interviewer, CANDIDATE],
    [candidate, INTERVIEWER],
  ] as const) {
    const head = page.locator('.monaco-editor [class*="yRemoteSelectionHead-"]');
    await expect(head.first()).toBeAttached();
    // The label reads exactly the (shortened) name: the style carried it as one CSS string.
    await expect
      .poll(() => head.first().evaluate((element) => getComputedStyle(element, '::after').content))
      .toBe(cssQuoted(remoteName.slice(0, LABEL_CHARS)));
    // Each injected style element holds the three rules of one cursor and nothing else.
    const sheets = await page.evaluate(() =>
      Array.from(document.querySelectorAll('style[data-remote-cursor]'), (style) => ({
        text: style.textContent ?? '',
        selectors: Array.from(
          style.sheet?.cssRules ?? [],
          (rule) => rule.selectorText ?? '(not a style rule)',
        ),
      })),
    );
    expect(sheets.length).toBeGreaterThan(0);
    for (const sheet of sheets) {
      expect(sheet.selectors).toHaveLength(3);
      for (const selector of sheet.selectors)
        expect(selector).toMatch(/^\.yRemoteSelection(Head)?-\d+(::after)?$/);
      expect(sheet.text).not.toMatch(/<|body\s*\{|display:\s*none/);
    }
  }

  for (const [who, page] of [
    ['interviewer', interviewer],
    ['candidate', candidate],
  ] as const) {
    await expect(page.locator('body'), who).toBeVisible();
    await expect(page.locator('body'), who).not.toHaveCSS('display', 'none');
    await expect(page.locator('img[src="x"]'), who).toHaveCount(0);
    await expect(page.locator('script:not([src])'), who).toHaveCount(0);
    expect(watched[who].dialogs, `${who}: dialogs`).toEqual([]);
    expect(watched[who].strayRequests, `${who}: requests off the app`).toEqual([]);
    expect(watched[who].cspViolations, `${who}: CSP violations`).toEqual([]);
  }
});

test('the Content Security Policy forbids inline script', async ({ request }) => {
  const res = await request.get('/');
  const csp = res.headers()['content-security-policy'] ?? '';
  const scriptSrc = /(?:^|;)\s*script-src\s+([^;]*)/.exec(csp)?.[1] ?? '';
  expect(scriptSrc).toContain("'self'");
  expect(scriptSrc).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|data:|https?:/);
  expect(csp).toMatch(/(?:^|;)\s*script-src-attr 'none'/);
});
