import type { QuestionSummary } from '@interview-room/protocol';
import { useId } from 'react';

interface Props {
  questions: QuestionSummary[];
  selected: ReadonlySet<string>;
  disabled: boolean;
  error: string | null;
  onToggle: (id: string, checked: boolean) => void;
  onSelectAll: (checked: boolean) => void;
}

const LEVEL_LABELS: Record<QuestionSummary['level'], string> = {
  junior: 'Junior',
  mid: 'Mid',
  senior: 'Senior',
};

export function QuestionPicker({ questions, selected, disabled, error, onToggle, onSelectAll }: Props) {
  const errorId = useId();
  const chosen = questions.filter((q) => selected.has(q.id));
  const minutes = chosen.reduce((sum, q) => sum + q.durationMinutes, 0);
  return (
    <fieldset className="picker" disabled={disabled} aria-describedby={error ? errorId : undefined}>
      <legend className="picker__legend">Questions</legend>
      <div className="picker__toolbar">
        <span className="picker__summary" aria-live="polite">
          {chosen.length === 0
            ? 'None selected: you will build the plan in the room'
            : `${chosen.length} of ${questions.length} selected · about ${minutes} min`}
        </span>
        <span className="picker__actions">
          <button
            type="button"
            className="button button--link"
            onClick={() => onSelectAll(true)}
            disabled={chosen.length === questions.length}
          >
            Select all
          </button>
          <button
            type="button"
            className="button button--link"
            onClick={() => onSelectAll(false)}
            disabled={chosen.length === 0}
          >
            Clear
          </button>
        </span>
      </div>
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
      <ol className="picker__list">
        {questions.map((q, index) => (
          <li key={q.id}>
            <label className={selected.has(q.id) ? 'picker__item picker__item--on' : 'picker__item'}>
              <input
                type="checkbox"
                checked={selected.has(q.id)}
                onChange={(event) => onToggle(q.id, event.target.checked)}
              />
              <span className="picker__index" aria-hidden="true">
                {index + 1}
              </span>
              <span className="picker__title">{q.title}</span>
              <span className="picker__tags">
                <span className="tag">{q.topic}</span>
                <span className={`tag tag--level-${q.level}`}>{LEVEL_LABELS[q.level]}</span>
                <span className="picker__minutes">{q.durationMinutes} min</span>
              </span>
            </label>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}
