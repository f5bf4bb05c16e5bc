import { expect, type Page, test } from '@playwright/test';
import { createInterviewViaUi, editorLines, editorText, newActors } from './fixtures.ts';

/** The page's globals and elements, inside `evaluate` (this project compiles without the DOM lib). */
declare function getComputedStyle(element: unknown): { color: string };
interface LineElement {
  style: { top: string };
  textContent: string | null;
}

/** The lines in view, top to bottom (Monaco reuses line elements, so DOM order is not line order). */
function linesInView(page: Page): Promise<string[]> {
  return editorLines(page)
    .locator('.view-line')
    .evaluateAll((lines) =>
      (lines as unknown as LineElement[])
        .map((line) => ({
          top: Number.parseFloat(line.style.top),
          text: (line.textContent ?? '').replace(/\u00a0/g, ' '),
        }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text),
    );
}

// The build keeps only part of Monaco (apps/web/src/lib/monacoSetup.ts, apps/web/monacoTrim.ts):
// what an interview editor needs must still be there.
test('the candidate editor keeps Python highlighting and indentation, comments, find, folding and its menu', async ({
  browser,
}) => {
  const { interviewer, candidate } = await newActors(browser);
  const links = await createInterviewViaUi(interviewer, {
    title: 'Editor features',
    candidateName: 'Ada Lovelace',
    interviewerName: 'Grace Hopper',
  });
  await interviewer.goto(links.interviewerUrl);
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await candidate.goto(links.candidateUrl);
  await expect.poll(() => editorText(candidate)).toContain('def ');

  // The Python tokenizer colours keywords, strings, comments and names differently.
  const colours = (): Promise<number> =>
    editorLines(candidate)
      .locator('span[class^="mtk"]')
      .evaluateAll((spans) => new Set(spans.map((span) => getComputedStyle(span).color)).size);
  await expect.poll(colours).toBeGreaterThanOrEqual(4);

  // Python's language rules: Enter after a colon indents the next line.
  await editorLines(candidate).click();
  await candidate.keyboard.press('ControlOrMeta+Home');
  await candidate.keyboard.type('def probe():');
  await candidate.keyboard.press('Enter');
  await candidate.keyboard.type('return "marker"');
  await candidate.keyboard.press('Enter');
  await expect
    .poll(async () => (await linesInView(candidate)).slice(0, 2))
    .toEqual(['def probe():', '    return "marker"']);

  // Toggle line comment, with Python's comment token.
  await candidate.keyboard.press('ArrowUp');
  await candidate.keyboard.press('ControlOrMeta+Slash');
  await expect.poll(async () => (await linesInView(candidate))[1]).toBe('    # return "marker"');

  // Find widget, with its match count.
  await candidate.keyboard.press('ControlOrMeta+f');
  const find = candidate.locator('.find-widget.visible');
  await expect(find).toBeVisible();
  await candidate.keyboard.type('marker');
  await expect(find.locator('.matchesCount')).toHaveText(/^1 of 1$/);
  await candidate.keyboard.press('Escape');
  await expect(find).toHaveCount(0);

  // Folding: the `def` line gets a fold control, and folding hides its body.
  const foldControl = candidate.locator('.margin-view-overlays .codicon-folding-expanded').first();
  await editorLines(candidate).hover();
  await expect(foldControl).toBeVisible();
  await foldControl.click();
  await expect(candidate.locator('.margin-view-overlays .codicon-folding-collapsed').first()).toBeVisible();

  // The context menu, with clipboard actions.
  await editorLines(candidate).click({ button: 'right' });
  const menu = candidate.locator('.context-view .monaco-menu');
  await expect(menu).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /^Copy/ })).toBeVisible();
});
