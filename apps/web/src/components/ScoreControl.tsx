import type { Score } from '@interview-room/protocol';
import { SCORE_LABELS } from '@interview-room/protocol';
import { useId } from 'react';
import type { ScoreStatus } from '../lib/roomSelectors.ts';
import { UNSAVED_TEXT } from '../lib/roomSelectors.ts';

const SCORES: readonly Score[] = [1, 2, 3, 4];

interface Props {
  questionId: string;
  value: Score | null;
  /** Set while the server does not have `value` yet. */
  status?: ScoreStatus;
  /** What the ticked rubric items suggest; the interviewer's own score overrides it. */
  suggested?: Score | null;
  onChange: (score: Score | null) => void;
}

/** Native radios: arrow keys move the choice; clicking the chosen one again, or Clear, unsets it. */
export function ScoreControl({ questionId, value, status = null, suggested = null, onChange }: Props) {
  const labelId = useId();
  const name = `score-${questionId}`;
  return (
    <div className="score">
      <div className="field-row">
        <span id={labelId} className="field-label">
          Score
        </span>
        <span className={`score__status score__status--${status ?? 'idle'}`} aria-live="polite">
          {status === 'unsaved' ? UNSAVED_TEXT : status === 'saving' ? 'Saving…' : ''}
        </span>
        <button
          type="button"
          className="button button--link"
          disabled={value === null}
          onClick={() => onChange(null)}
        >
          Clear
        </button>
      </div>
      <p className="score__suggested" aria-live="polite">
        {suggested === null ? (
          'Tick rubric items for a suggested score.'
        ) : (
          <>
            Suggested:{' '}
            <strong>
              {SCORE_LABELS[suggested]} ({suggested})
            </strong>
            {value === null ? (
              <button type="button" className="button button--link" onClick={() => onChange(suggested)}>
                Use it
              </button>
            ) : value !== suggested ? (
              <span className="score__override"> · your score overrides it</span>
            ) : null}
          </>
        )}
      </p>
      <div className="score__options" role="radiogroup" aria-labelledby={labelId}>
        {SCORES.map((score) => (
          <label key={score} className={`score__option score__option--${score}`}>
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
              onClick={() => {
                if (value === score) onChange(null);
              }}
            />
            <span className="score__number">{score}</span>{' '}
            <span className="score__label">{SCORE_LABELS[score]}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
