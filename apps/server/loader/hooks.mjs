// Module hooks (run on Node's loader thread): strip the types from our own `.ts` files, one file at
// a time. Imports name their `.ts` files, so Node's own resolution finds them unchanged.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

/** @param {string} url */
const isOwnTypeScript = (url) =>
  url.startsWith('file:') && url.endsWith('.ts') && !url.includes('/node_modules/');

/** @type {import('node:module').LoadHook} */
export async function load(url, context, nextLoad) {
  if (!isOwnTypeScript(url)) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const { code } = await transform(await readFile(file, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    // Stack traces need the mappings only; the source is on disk.
    sourcesContent: false,
    sourcefile: file,
    tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
  });
  return { format: 'module', source: code, shortCircuit: true };
}
