import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { monacoTrim } from './monacoTrim.ts';
import { precompress } from './precompress.ts';
import { pyodideAssets } from './pyodideAssets.ts';

const serverTarget = `http://127.0.0.1:${process.env.SERVER_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react(), monacoTrim(), pyodideAssets(), precompress()],
  resolve: {
    alias: [
      // The bare package's entry registers every language and worker. Anything importing it gets the
      // API-only entry instead, so only what monacoSetup.ts imports ships.
      { find: /^monaco-editor$/, replacement: 'monaco-editor/esm/vs/editor/editor.api.js' },
      // @monaco-editor/react's loader would fetch Monaco from a CDN (and bundles the CDN URL even when
      // configured): swap it for a local one that only serves the bundled instance.
      {
        find: /^@monaco-editor\/loader$/,
        replacement: fileURLToPath(new URL('./src/lib/monacoLoader.ts', import.meta.url)),
      },
    ],
  },
  server: {
    proxy: {
      '/api': { target: serverTarget },
      '/healthz': { target: serverTarget },
      '/socket.io': { target: serverTarget, ws: true },
      '/yjs': { target: serverTarget, ws: true },
    },
  },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    sourcemap: false,
    // dist/.vite/manifest.json: the chunk graph bench/coldLoad.ts walks.
    manifest: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Libraries in chunks of their own, so a change to the app's code leaves the browser's
          // cached copy of React (every page) and Monaco (the room) valid.
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: 'monaco',
              test: /[\\/]node_modules[\\/](monaco-editor|@monaco-editor[\\/]react|y-monaco)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
