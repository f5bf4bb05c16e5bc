/**
 * Stands in for `@monaco-editor/loader` (aliased in vite.config.ts). The real loader fetches Monaco
 * from a CDN unless configured, and ships that CDN URL in the bundle either way; this one only ever
 * hands out the Monaco instance given to `config({ monaco })` (see monacoSetup.ts), so the app
 * works with no network. It implements the part of the loader API @monaco-editor/react calls.
 */
import type * as MonacoApi from 'monaco-editor/esm/vs/editor/editor.api.js';

type Monaco = typeof MonacoApi;
type CancelablePromise<T> = Promise<T> & { cancel: () => void };

let instance: Monaco | null = null;

function config(params: { monaco?: Monaco }): void {
  if (params.monaco) instance = params.monaco;
}

function init(): CancelablePromise<Monaco> {
  const promise = (
    instance
      ? Promise.resolve(instance)
      : Promise.reject(
          new Error('Monaco is bundled: call loader.config({ monaco }) before rendering an editor'),
        )
  ) as CancelablePromise<Monaco>;
  // Resolution is immediate; there is nothing to cancel.
  promise.cancel = () => {};
  return promise;
}

function __getMonacoInstance(): Monaco | null {
  return instance;
}

const loader = { config, init, __getMonacoInstance };
export default loader;
