import type { QuestionSummary } from '@interview-room/protocol';
import { useState } from 'react';
import type { PlanEditor as Editor } from '../hooks/usePlanEditor.ts';
import type { Preview } from '../hooks/useQuestionPreview.ts';
import type { SavedPlansApi, SavedPlansState } from '../hooks/useSavedPlans.ts';
import { toSavedItems } from '../lib/planEdit.ts';
import { BankBrowser } from './BankBrowser.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { QuestionPreview } from './QuestionPreview.tsx';
import { SavedPlanControls } from './SavedPlanControls.tsx';
import './workflow.css';

interface Props {
  editor: Editor;
  bank: readonly QuestionSummary[];
  bankError: string | null;
  onRetryBank: () => void;
  previewId: string | null;
  preview: Preview;
  onPreview: (questionId: string) => void;
  onRetryPreview: () => void;
  savedPlans: SavedPlansState;
  savedPlansApi: SavedPlansApi;
}

/** Browse and search the banks, preview a question with its rubric, and arrange the plan. */
export function PlanBuilder(props: Props) {
  const { editor, bank, previewId } = props;
  const [announcement, setAnnouncement] = useState('');
  const planned = new Set(editor.rows.map((row) => row.questionId));
  const add = (question: QuestionSummary) => {
    editor.add(question);
    setAnnouncement(`Added “${question.title}” to the plan.`);
  };
  const previewed = props.preview.state === 'ready' ? props.preview.question : null;
  return (
    <div className="builder">
      <div className="builder__column">
        {props.bankError ? (
          <div className="inline-error" role="alert">
            <span>Could not load the question bank: {props.bankError}</span>
            <button type="button" className="button button--small" onClick={props.onRetryBank}>
              Retry
            </button>
          </div>
        ) : (
          <BankBrowser
            questions={bank}
            planned={planned}
            previewId={previewId}
            disabled={editor.closed}
            onPreview={props.onPreview}
            onAdd={add}
          />
        )}
      </div>
      <div className="builder__column builder__column--preview">
        <QuestionPreview
          preview={props.preview}
          inPlan={previewed !== null && planned.has(previewed.id)}
          disabled={editor.closed}
          onAdd={() => {
            const summary = bank.find((q) => q.id === previewed?.id);
            if (summary) add(summary);
          }}
          onRetry={props.onRetryPreview}
        />
      </div>
      <div className="builder__column">
        <PlanEditor editor={editor} previewId={previewId} onPreview={props.onPreview} />
        <SavedPlanControls
          plans={props.savedPlans}
          api={props.savedPlansApi}
          items={toSavedItems(editor.rows)}
          adHocLeftOut={editor.rows.filter((row) => row.adHoc).length}
          disabled={editor.closed}
          onUse={editor.useSaved}
        />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
