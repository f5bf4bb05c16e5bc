import { PLAN_LIMITS } from '@interview-room/protocol';
import { useEffect, useId, useState } from 'react';

interface Props {
  value: number;
  label: string;
  disabled?: boolean;
  onChange: (minutes: number) => void;
}

/** Whole minutes, 1 to the protocol's maximum; what is typed stays on screen until it is valid. */
export function BudgetInput({ value, label, disabled = false, onChange }: Props) {
  const id = useId();
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <span className="budget-input">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        className="input budget-input__field"
        type="number"
        inputMode="numeric"
        min={1}
        max={PLAN_LIMITS.maxBudgetMinutes}
        step={1}
        value={text}
        disabled={disabled}
        onChange={(event) => {
          setText(event.target.value);
          const minutes = Number(event.target.value);
          if (
            Number.isInteger(minutes) &&
            minutes >= 1 &&
            minutes <= PLAN_LIMITS.maxBudgetMinutes &&
            minutes !== value
          )
            onChange(minutes);
        }}
        onBlur={() => setText(String(value))}
      />
      <span className="budget-input__unit" aria-hidden="true">
        min
      </span>
    </span>
  );
}
