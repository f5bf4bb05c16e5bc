// Monaco ships no types for its language modules; this is the shape monacoSetup.ts relies on.
declare module 'monaco-editor/esm/vs/basic-languages/python/python.js' {
  import type { languages } from 'monaco-editor/esm/vs/editor/editor.api.js';

  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
