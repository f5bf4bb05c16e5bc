import { defaultBank } from '@interview-room/questions';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { editorLines, editorText, newActors, parseRoomLink } from './fixtures.ts';
import { recordWire } from './wire.ts';

/** A room with these questions, made through the API (the UI path is covered by interview.spec). */
async function createRoom(request: APIRequestContext, questionIds: string[]) {
  const res = await request.post('/api/rooms', {
    data: {
      title: 'Run screen',
      candidateName: 'Ada Lovelace',
      interviewerName: 'Grace Hopper',
      questionIds,
    },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { interviewer: { url: string }; candidate: { url: string } };
}

/** Replaces the whole buffer with `code`, pasted as one edit (typing would auto-indent and auto-close). */
async function setCode(page: Page, code: string): Promise<void> {
  await editorLines(page).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // A string (the tests compile without DOM types): a paste event the way Monaco reads one.
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(code)});
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

const consoleOf = (page: Page) => page.getByRole('region', { name: 'Output console' });
const outputOf = (page: Page) => page.getByRole('log', { name: 'Program output' });
const statusOf = (page: Page) => page.getByTestId('run-status');

test('the candidate runs Python; both pages see the output, a traceback, Stop and the time limit', async ({
  browser,
  request,
}) => {
  test.setTimeout(420_000);
  const room = await createRoom(request, ['python-decorators', 'python-gil']);
  const { interviewer, candidate } = await newActors(browser);
  const pyodideRequests: string[] = [];
  candidate.on('request', (req) => {
    if (req.url().includes('/pyodide/')) pyodideRequests.push(req.url());
  });
  await interviewer.goto(room.interviewer.url);
  await candidate.goto(room.candidate.url);
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(candidate.getByRole('region', { name: 'Question' })).toContainText('Decorators');
  await expect(consoleOf(candidate)).toContainText('standard library only');
  // The first paint loads no Python.
  expect(pyodideRequests).toEqual([]);

  // 1. A program that prints on both streams, run with Ctrl+Enter from the editor.
  await setCode(
    candidate,
    'import sys\nprint("hello from", "the candidate")\nprint("a warning", file=sys.stderr)\n',
  );
  await expect.poll(() => editorText(interviewer)).toContain('the candidate');
  await candidate.keyboard.press('Control+Enter');
  for (const page of [candidate, interviewer]) {
    await expect(outputOf(page)).toContainText('hello from the candidate', { timeout: 120_000 });
    await expect(outputOf(page)).toContainText('a warning');
    await expect(statusOf(page)).toContainText('Exited 0');
    await expect(consoleOf(page)).toContainText('Run by Ada Lovelace (candidate)');
  }
  expect(pyodideRequests.some((url) => url.endsWith('/pyodide/pyodide.asm.wasm'))).toBe(true);
  expect(pyodideRequests.every((url) => url.startsWith(new URL(room.candidate.url).origin))).toBe(true);

  // 2. A syntax error: a traceback on both pages, its line a link to the editor line.
  await setCode(candidate, 'x = 1\ndef broken(:\n    pass\n');
  await candidate.getByRole('button', { name: /^Run(?! checks)/ }).click();
  for (const page of [candidate, interviewer]) {
    await expect(outputOf(page)).toContainText('SyntaxError');
    await expect(statusOf(page)).toContainText('Exited 1');
    await expect(page.getByRole('button', { name: 'File "solution.py", line 2' })).toBeVisible();
  }
  await interviewer.getByRole('button', { name: 'File "solution.py", line 2' }).click();
  await expect(interviewer.locator('.monaco-editor .current-line').first()).toBeVisible();

  // 3. An infinite loop, stopped with Stop: both pages stay responsive.
  await setCode(candidate, 'print("looping")\nwhile True:\n    pass\n');
  await candidate.getByRole('button', { name: /^Run(?! checks)/ }).click();
  for (const page of [candidate, interviewer]) await expect(statusOf(page)).toContainText('Running');
  await expect(outputOf(interviewer)).toContainText('looping');
  await interviewer.getByLabel('Notes').fill('typed while the loop runs');
  await expect(interviewer.getByLabel('Notes')).toHaveValue('typed while the loop runs');
  await candidate.getByRole('button', { name: 'Stop' }).click();
  for (const page of [candidate, interviewer]) {
    await expect(statusOf(page)).toContainText('Stopped');
    await expect(outputOf(page)).toContainText('Stopped by Ada Lovelace');
  }

  // 4. The same loop hits the time limit (10 s by default) on its own.
  await setCode(candidate, 'n = 0\nwhile True:\n    n += 1\n');
  await candidate.getByRole('button', { name: /^Run(?! checks)/ }).click();
  for (const page of [candidate, interviewer])
    await expect(statusOf(page)).toContainText('Running', { timeout: 120_000 });
  const started = Date.now();
  for (const page of [candidate, interviewer]) {
    // After Stop the page loads a fresh Python first (slow on a busy CI machine), then 10 s run.
    await expect(statusOf(page)).toContainText('Time limit (10 s)', { timeout: 120_000 });
    await expect(outputOf(page)).toContainText('Time limit exceeded');
  }
  expect(Date.now() - started).toBeGreaterThanOrEqual(8_000);
  // The candidate's page was responsive all along, and Python still works after the limit.
  await setCode(candidate, 'print(6 * 7)\n');
  await candidate.getByRole('button', { name: /^Run(?! checks)/ }).click();
  for (const page of [candidate, interviewer])
    await expect(statusOf(page)).toContainText('Exited 0', { timeout: 120_000 });
  await expect(outputOf(interviewer)).toContainText('42');

  // 5. Every run is on the timeline and in the export, per question.
  const link = parseRoomLink(room.interviewer.url);
  const res = await request.get(`/api/rooms/${link.roomId}/export?format=json`, {
    headers: { Authorization: `Bearer ${link.token}` },
  });
  const report = (await res.json()) as {
    questions: { id: string; runs: { status: string; by: string; codeHash: string; output: string }[] }[];
    timeline: { type: string; detail: string }[];
  };
  const runs = report.questions[0]?.runs ?? [];
  expect(runs.map((r) => r.status)).toEqual(['ok', 'error', 'stopped', 'timeout', 'ok']);
  expect(runs[0]?.by).toBe('Ada Lovelace');
  expect(runs[0]?.output).toContain('hello from the candidate');
  expect(runs[0]?.codeHash).toMatch(/^[0-9a-f]{64}$/);
  expect(report.timeline.filter((e) => e.type === 'code-run')).toHaveLength(5);
  const markdown = await (
    await request.get(`/api/rooms/${link.roomId}/export?format=md`, {
      headers: { Authorization: `Bearer ${link.token}` },
    })
  ).text();
  expect(markdown).toContain('### Runs');
  expect(markdown).toContain('stopped at the time limit');

  // 6. After the end, Run is disabled on both pages.
  await interviewer.getByRole('button', { name: 'End interview' }).click();
  await interviewer.getByRole('button', { name: 'Confirm end' }).click();
  for (const page of [candidate, interviewer]) {
    await expect(page.getByText('This interview has ended')).toBeVisible();
    await expect(page.getByRole('button', { name: /^Run(?! checks)/ })).toBeDisabled();
  }
  await candidate.screenshot({ path: '/tmp/shots/run-candidate-ended.png' });
});

test('hidden checks run on the interviewer page; the candidate gets counts, then names once revealed', async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const question = defaultBank.get('python-decorators');
  const checks = question?.rubric.hiddenChecks ?? [];
  expect(checks.length).toBeGreaterThan(2);
  const room = await createRoom(request, ['python-decorators']);
  const { interviewer, candidate } = await newActors(browser);
  const wire = recordWire(candidate);
  await interviewer.goto(room.interviewer.url);
  await candidate.goto(room.candidate.url);
  await interviewer.getByRole('button', { name: 'Next question' }).click();
  await expect(candidate.getByRole('region', { name: 'Question' })).toContainText('Decorators');
  await expect(candidate.getByRole('region', { name: 'Hidden checks' })).toHaveCount(0);

  // Against the starter code: most checks fail.
  const panel = interviewer.getByRole('region', { name: 'Hidden checks' });
  await panel.getByRole('button', { name: 'Run checks' }).click();
  await expect(panel).toContainText('2/5 passed', { timeout: 120_000 });
  await expect(
    panel.getByRole('listitem').filter({ hasText: 'timed keeps the name and docstring' }),
  ).toContainText('passed');
  await expect(
    panel.getByRole('listitem').filter({ hasText: 'retry succeeds on the last allowed attempt' }),
  ).toContainText('failed');
  await expect(candidate.getByTestId('checks-summary')).toHaveText('Grace Hopper ran 5 hidden checks');

  // The candidate writes working decorators: every check passes.
  await setCode(
    candidate,
    [
      'import functools, time',
      '',
      'def timed(func):',
      '    @functools.wraps(func)',
      '    def wrapper(*args, **kwargs):',
      '        start = time.perf_counter()',
      '        try:',
      '            return func(*args, **kwargs)',
      '        finally:',
      '            print(f"{func.__name__} took {time.perf_counter() - start:.3f}s")',
      '    return wrapper',
      '',
      'def retry(times=3, exceptions=(Exception,)):',
      '    def decorate(func):',
      '        @functools.wraps(func)',
      '        def wrapper(*args, **kwargs):',
      '            for attempt in range(times):',
      '                try:',
      '                    return func(*args, **kwargs)',
      '                except exceptions:',
      '                    if attempt == times - 1:',
      '                        raise',
      '        return wrapper',
      '    return decorate',
      '',
      '@timed',
      'def slow_sum(n):',
      '    return sum(range(n))',
      '',
    ].join('\n'),
  );
  await expect.poll(() => editorText(interviewer)).toContain('def decorate');
  await panel.getByRole('button', { name: 'Run checks' }).click();
  await expect(panel).toContainText('5/5 passed');
  await expect(candidate.getByTestId('checks-summary')).toHaveText('Grace Hopper ran 5 hidden checks');

  // Before the reveal nothing of the checks reached the candidate: neither code nor names.
  await wire.settle();
  expect(wire.find(checks.flatMap((c) => [c.code, c.name]))).toEqual([]);

  await panel.getByRole('button', { name: 'Reveal results' }).click();
  await expect(panel.getByRole('button', { name: 'Revealed to candidate' })).toBeDisabled();
  const revealed = candidate.getByRole('region', { name: 'Hidden checks' });
  await expect(revealed).toContainText('5/5 passed');
  await expect(revealed).toContainText('retry gives up and re-raises after the last attempt');
  await candidate.screenshot({ path: '/tmp/shots/checks-candidate.png' });
  await interviewer.screenshot({ path: '/tmp/shots/checks-interviewer.png' });
  // Names now, never the code.
  await wire.settle();
  expect(wire.find(checks.map((c) => c.code))).toEqual([]);
  // The export records that checks ran.
  const link = parseRoomLink(room.interviewer.url);
  const report = await (
    await request.get(`/api/rooms/${link.roomId}/export?format=json`, {
      headers: { Authorization: `Bearer ${link.token}` },
    })
  ).json();
  expect(JSON.stringify(report)).toContain(
    'ran the hidden checks of Decorators, class decorators and metaclasses: 5/5 passed',
  );
});
