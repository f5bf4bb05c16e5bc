import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

const gzipAsync = promisify(gzip);

/** Formats that shrink; zip and wheel files are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.wasm', '.map', '.ttf']);
/** Below this, the gzip header and a request's overhead outweigh the saving. */
const MIN_BYTES = 1024;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `<file>.gz` beside every compressible file of the build, at gzip's best level, so the
 * server sends 0.7 MB instead of 2.8 MB for the room page without compressing on each request
 * (apps/server/src/http/precompressed.ts). Runs last: Pyodide's files are copied in writeBundle.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'interview-room:precompress',
    apply: 'build',
    enforce: 'post',
    configResolved(config: ResolvedConfig) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      for await (const file of filesUnder(outDir)) {
        if (!COMPRESSIBLE.has(path.extname(file))) continue;
        if ((await stat(file)).size < MIN_BYTES) continue;
        const packed = await gzipAsync(await readFile(file), { level: constants.Z_BEST_COMPRESSION });
        await writeFile(`${file}.gz`, packed);
      }
    },
  };
}
