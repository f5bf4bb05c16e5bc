import type { Plugin } from 'vite';

/**
 * Keeps out of the production build the parts of Monaco the room never runs, so the candidate's
 * page loads less (budget in tests/e2e/coldLoad.spec.ts). monaco-editor is pinned (0.55.1); a
 * change in the shape of what is trimmed here fails the build instead of quietly shipping it again.
 * The dev server pre-bundles Monaco untouched (more code, same behaviour).
 */

const MONACO = '/monaco-editor/esm/vs/';

/**
 * Each basic language (`basic-languages/<lang>/<lang>.js`) starts with bare imports of every editor
 * feature (suggest, hover, inline completions, quick access, code lens, colour picker…), about
 * 3 MB of JS that a tokenizer never uses and that would void the feature list in monacoSetup.ts.
 */
const PYTHON_LANGUAGE = 'basic-languages/python/python.js';
const SIDE_EFFECT_IMPORT = /^import '[^']+';\n/gm;

const notBundled = (what: string): string =>
  `const notBundled = () => new Error('Monaco: ${what} is not in this build (apps/web/monacoTrim.ts)');\n`;
/** A class the API references but the room never constructs: constructing it throws. */
const throwingClass = (name: string): string =>
  `export class ${name} { constructor() { throw notBundled(); } }\n`;

/**
 * Modules the standalone API imports for features the room does not offer. Nothing here is created
 * while an editor starts; each stub throws if a feature that needs it is invoked.
 */
const STUBS: Record<string, string> = {
  // monaco.editor.createDiffEditor / createMultiFileDiffEditor.
  'editor/browser/widget/diffEditor/diffEditorWidget.js':
    notBundled('the diff editor') + throwingClass('DiffEditorWidget'),
  'editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js':
    notBundled('the multi-file diff editor') + throwingClass('MultiDiffEditorWidget'),
  // The command palette and pickers (e.g. "Change tab size"); StandaloneQuickInputService creates
  // it on first use only.
  'platform/quickinput/browser/quickInputService.js':
    notBundled('quick input') + throwingClass('QuickInputService'),
  // Workbench lists and trees, used by quick input only; the service itself must exist (eager).
  'platform/list/browser/listService.js': `${notBundled('workbench lists')}import { createDecorator } from '../../instantiation/common/instantiation.js';
export const IListService = createDecorator('listService');
export class ListService {
  get lastFocusedList() { return undefined; }
  register() { throw notBundled(); }
  dispose() {}
}
`,
  // "Paste as…" and paste/drop providers. clipboard.js only asks for this contribution, which is
  // registered by copyPasteContribution.js, which the room does not import: the answer is null.
  'editor/contrib/dropOrPasteInto/browser/copyPasteController.js': `export class CopyPasteController {
  static get() { return null; }
}
`,
  // The main-thread copy of the editor worker, used when a Worker cannot start. Nothing the room
  // bundles gives the worker work (formatting is the only caller, and there is no formatter); the
  // real worker (monacoSetup.ts) is not even started while the room loads or while typing.
  'editor/common/services/editorWebWorker.js':
    notBundled('the in-page editor worker fallback') + throwingClass('EditorWorker'),
  // WebGPU rendering, only with `experimentalGpuAcceleration: 'on'`.
  'editor/browser/gpu/viewGpuContext.js': notBundled('GPU rendering') + throwingClass('ViewGpuContext'),
  'editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js':
    notBundled('GPU rendering') + throwingClass('ViewLinesGpu'),
  'editor/browser/viewParts/rulersGpu/rulersGpu.js': notBundled('GPU rendering') + throwingClass('RulersGpu'),
  'editor/browser/viewParts/gpuMark/gpuMark.js':
    notBundled('GPU rendering') + throwingClass('GpuMarkOverlay'),
};

function monacoPath(id: string): string | null {
  const file = id.split('?')[0] ?? '';
  const at = file.lastIndexOf(MONACO);
  return at === -1 ? null : file.slice(at + MONACO.length);
}

export function monacoTrim(): Plugin {
  const stubbed = new Set<string>();
  return {
    name: 'interview-room:monaco-trim',
    apply: 'build',
    enforce: 'pre',
    buildStart() {
      stubbed.clear();
    },
    buildEnd(error) {
      // A stub never loaded means Monaco moved that module: the real one may be back in the build.
      const unused = Object.keys(STUBS).filter((file) => !stubbed.has(file));
      if (!error && unused.length > 0)
        throw new Error(`monacoTrim: never loaded ${unused.join(', ')}; review this plugin`);
    },
    load(id) {
      const file = monacoPath(id);
      const stub = file ? STUBS[file] : undefined;
      if (!file || stub === undefined) return null;
      stubbed.add(file);
      return { code: stub, map: null };
    },
    transform(code, id) {
      if (monacoPath(id) !== PYTHON_LANGUAGE) return null;
      const trimmed = code.replace(SIDE_EFFECT_IMPORT, '');
      if (trimmed === code || !/export \{ conf, language \}/.test(trimmed))
        throw new Error(`monacoTrim: ${id} no longer has the expected shape; review this plugin`);
      return { code: trimmed, map: null };
    },
  };
}
