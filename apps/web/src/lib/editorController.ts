import type { CandidateQuestion } from '@interview-room/protocol';
import { MonacoBinding } from 'y-monaco';
import * as Y from 'yjs';
import type { CodeSync } from './codeSync.ts';
import { monaco } from './monacoSetup.ts';
import { RemoteCursorStyles } from './remoteCursorStyles.ts';

type Editor = monaco.editor.IStandaloneCodeEditor;

interface QuestionModel {
  model: monaco.editor.ITextModel;
  binding: MonacoBinding;
  /**
   * Cursor and scroll position, restored when the question comes back. (Not `saveViewState`: its
   * restore makes the folding contribution reject a cancelled promise that nobody handles.)
   */
  view: { selections: monaco.Selection[] | null; scrollTop: number; scrollLeft: number } | null;
}

const READ_ONLY_MESSAGE = 'The interview has ended: the code can no longer be changed.';
let instanceSeq = 0;

/** Remote cursors are decorations on a model; drop them when the model leaves the editor. */
function clearRemoteDecorations(model: monaco.editor.ITextModel): void {
  const ids = model
    .getAllDecorations()
    .filter((d) => d.options.className?.startsWith('yRemoteSelection'))
    .map((d) => d.id);
  if (ids.length > 0) model.deltaDecorations(ids, []);
}

/**
 * Shows one question's shared code at a time in a Monaco editor. Each question gets its own model
 * and exactly one y-monaco binding, created on first show and kept (with its undo stack) until the
 * editor goes away; switching questions swaps models rather than rebinding.
 */
export class CodeEditorController {
  private readonly models = new Map<string, QuestionModel>();
  private readonly cursorStyles: RemoteCursorStyles;
  private readonly uriPrefix = `inmemory://interview-room/${++instanceSeq}/`;
  private currentId: string | null = null;
  private destroyed = false;

  constructor(
    private readonly editor: Editor,
    private readonly code: CodeSync,
  ) {
    this.cursorStyles = new RemoteCursorStyles(code.awareness);
    // The wrapper mounts with a throwaway model of its own; every question gets a model below.
    const initial = editor.getModel();
    editor.setModel(null);
    initial?.dispose();
    editor.onDidDispose(() => this.destroy());
  }

  show(question: Pick<CandidateQuestion, 'id' | 'language'> | null): void {
    if (this.destroyed || question?.id === this.currentId) return;
    const previous = this.currentId ? this.models.get(this.currentId) : undefined;
    if (previous) {
      previous.view = {
        selections: this.editor.getSelections(),
        scrollTop: this.editor.getScrollTop(),
        scrollLeft: this.editor.getScrollLeft(),
      };
      clearRemoteDecorations(previous.model);
    }
    this.currentId = question?.id ?? null;
    if (!question) {
      this.editor.setModel(null);
      this.code.awareness.setLocalStateField('selection', null);
      return;
    }
    const entry = this.models.get(question.id) ?? this.create(question);
    this.editor.setModel(entry.model);
    if (entry.view) {
      if (entry.view.selections) this.editor.setSelections(entry.view.selections);
      this.editor.setScrollPosition({ scrollTop: entry.view.scrollTop, scrollLeft: entry.view.scrollLeft });
    }
    entry.binding._rerenderDecorations();
    this.publishSelection(question.id, entry.model);
  }

  setReadOnly(readOnly: boolean): void {
    if (this.destroyed) return;
    this.editor.updateOptions({ readOnly, readOnlyMessage: { value: READ_ONLY_MESSAGE } });
  }

  focus(): void {
    if (!this.destroyed) this.editor.focus();
  }

  /** Puts the cursor on a line of the shown question (a traceback link) and scrolls to it. */
  revealLine(line: number): void {
    const model = this.editor.getModel();
    if (this.destroyed || !model) return;
    const lineNumber = Math.min(Math.max(1, line), model.getLineCount());
    this.editor.setSelection(
      new monaco.Selection(lineNumber, 1, lineNumber, model.getLineMaxColumn(lineNumber)),
    );
    this.editor.revealLineInCenterIfOutsideViewport(lineNumber);
    this.editor.focus();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.cursorStyles.destroy();
    for (const { binding, model } of this.models.values()) {
      binding.destroy();
      model.dispose();
    }
    this.models.clear();
  }

  /**
   * y-monaco shares the cursor only when it moves; after a model swap it has not moved, so share it
   * now or the others keep seeing it in the previous question.
   */
  private publishSelection(questionId: string, model: monaco.editor.ITextModel): void {
    const selection = this.editor.getSelection();
    if (!selection) return;
    const ytext = this.code.text(questionId);
    let anchor = model.getOffsetAt(selection.getStartPosition());
    let head = model.getOffsetAt(selection.getEndPosition());
    if (selection.getDirection() === monaco.SelectionDirection.RTL) [anchor, head] = [head, anchor];
    this.code.awareness.setLocalStateField('selection', {
      anchor: Y.createRelativePositionFromTypeIndex(ytext, anchor),
      head: Y.createRelativePositionFromTypeIndex(ytext, head),
    });
  }

  private create(question: Pick<CandidateQuestion, 'id' | 'language'>): QuestionModel {
    const uri = monaco.Uri.parse(`${this.uriPrefix}${encodeURIComponent(question.id)}.py`);
    const model = monaco.editor.createModel('', question.language, uri);
    model.updateOptions({ tabSize: 4, insertSpaces: true });
    const binding = new MonacoBinding(
      this.code.text(question.id),
      model,
      new Set([this.editor]),
      this.code.awareness,
    );
    const entry: QuestionModel = { model, binding, view: null };
    this.models.set(question.id, entry);
    return entry;
  }
}
