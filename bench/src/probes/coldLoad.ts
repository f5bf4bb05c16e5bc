import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatTable, measureColdLoad } from '../../coldLoad.ts';

const DIST_DIR = fileURLToPath(new URL('../../../apps/web/dist', import.meta.url));

/**
 * The cold-load cost of the candidate's page and the landing page, read from the production
 * build (`bench/coldLoad.ts`); null without a build (`pnpm build`). The report shows `markdown`.
 */
export async function coldLoad(log: (line: string) => void): Promise<unknown> {
  if (!existsSync(`${DIST_DIR}/.vite/manifest.json`)) {
    log('probe: cold load skipped (no web build: run pnpm build)');
    return null;
  }
  log('probe: cold load (bench/coldLoad.ts)');
  const result = await measureColdLoad(DIST_DIR);
  return { ...result, markdown: formatTable(result) };
}
