import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { RUBRIC_NEEDLES } from './fixtures.ts';

const dist = fileURLToPath(new URL('../../apps/web/dist', import.meta.url));

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) =>
      entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    ),
  );
  return nested.flat();
}

test('the production web bundle carries no rubric text and names no CDN', async () => {
  const files = await filesUnder(dist);
  expect(files.some((file) => file.endsWith('.js'))).toBe(true);
  const leaks: string[] = [];
  for (const file of files) {
    const content = await readFile(file, 'utf8');
    for (const needle of RUBRIC_NEEDLES)
      if (content.includes(needle)) leaks.push(`${path.basename(file)}: ${needle}`);
    for (const cdn of ['cdn.jsdelivr', 'unpkg.com', 'cdnjs', 'fonts.googleapis']) {
      if (content.includes(cdn)) leaks.push(`${path.basename(file)}: ${cdn}`);
    }
  }
  expect(leaks).toEqual([]);
});
