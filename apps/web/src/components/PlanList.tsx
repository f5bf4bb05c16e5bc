import { SCORE_LABELS } from '@interview-room/protocol';
import { formatDuration } from '../lib/format.ts';
import type { PlanItem, PlanItemState } from '../lib/roomSelectors.ts';
import { planTotals } from '../lib/roomSelectors.ts';
import { jumpLabel, SHORTCUT_LABELS } from '../lib/shortcuts.ts';
import './workflow.css';
import { KeyHint } from './KeyHint.tsx';

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
  /** Absent after the end: the plan is history then. */
  onEdit?: () => void;
  onAddAdHoc?: () => void;
}

function itemTitle(item: PlanItem, mode: Props['mode'], selected: boolean): string {
  if (mode === 'review') return selected ? 'On screen' : `Review “${item.title}”`;
  if (item.state === 'current') return 'Shown now';
  const key = jumpLabel(item.index);
  return `Show “${item.title}” to the candidate${key ? ` (${key})` : ''}`;
}

/** Time against budget: `3:12 / 10 min`, or the budget alone before the question is reached. */
function timing(item: PlanItem): string {
  if (item.timeSpentMs > 0 || item.state === 'current')
    return `${formatDuration(item.timeSpentMs)} / ${item.budgetMinutes} min`;
  return `${item.budgetMinutes} min`;
}

export function PlanList({ items, mode, selectedIndex, disabled, onSelect, onEdit, onAddAdHoc }: Props) {
  const totals = planTotals(items);
  return (
    <nav className="panel plan" aria-label="Interview plan">
      <h2 className="panel__heading">
        Plan{' '}
        <span className={`panel__heading-note tabular${totals.over ? ' plan__over' : ''}`}>
          {totals.spentMs > 0
            ? `${formatDuration(totals.spentMs)} / ${totals.budgetMinutes} min`
            : `${items.length} questions · ${totals.budgetMinutes} min`}
        </span>
      </h2>
      {(onEdit || onAddAdHoc) && (
        <div className="plan__tools">
          {onEdit && (
            <button
              type="button"
              className="button button--small"
              aria-keyshortcuts={SHORTCUT_LABELS.plan}
              title={`Edit the plan (${SHORTCUT_LABELS.plan})`}
              onClick={onEdit}
            >
              Edit plan <KeyHint keys={SHORTCUT_LABELS.plan} />
            </button>
          )}
          {onAddAdHoc && (
            <button
              type="button"
              className="button button--small"
              aria-keyshortcuts={SHORTCUT_LABELS.adHoc}
              title={`Add an ad-hoc question (${SHORTCUT_LABELS.adHoc})`}
              onClick={onAddAdHoc}
            >
              Ad hoc <KeyHint keys={SHORTCUT_LABELS.adHoc} />
            </button>
          )}
        </div>
      )}
      <ol className="plan__list">
        {items.map((item) => {
          const selected = item.index === selectedIndex;
          const key = mode === 'navigate' ? jumpLabel(item.index) : null;
          return (
            <li key={item.id}>
              <button
                type="button"
                className={`plan__item plan__item--${item.state}${selected ? ' plan__item--selected' : ''}`}
                aria-current={selected ? 'step' : undefined}
                aria-keyshortcuts={key ?? undefined}
                disabled={disabled || selected}
                title={itemTitle(item, mode, selected)}
                onClick={() => onSelect(item.index)}
              >
                <span className="plan__index" aria-hidden="true">
                  {item.index + 1}
                </span>
                <span className="plan__text">
                  <span className="plan__title">
                    {item.title}
                    {item.adHoc && <span className="plan__adhoc"> · ad hoc</span>}
                  </span>
                  <span className="plan__meta">
                    <span className={`plan__state plan__state--${item.state}`}>
                      {STATE_LABELS[item.state]}
                    </span>
                    {' · '}
                    <span className={`tabular${item.overBudget ? ' plan__over' : ''}`}>
                      {timing(item)}
                      {item.overBudget && <span className="plan__over-note"> · over budget</span>}
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
