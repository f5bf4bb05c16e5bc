import type { CandidateQuestion } from '@interview-room/protocol';
import Editor from '@monaco-editor/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CodeSync, CodeSyncStatus } from '../lib/codeSync.ts';
import { describeCloseCode } from '../lib/codeSync.ts';
import { CodeEditorController } from '../lib/editorController.ts';
import type { monaco } from '../lib/monacoSetup.ts';
import { EDITOR_THEME, setupMonaco } from '../lib/monacoSetup.ts';

setupMonaco();

const OPTIONS: monaco.editor.IStandaloneEditorConstructionOptions = {
  ariaLabel: 'Code editor',
  fontSize: 13.5,
  lineHeight: 20,
  fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  padding: { top: 18, bottom: 12 },
  tabSize: 4,
  insertSpaces: true,
  renderWhitespace: 'selection',
  smoothScrolling: true,
  fixedOverflowWidgets: true,
  wordBasedSuggestions: 'off',
  quickSuggestions: false,
  occurrencesHighlight: 'singleFile',
  stickyScroll: { enabled: false },
  overviewRulerBorder: false,
  hideCursorInOverviewRuler: true,
};

interface Props {
  codeSync: CodeSync | null;
  status: CodeSyncStatus;
  question: Pick<CandidateQuestion, 'id' | 'language'> | null;
  readOnly: boolean;
  emptyTitle: string;
  emptyText: string;
  /** Receives the editor's controller once mounted (null when it goes), e.g. to jump to a line. */
  onController?: (controller: CodeEditorController | null) => void;
}

function syncLabel(status: CodeSyncStatus): string {
  switch (status.state) {
    case 'connecting':
      return status.retry ? 'Reconnecting…' : 'Connecting…';
    case 'connected':
      return status.synced ? 'Synced' : 'Syncing…';
    case 'disconnected':
      return 'Reconnecting…';
    case 'closed':
      return 'Not syncing';
  }
}

export function CodeEditor({
  codeSync,
  status,
  question,
  readOnly,
  emptyTitle,
  emptyText,
  onController,
}: Props) {
  const controller = useRef<CodeEditorController | null>(null);
  const [ready, setReady] = useState(false);

  const onMount = useCallback(
    (editor: monaco.editor.IStandaloneCodeEditor) => {
      if (!codeSync) return;
      controller.current = new CodeEditorController(editor, codeSync);
      onController?.(controller.current);
      editor.onDidDispose(() => {
        controller.current = null;
        onController?.(null);
        setReady(false);
      });
      setReady(true);
    },
    [codeSync, onController],
  );

  const questionId = question?.id ?? null;
  const language = question?.language ?? 'python';
  useEffect(() => {
    if (ready) controller.current?.show(questionId ? { id: questionId, language } : null);
  }, [ready, questionId, language]);
  useEffect(() => {
    if (ready) controller.current?.setReadOnly(readOnly);
  }, [ready, readOnly]);

  return (
    <section className="editor" aria-label="Shared code">
      <div className="editor__bar">
        <span className="editor__file">{questionId ? 'solution.py' : 'No question yet'}</span>
        <span className="editor__lang">Python</span>
        {readOnly && <span className="editor__badge">Read-only</span>}
        <span className="editor__spacer" />
        <span className={`editor__sync editor__sync--${status.state}`}>{syncLabel(status)}</span>
      </div>
      <div className="editor__surface">
        {codeSync && (
          <div className="editor__monaco">
            <Editor
              key={codeSync.doc.guid}
              theme={EDITOR_THEME}
              options={OPTIONS}
              keepCurrentModel
              loading={<p className="editor__loading">Loading editor…</p>}
              onMount={onMount}
            />
          </div>
        )}
        {!questionId && (
          <div className="editor__empty">
            <p className="empty-state__title">{emptyTitle}</p>
            <p className="empty-state__text">{emptyText}</p>
          </div>
        )}
        {status.state === 'closed' && (
          <div className="editor__empty editor__empty--error" role="alert">
            <p className="empty-state__title">Code sync stopped</p>
            <p className="empty-state__text">{describeCloseCode(status.code)}</p>
          </div>
        )}
      </div>
    </section>
  );
}
