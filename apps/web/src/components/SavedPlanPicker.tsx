import type { QuestionSummary } from '@interview-room/protocol';
import { useId, useState } from 'react';
import { type SavedPlansApi, type SavedPlansState, savedPlanError } from '../hooks/useSavedPlans.ts';

interface Props {
  plans: SavedPlansState;
  api: SavedPlansApi;
  /** To name the saved plan's questions. */
  bank: readonly QuestionSummary[];
  /** The chosen saved plan's id; empty: pick questions instead. */
  value: string;
  error: string | null;
  disabled: boolean;
  onChange: (id: string) => void;
}

/** The create page's choice of a saved plan ("Python mid-level screen, 45 min"), with its questions. */
export function SavedPlanPicker({ plans, api, bank, value, error, disabled, onChange }: Props) {
  const id = useId();
  const [deleteError, setDeleteError] = useState<string | null>(null);
  if (plans.state !== 'ready' || plans.plans.length === 0) return null;
  const chosen = plans.plans.find((plan) => plan.id === value) ?? null;
  const titleOf = (questionId: string) => bank.find((q) => q.id === questionId)?.title ?? questionId;
  return (
    <div className="field saved-plan-picker">
      <label htmlFor={id} className="field-label">
        Saved plan <span className="field-optional">(optional)</span>
      </label>
      <select
        id={id}
        className="input"
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="">None: pick questions below</option>
        {plans.plans.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name} · {plan.items.length} questions ·{' '}
            {plan.items.reduce((sum, item) => sum + item.budgetMinutes, 0)} min
          </option>
        ))}
      </select>
      {error && <p className="field-error">{error}</p>}
      {chosen && (
        <div className="saved-plan-picker__plan">
          <ol className="saved-plan-picker__list">
            {chosen.items.map((item) => (
              <li key={item.questionId}>
                {titleOf(item.questionId)} <span className="muted">· {item.budgetMinutes} min</span>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--link"
            disabled={disabled}
            onClick={() => {
              setDeleteError(null);
              api.remove(chosen.id).then(
                () => onChange(''),
                (err: unknown) => setDeleteError(savedPlanError(err)),
              );
            }}
          >
            Delete this saved plan
          </button>
          {deleteError && <p className="field-error">{deleteError}</p>}
        </div>
      )}
    </div>
  );
}
