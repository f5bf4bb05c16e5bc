import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * HOOK for the cold-load section (owned by the bundle work, not by this file): when
 * `bench/coldLoad.ts` exists and exports `measureColdLoad()`, its result goes into the results as
 * it is (the report shows its `markdown` field if it has one, else its JSON). Without the module,
 * `bench/results/coldLoad.json` is used if present. Null when neither exists.
 */
const MODULE = fileURLToPath(new URL('../../coldLoad.ts', import.meta.url));
const JSON_FILE = fileURLToPath(new URL('../../results/coldLoad.json', import.meta.url));

export async function coldLoad(log: (line: string) => void): Promise<unknown> {
  if (existsSync(MODULE)) {
    const loaded: unknown = await import(pathToFileURL(MODULE).href);
    const measure = (loaded as { measureColdLoad?: unknown }).measureColdLoad;
    if (typeof measure === 'function') {
      log('probe: cold load (bench/coldLoad.ts)');
      return (await (measure as () => unknown)()) ?? null;
    }
  }
  if (existsSync(JSON_FILE)) return JSON.parse(await readFile(JSON_FILE, 'utf8')) as unknown;
  return null;
}
