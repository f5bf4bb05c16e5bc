import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../results.ts';
import { p99Chart } from './chart.ts';
import { toMarkdown } from './markdown.ts';

/** A file name safe on any disk: the date and the host. */
const stem = (results: BenchResults) =>
  `${results.startedAt.slice(0, 10)}-${results.machine.host.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

/**
 * `<date>-<host>.{json,md,svg}` for the record, and `latest.*` for whoever reads the newest run.
 * The Markdown links the chart by a relative name, so each pair stays together.
 */
export async function writeResults(results: BenchResults, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const name of [stem(results), 'latest']) {
    const chart = `${name}-p99.svg`;
    const files: [string, string][] = [
      [`${name}.json`, `${JSON.stringify(results, null, 2)}\n`],
      [chart, p99Chart(results.scenarios, `Keystroke → other client, p99 (${results.machine.host})`)],
      [`${name}.md`, toMarkdown(results, chart)],
    ];
    for (const [file, content] of files) {
      const target = path.join(outDir, file);
      await writeFile(target, content);
      written.push(target);
    }
  }
  return written;
}
