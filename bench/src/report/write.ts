import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchResults } from '../results.ts';

export async function writeResults(results: BenchResults, outDir: string): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const file = path.join(outDir, 'latest.json');
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return [file];
}
