/**
 * Bundles Monaco instead of letting @monaco-editor/react fetch it from a CDN: the app must work
 * with no network. Only the Python tokenizer and the editing features we use are loaded.
 */
import { loader } from '@monaco-editor/react';
// The tokenizer itself, not python.contribution.js: that one drags in every editor feature (see
// monacoTrim.ts) and would fetch this module lazily, after the editor first paints.
import {
  conf as pythonConf,
  language as pythonLanguage,
} from 'monaco-editor/esm/vs/basic-languages/python/python.js';
import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker?worker';
// Icons (find widget, folding arrows); the language modules used to pull this in.
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css';
// Editing features (the API entry alone has none of them).
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
import 'monaco-editor/esm/vs/editor/contrib/folding/browser/folding.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';

export const EDITOR_THEME = 'interview-light';

let configured = false;

/** Idempotent: call before the first editor mounts. */
export function setupMonaco(): typeof monaco {
  if (configured) return monaco;
  configured = true;
  self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
  monaco.languages.register({ id: 'python', extensions: ['.py'], aliases: ['Python', 'py'] });
  monaco.languages.setLanguageConfiguration('python', pythonConf);
  monaco.languages.setMonarchTokensProvider('python', pythonLanguage);
  monaco.editor.defineTheme(EDITOR_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editorLineNumber.foreground': '#9aa3b2',
      'editorLineNumber.activeForeground': '#3b4352',
      'editor.lineHighlightBackground': '#f4f6fb',
      'editorGutter.background': '#fafbfd',
    },
  });
  loader.config({ monaco });
  return monaco;
}

export { monaco };
