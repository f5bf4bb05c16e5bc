import type { Score } from '@interview-room/protocol';
import { SCORE_LABELS } from '@interview-room/protocol';
import { useId } from 'react';

const SCORES: readonly Score[] = [1, 2, 3, 4];

interface Props {
  questionId: string;
  value: Score | null;
  onChange: (score: Score | null) => void;
}

/** Native radios: arrow keys move the choice; clicking the chosen one again, or Clear, unsets it. */
export function ScoreControl({ questionId, value, onChange }: Props) {
  const labelId = useId();
  const name = `score-${questionId}`;
  return (
    <div className="score">
      <div className="field-row">
        <span id={labelId} className="field-label">
          Score
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
