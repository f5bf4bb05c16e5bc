import type { SavedPlan, SavedPlanItem } from '@interview-room/protocol';
import { PLAN_LIMITS } from '@interview-room/protocol';
import { type FormEvent, useId, useState } from 'react';
import { type SavedPlansApi, type SavedPlansState, savedPlanError } from '../hooks/useSavedPlans.ts';

interface Props {
  plans: SavedPlansState;
  api: SavedPlansApi;
  /** What "Save" stores: the plan's bank questions and budgets. */
  items: SavedPlanItem[];
  /** Ad-hoc questions in the plan, which a saved plan cannot hold. */
  adHocLeftOut: number;
  disabled: boolean;
  onUse: (plan: SavedPlan) => void;
}

const minutes = (plan: SavedPlan) => plan.items.reduce((sum, item) => sum + item.budgetMinutes, 0);

/** Start from a saved plan, or save this one for the next interviews. */
export function SavedPlanControls({ plans, api, items, adHocLeftOut, disabled, onUse }: Props) {
  const id = useId();
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const list = plans.state === 'ready' ? plans.plans : [];
  const selected = list.find((plan) => plan.id === chosen) ?? null;

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '' || items.length === 0) return;
    setBusy(true);
    try {
      const saved = await api.save(name.trim(), items);
      setMessage({ tone: 'ok', text: `Saved “${saved.name}”.` });
      setName('');
    } catch (err) {
      setMessage({ tone: 'error', text: `Not saved: ${savedPlanError(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="saved-plans">
      <div className="saved-plans__row">
        <div className="field saved-plans__grow">
          <label htmlFor={`${id}-use`} className="field-label">
            Start from a saved plan
          </label>
          <select
            id={`${id}-use`}
            className="input"
            value={chosen}
            disabled={disabled || list.length === 0}
            onChange={(event) => setChosen(event.target.value)}
          >
            <option value="">
              {plans.state === 'loading' ? 'Loading…' : list.length === 0 ? 'No saved plans yet' : 'Choose…'}
            </option>
            {list.map((plan) => (
              <option key={plan.id} value={plan.id}>
                {plan.name} · {plan.items.length} questions · {minutes(plan)} min
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button"
          disabled={disabled || selected === null}
          onClick={() => {
            if (!selected) return;
            onUse(selected);
            setMessage({ tone: 'ok', text: `Plan replaced by “${selected.name}”.` });
          }}
        >
          Use
        </button>
      </div>
      <form className="saved-plans__row" onSubmit={(event) => void save(event)}>
        <div className="field saved-plans__grow">
          <label htmlFor={`${id}-name`} className="field-label">
            Save this plan as
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={name}
            maxLength={PLAN_LIMITS.savedPlanNameChars}
            placeholder="Python mid-level screen, 45 min"
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy || name.trim() === '' || items.length === 0}>
          Save plan
        </button>
      </form>
      {adHocLeftOut > 0 && (
        <p className="field-help">
          Ad-hoc questions stay in this room: a saved plan holds bank questions only.
        </p>
      )}
      {message && (
        <p className={message.tone === 'ok' ? 'saved-plans__ok' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
    </div>
  );
}
