import { createReadStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Serves the Pyodide runtime from our own origin at /pyodide/: copied into the build
 * (dist/pyodide, served by the server with the rest of the web app) and served by the dev server.
 * Only what a stdlib-only run needs; Pyodide's default package CDN is replaced by /pyodide/, so
 * nothing is ever fetched from elsewhere (the app works with no network).
 */
const FILES = [
  'pyodide.mjs',
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];
const URL_PREFIX = '/pyodide/';
const CDN_DEFAULT = /https:\/\/cdn\.jsdelivr\.net\/pyodide\/v\$\{[A-Za-z_$][\w$]*\}\/full\//g;

/** An absolute http(s) address under a `pyodide` path: where Pyodide would fetch itself from. */
const REMOTE_PYODIDE = /https?:\/\/[^\s'"`]*pyodide/;

const packageDir = (): string => path.dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));

async function contents(file: string): Promise<Buffer> {
  const bytes = await readFile(path.join(packageDir(), file));
  if (!file.endsWith('.mjs')) return bytes;
  const text = bytes
    .toString('utf8')
    .replace(CDN_DEFAULT, URL_PREFIX)
    .replace(/\n\/\/# sourceMappingURL=.*$/m, '');
  // Any remote address of Pyodide's own files left after the rewrite would be fetched at run time.
  if (REMOTE_PYODIDE.test(text))
    throw new Error(`pyodide: ${file} still loads Pyodide from a remote host; update pyodideAssets.ts`);
  return Buffer.from(text);
}

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

export function pyodideAssets(): Plugin {
  let outDir = 'dist';
  return {
    name: 'interview-room:pyodide-assets',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(URL_PREFIX, (req, res, next) => {
        const file = (req.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '';
        if (!FILES.includes(file)) return next();
        res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
        if (file.endsWith('.mjs')) contents(file).then((b) => res.end(b), next);
        else createReadStream(path.join(packageDir(), file)).pipe(res);
      });
    },
    async writeBundle() {
      const target = path.join(outDir, 'pyodide');
      await mkdir(target, { recursive: true });
      for (const file of FILES) await writeFile(path.join(target, file), await contents(file));
    },
  };
}
