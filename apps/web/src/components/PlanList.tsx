import { SCORE_LABELS } from '@interview-room/protocol';
import { formatDuration } from '../lib/format.ts';
import type { PlanItem, PlanItemState } from '../lib/roomSelectors.ts';

const STATE_LABELS: Record<PlanItemState, string> = {
  done: 'Done',
  current: 'Current',
  next: 'Next',
  upcoming: 'Upcoming',
};

interface Props {
  items: PlanItem[];
  /** `navigate` shows the picked question to the candidate; `review` (after the end) only here. */
  mode: 'navigate' | 'review';
  /** The question on screen (differs from the current one while reviewing). */
  selectedIndex: number;
  disabled: boolean;
  onSelect: (index: number) => void;
}

function itemTitle(item: PlanItem, mode: Props['mode'], selected: boolean): string {
  if (mode === 'review') return selected ? 'On screen' : `Review “${item.title}”`;
  return item.state === 'current' ? 'Shown now' : `Show “${item.title}” to the candidate`;
}

export function PlanList({ items, mode, selectedIndex, disabled, onSelect }: Props) {
  return (
    <nav className="panel plan" aria-label="Interview plan">
      <h2 className="panel__heading">
        Plan <span className="panel__heading-note">{items.length} questions</span>
      </h2>
      <ol className="plan__list">
        {items.map((item) => {
          const selected = item.index === selectedIndex;
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`plan__item plan__item--${item.state}${selected ? ' plan__item--selected' : ''}`}
                aria-current={selected ? 'step' : undefined}
                disabled={disabled || selected}
                title={itemTitle(item, mode, selected)}
                onClick={() => onSelect(item.index)}
              >
                <span className="plan__index" aria-hidden="true">
                  {item.index + 1}
                </span>
                <span className="plan__text">
                  <span className="plan__title">{item.title}</span>
                  <span className="plan__meta">
                    <span className={`plan__state plan__state--${item.state}`}>
                      {STATE_LABELS[item.state]}
                    </span>
                    {' · '}
                    <span className="tabular">
                      {item.timeSpentMs > 0 || item.state === 'current'
                        ? formatDuration(item.timeSpentMs)
                        : `${item.durationMinutes} min`}
                    </span>
                    {item.score !== null && (
                      <>
                        {' · '}
                        <span className={`plan__score plan__score--${item.score}`}>
                          {item.score} {SCORE_LABELS[item.score]}
                        </span>
                      </>
                    )}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
