/// <reference lib="webworker" />
import type { PyodideAPI } from 'pyodide';
import type { FromWorker, ToWorker } from './messages.ts';
import { PythonRunner } from './runner.ts';

/**
 * The Python worker: loads Pyodide from our own server (`/pyodide/`, never a CDN) when the page
 * asks, then runs one program at a time. The page kills this worker to stop a program.
 */
declare const self: DedicatedWorkerGlobalScope;

let runner: Promise<PythonRunner> | null = null;
const post = (message: FromWorker): void => self.postMessage(message);

async function load(indexURL: string): Promise<PythonRunner> {
  const started = performance.now();
  // Not bundled: the runtime is served as files next to its .wasm and stdlib.
  const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as {
    loadPyodide: (options: { indexURL: string; packageBaseUrl?: string }) => Promise<PyodideAPI>;
  };
  const pyodide = await module.loadPyodide({ indexURL, packageBaseUrl: indexURL });
  const created = await PythonRunner.create(pyodide);
  post({ type: 'ready', loadMs: Math.round(performance.now() - started) });
  return created;
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'load':
      runner ??= load(message.indexURL);
      runner.catch((error: unknown) => {
        post({ type: 'load-failed', message: error instanceof Error ? error.message : String(error) });
      });
      return;
    case 'run':
    case 'checks':
      void execute(message);
      return;
  }
};

async function execute(message: Extract<ToWorker, { type: 'run' | 'checks' }>): Promise<void> {
  if (!runner) throw new Error('run before load');
  const ready = await runner;
  const { id } = message;
  const options = {
    timeLimitMs: message.timeLimitMs,
    onStart: (codeHash: string) => post({ type: 'started', id, codeHash }),
    onOutput: (stream: 'stdout' | 'stderr', text: string) => post({ type: 'output', id, stream, text }),
  };
  if (message.type === 'run') {
    const outcome = await ready.run(message.code, options);
    post({ type: 'run-done', id, outcome, exhausted: ready.exhausted });
  } else {
    const outcome = await ready.runChecks(message.code, message.checks, { timeLimitMs: message.timeLimitMs });
    post({ type: 'checks-done', id, outcome, exhausted: ready.exhausted });
  }
}
