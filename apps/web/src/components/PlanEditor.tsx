import type { PlanEditor as Editor } from '../hooks/usePlanEditor.ts';
import { LEVEL_LABELS } from '../lib/bankSearch.ts';
import { BudgetInput } from './BudgetInput.tsx';

interface Props {
  editor: Editor;
  /** The question shown in the preview, highlighted here too. */
  previewId: string | null;
  onPreview: (questionId: string) => void;
}

/** The plan in order: budgets, moves and removals; what has been reached stays put. */
export function PlanEditor({ editor, previewId, onPreview }: Props) {
  const { rows, closed } = editor;
  const total = rows.reduce((sum, row) => sum + row.budgetMinutes, 0);
  return (
    <section className="plan-editor" aria-labelledby="plan-editor-heading">
      <div className="builder__heading">
        <h3 id="plan-editor-heading">Plan</h3>
        <span className="builder__heading-note" aria-live="polite">
          {rows.length} {rows.length === 1 ? 'question' : 'questions'} · {total} min
          {editor.pending ? ' · saving…' : ''}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="builder__empty">No questions yet. Add some from the bank.</p>
      ) : (
        <ol className="plan-editor__list" aria-label="Planned questions">
          {rows.map((row, index) => {
            const name = `“${row.title}”`;
            const fixed = closed || row.locked;
            return (
              <li
                key={row.questionId}
                className={`plan-editor__row${row.questionId === previewId ? ' plan-editor__row--previewed' : ''}`}
              >
                <span className="plan-editor__index" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="plan-editor__text">
                  {row.adHoc ? (
                    <span className="plan-editor__title">{row.title}</span>
                  ) : (
                    <button
                      type="button"
                      className="button button--link plan-editor__title"
                      title={`Preview ${name}`}
                      onClick={() => onPreview(row.questionId)}
                    >
                      {row.title}
                    </button>
                  )}
                  <span className="plan-editor__meta">
                    {row.topic}
                    {row.level && ` · ${LEVEL_LABELS[row.level]}`}
                    {row.locked && <span className="plan-editor__locked"> · reached</span>}
                  </span>
                </span>
                <BudgetInput
                  value={row.budgetMinutes}
                  label={`Budget for ${name}, in minutes`}
                  disabled={closed || row.budgetLocked}
                  onChange={(minutes) => editor.setBudget(row.questionId, minutes)}
                />
                <span className="plan-editor__actions">
                  <button
                    type="button"
                    className="button button--small button--icon"
                    aria-label={`Move ${name} up`}
                    title="Move up"
                    disabled={fixed || index === 0 || rows[index - 1]?.locked}
                    onClick={() => editor.move(row.questionId, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="button button--small button--icon"
                    aria-label={`Move ${name} down`}
                    title="Move down"
                    disabled={fixed || index === rows.length - 1}
                    onClick={() => editor.move(row.questionId, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="button button--small button--icon button--danger-outline"
                    aria-label={`Remove ${name}`}
                    title="Remove from the plan"
                    disabled={fixed}
                    onClick={() => editor.remove(row.questionId)}
                  >
                    ✕
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
