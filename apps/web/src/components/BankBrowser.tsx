import type { QuestionSummary } from '@interview-room/protocol';
import { useId, useMemo, useState } from 'react';
import {
  type BankFilter,
  banksOf,
  filterQuestions,
  LEVEL_LABELS,
  type Level,
  NO_FILTER,
} from '../lib/bankSearch.ts';

interface Props {
  questions: readonly QuestionSummary[];
  planned: ReadonlySet<string>;
  previewId: string | null;
  disabled: boolean;
  onPreview: (questionId: string) => void;
  onAdd: (question: QuestionSummary) => void;
}

const LEVELS: Level[] = ['junior', 'mid', 'senior'];

/** Every bank's questions, searchable by title, topic or tag and filtered by level and bank. */
export function BankBrowser({ questions, planned, previewId, disabled, onPreview, onAdd }: Props) {
  const id = useId();
  const [filter, setFilter] = useState<BankFilter>(NO_FILTER);
  const shown = useMemo(() => filterQuestions(questions, filter), [questions, filter]);
  const banks = useMemo(() => banksOf(questions), [questions]);
  return (
    <section className="bank-browser" aria-labelledby={`${id}-heading`}>
      <div className="builder__heading">
        <h3 id={`${id}-heading`}>Banks</h3>
        <span className="builder__heading-note" aria-live="polite">
          {shown.length} of {questions.length} questions
        </span>
      </div>
      <div className="bank-browser__filters">
        <div className="field bank-browser__search">
          <label htmlFor={`${id}-search`} className="field-label">
            Search
          </label>
          <input
            id={`${id}-search`}
            className="input"
            type="search"
            placeholder="Title, topic or tag"
            value={filter.text}
            onChange={(event) => setFilter({ ...filter, text: event.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-level`} className="field-label">
            Level
          </label>
          <select
            id={`${id}-level`}
            className="input"
            value={filter.level}
            onChange={(event) => setFilter({ ...filter, level: event.target.value as BankFilter['level'] })}
          >
            <option value="any">Any</option>
            {LEVELS.map((level) => (
              <option key={level} value={level}>
                {LEVEL_LABELS[level]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-bank`} className="field-label">
            Bank
          </label>
          <select
            id={`${id}-bank`}
            className="input"
            value={filter.bank}
            onChange={(event) => setFilter({ ...filter, bank: event.target.value })}
          >
            <option value="any">All banks</option>
            {banks.map((bank) => (
              <option key={bank} value={bank}>
                {bank}
              </option>
            ))}
          </select>
        </div>
      </div>
      {shown.length === 0 ? (
        <p className="builder__empty">No question matches. Try fewer words or another level.</p>
      ) : (
        <ul className="bank-browser__list" aria-label="Matching questions">
          {shown.map((q) => {
            const inPlan = planned.has(q.id);
            return (
              <li
                key={q.id}
                className={`bank-browser__item${q.id === previewId ? ' bank-browser__item--previewed' : ''}`}
              >
                <button
                  type="button"
                  className="bank-browser__preview"
                  aria-label={`Preview “${q.title}”`}
                  aria-pressed={q.id === previewId}
                  onClick={() => onPreview(q.id)}
                >
                  <span className="bank-browser__title">{q.title}</span>
                  <span className="bank-browser__meta">
                    <span className={`tag tag--level-${q.level}`}>{LEVEL_LABELS[q.level]}</span>
                    <span>{q.topic}</span>
                    <span>· {q.durationMinutes} min</span>
                    {q.bank && <span>· {q.bank}</span>}
                  </span>
                </button>
                <button
                  type="button"
                  className="button button--small"
                  aria-label={inPlan ? `“${q.title}” is in the plan` : `Add “${q.title}” to the plan`}
                  disabled={disabled || inPlan}
                  onClick={() => onAdd(q)}
                >
                  {inPlan ? 'In plan' : 'Add'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
