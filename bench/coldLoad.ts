/**
 * Cold-load cost of the web app, read from a production build (`apps/web/dist`): the JS and CSS a
 * browser must fetch before each page is usable, raw and gzip-compressed.
 *
 * The list follows Vite's module graph (`dist/.vite/manifest.json`, `build.manifest` in
 * vite.config.ts), not file names: a page needs its entry chunk, every chunk that chunk imports
 * statically (transitively) and their CSS; the room page also needs the lazy `RoomPage` chunk (the
 * route's dynamic import) and its static imports. Workers and other dynamic imports load on demand
 * and are listed apart: Pyodide's on Run, Monaco's editor worker only for features the room does not
 * bundle (with all of Monaco's features it started as soon as a model was shown).
 * `tests/e2e/coldLoad.spec.ts` checks this list against what Chromium fetches before the candidate
 * can type, so a change that makes something else load early fails there.
 *
 * Run as a script (`pnpm --filter @interview-room/server exec tsx ../../bench/coldLoad.ts [distDir]`)
 * it prints a table and writes bench/results/coldLoad.json. Node built-ins only.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue 6's budgets: gzip bytes (level 9) of the JS and CSS each page needs before it is usable. */
export const GZIP_BUDGET = { room: 800_000, landing: 250_000 } as const;

/** The best gzip can do (what a precompressed `gzip_static` deployment serves); nginx defaults to 1. */
export const GZIP_LEVEL = 9;

/** The room route's lazy chunk: the manifest key of `App.tsx`'s `import('./pages/RoomPage.tsx')`. */
const ROOM_ROUTE = 'src/pages/RoomPage.tsx';
/**
 * Dynamic imports of the room page that load before the editor is usable anyway: the Python
 * tokenizer, when it comes through Monaco's `python.contribution.js` (monacoSetup.ts now imports it
 * statically; kept so older builds measure right).
 */
const NEEDED_DYNAMIC = /monaco-editor\/esm\/vs\/basic-languages\/python\/python\.js$/;

/** The fields of a Vite manifest entry this reads. */
interface ManifestChunk {
  file: string;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

export interface FileCost {
  /** Path under the dist directory, as served (`assets/…`). */
  file: string;
  raw: number;
  gzip: number;
}

export interface PageCost {
  /** JS and CSS fetched before the page is usable, in graph order. */
  files: FileCost[];
  total: { raw: number; gzip: number };
}

export interface ColdLoad {
  gzipLevel: number;
  /** The create page (`/`): what index.html loads. */
  landing: PageCost;
  /** A room link (`/room/<id>`), candidate or interviewer: landing plus the room route. */
  room: PageCost;
  /** Built JS and CSS neither page needs before it is usable (loaded on demand, e.g. Pyodide's worker). */
  lazy: FileCost[];
}

function chunk(manifest: Manifest, key: string): ManifestChunk {
  const found = manifest[key];
  if (!found) throw new Error(`coldLoad: the manifest has no entry '${key}'`);
  return found;
}

/** A chunk's file, its CSS and everything it imports statically, depth first, each file once. */
function staticClosure(manifest: Manifest, key: string, into: Set<string>, seen = new Set<string>()): void {
  if (seen.has(key)) return;
  seen.add(key);
  const entry = chunk(manifest, key);
  for (const imported of entry.imports ?? []) staticClosure(manifest, imported, into, seen);
  into.add(entry.file);
  for (const css of entry.css ?? []) into.add(css);
}

/** Files index.html references directly (scripts, stylesheets, modulepreloads). */
function htmlReferences(html: string): string[] {
  const refs = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\/?([^"]+\.(?:js|css))"/g)];
  return refs.map((match) => match[1] ?? '');
}

async function cost(distDir: string, file: string): Promise<FileCost> {
  const bytes = await readFile(path.join(distDir, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: GZIP_LEVEL }).length };
}

async function pageCost(distDir: string, files: Iterable<string>): Promise<PageCost> {
  const costs = await Promise.all([...files].map((file) => cost(distDir, file)));
  const total = costs.reduce((sum, c) => ({ raw: sum.raw + c.raw, gzip: sum.gzip + c.gzip }), {
    raw: 0,
    gzip: 0,
  });
  return { files: costs, total };
}

async function builtScriptsAndStyles(distDir: string): Promise<string[]> {
  const entries = await readdir(path.join(distDir, 'assets'));
  return entries.filter((name) => /\.(js|css)$/.test(name)).map((name) => `assets/${name}`);
}

export async function measureColdLoad(distDir: string): Promise<ColdLoad> {
  const manifest = JSON.parse(await readFile(path.join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest;
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');

  const landing = new Set<string>();
  staticClosure(manifest, 'index.html', landing);
  // The manifest is the graph; index.html is what the browser reads. They must agree.
  for (const ref of htmlReferences(html))
    if (!landing.has(ref))
      throw new Error(`coldLoad: index.html loads ${ref}, missing from the manifest graph`);

  const room = new Set(landing);
  const roomChunk = chunk(manifest, ROOM_ROUTE);
  staticClosure(manifest, ROOM_ROUTE, room);
  for (const key of roomChunk.dynamicImports ?? [])
    if (NEEDED_DYNAMIC.test(key)) staticClosure(manifest, key, room);

  const lazy = (await builtScriptsAndStyles(distDir)).filter((file) => !room.has(file)).sort();
  return {
    gzipLevel: GZIP_LEVEL,
    landing: await pageCost(distDir, landing),
    room: await pageCost(distDir, room),
    lazy: (await pageCost(distDir, lazy)).files,
  };
}

const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

export function formatTable(result: ColdLoad): string {
  const width = Math.max(
    ...[result.room, { files: result.lazy }].flatMap((p) => p.files.map((f) => f.file.length)),
  );
  const row = (name: string, raw: number, gzip: number) =>
    `  ${name.padEnd(width)}  ${kb(raw).padStart(10)}  ${kb(gzip).padStart(10)}`;
  const lines = [
    `${''.padEnd(width + 2)}  ${'raw'.padStart(10)}  ${`gzip -${result.gzipLevel}`.padStart(10)}`,
  ];
  for (const [title, page] of [
    ['landing (/)', result.landing],
    ['room (/room/<id>)', result.room],
  ] as const) {
    lines.push(title);
    for (const file of page.files) lines.push(row(file.file, file.raw, file.gzip));
    lines.push(row('total', page.total.raw, page.total.gzip));
  }
  lines.push('lazy (not counted)');
  for (const file of result.lazy) lines.push(row(file.file, file.raw, file.gzip));
  return lines.join('\n');
}

async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const distDir = path.resolve(process.argv[2] ?? path.join(here, '../apps/web/dist'));
  const result = await measureColdLoad(distDir);
  console.log(formatTable(result));
  const out = path.join(here, 'results/coldLoad.json');
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`\nwritten to ${path.relative(process.cwd(), out)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
