import type { Preview } from '../hooks/useQuestionPreview.ts';
import { LEVEL_LABELS } from '../lib/bankSearch.ts';
import { RichText } from './RichText.tsx';
import { RubricDetails } from './RubricPanel.tsx';

interface Props {
  preview: Preview;
  inPlan: boolean;
  disabled: boolean;
  onAdd: () => void;
  onRetry: () => void;
}

/** One bank question in full, rubric included (interviewers only), before it joins the plan. */
export function QuestionPreview({ preview, inPlan, disabled, onAdd, onRetry }: Props) {
  return (
    <section className="question-preview" aria-label="Preview" aria-busy={preview.state === 'loading'}>
      {preview.state === 'idle' && (
        <p className="builder__empty">Pick a question to read its prompt and rubric here.</p>
      )}
      {preview.state === 'loading' && <p className="builder__empty">Loading the question…</p>}
      {preview.state === 'error' && (
        <div className="inline-error" role="alert">
          <span>Could not load the question: {preview.message}</span>
          <button type="button" className="button button--small" onClick={onRetry}>
            Retry
          </button>
        </div>
      )}
      {preview.state === 'ready' && (
        <>
          <div className="question-preview__head">
            <div>
              <p className="panel__eyebrow">Preview</p>
              <h3 className="question-preview__title">{preview.question.title}</h3>
              <p className="question-preview__meta">
                <span className={`tag tag--level-${preview.question.level}`}>
                  {LEVEL_LABELS[preview.question.level]}
                </span>{' '}
                {preview.question.topic} · {preview.question.durationMinutes} min
                {preview.question.bank && ` · ${preview.question.bank}`}
              </p>
            </div>
            <button
              type="button"
              className="button button--primary button--small"
              disabled={disabled || inPlan}
              onClick={onAdd}
            >
              {inPlan ? 'In the plan' : 'Add to plan'}
            </button>
          </div>
          <div className="question-preview__body">
            <section className="rubric__section">
              <h3>Prompt (what the candidate sees)</h3>
              <RichText text={preview.question.prompt} />
            </section>
            <div className="question-preview__rubric">
              <p className="panel__eyebrow question-preview__rubric-label">Rubric · interviewer only</p>
              <RubricDetails rubric={preview.question.rubric} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}
