import type { Rubric, RubricItemKind } from '@interview-room/protocol';
import { looksLikeCode } from '../lib/promptText.ts';
import { InlineText, RichText } from './RichText.tsx';
import './workflow.css';

/** Ticking rubric items: what is ticked (pending ticks included) and how to change it. */
export interface RubricTicks {
  isTicked(kind: RubricItemKind, index: number): boolean;
  onTick(kind: RubricItemKind, index: number, ticked: boolean): void;
}

function Points({ items, tone }: { items: string[]; tone?: 'good' | 'bad' }) {
  if (items.length === 0) return <p className="rubric__none">None listed.</p>;
  return (
    <ul className={tone ? `rubric__list rubric__list--${tone}` : 'rubric__list'}>
      {items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static rubric text, never reordered
        <li key={`${i}-${item}`}>
          <RichText text={item} />
        </li>
      ))}
    </ul>
  );
}

/** A rubric list as checkboxes: ticking one notes it and counts toward the suggested score. */
function Checks({
  items,
  kind,
  ticks,
  tone,
}: {
  items: string[];
  kind: RubricItemKind;
  ticks: RubricTicks;
  tone?: 'good' | 'bad';
}) {
  if (items.length === 0) return <p className="rubric__none">None listed.</p>;
  return (
    <ul className={`rubric__checks${tone ? ` rubric__checks--${tone}` : ''}`}>
      {items.map((item, index) => {
        const checked = ticks.isTicked(kind, index);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: static rubric text, never reordered
          <li key={`${index}-${item}`}>
            <label className={`rubric__check${checked ? ' rubric__check--on' : ''}`}>
              <input
                type="checkbox"
                checked={checked}
                onChange={(event) => ticks.onTick(kind, index, event.target.checked)}
              />
              <InlineText text={item} />
            </label>
          </li>
        );
      })}
    </ul>
  );
}

/** A rubric's sections; key points, strong signals and red flags are checkboxes when `ticks` is given. */
export function RubricDetails({ rubric, ticks }: { rubric: Rubric; ticks?: RubricTicks }) {
  const list = (items: string[], kind: RubricItemKind, tone?: 'good' | 'bad') =>
    ticks ? (
      <Checks items={items} kind={kind} ticks={ticks} tone={tone} />
    ) : (
      <Points items={items} tone={tone} />
    );
  return (
    <>
      {rubric.sampleAnswer.trim() !== '' && (
        <section className="rubric__section">
          <h3>Sample strong answer</h3>
          {looksLikeCode(rubric.sampleAnswer) ? (
            <pre className="rubric__answer">
              <code>{rubric.sampleAnswer}</code>
            </pre>
          ) : (
            <RichText text={rubric.sampleAnswer} className="rubric__answer" />
          )}
        </section>
      )}
      <section className="rubric__section">
        <h3>Key points</h3>
        {list(rubric.keyPoints, 'keyPoint')}
      </section>
      <section className="rubric__section">
        <h3>Strong signals</h3>
        {list(rubric.strongSignals, 'strongSignal', 'good')}
      </section>
      <section className="rubric__section">
        <h3>Red flags</h3>
        {list(rubric.redFlags, 'redFlag', 'bad')}
      </section>
      {rubric.whyWeAsk.trim() !== '' && (
        <section className="rubric__section">
          <h3>Why we ask</h3>
          <RichText text={rubric.whyWeAsk} />
        </section>
      )}
      {rubric.followUps.length > 0 && (
        <section className="rubric__section">
          <h3>Follow-ups</h3>
          <Points items={rubric.followUps} />
        </section>
      )}
    </>
  );
}

export function RubricPanel({
  rubric,
  questionTitle,
  ticks,
}: {
  rubric: Rubric | null;
  questionTitle: string | null;
  ticks?: RubricTicks;
}) {
  return (
    <section className="panel rubric scroll-hint" aria-label="Rubric">
      <h2 className="panel__heading">
        Rubric <span className="panel__heading-note">interviewer only</span>
      </h2>
      {rubric ? (
        <div className="rubric__body">
          {questionTitle && <p className="rubric__for">For “{questionTitle}”</p>}
          {ticks && (
            <p className="rubric__hint">Tick what you hear: it goes in your notes and the suggested score.</p>
          )}
          <RubricDetails rubric={rubric} ticks={ticks} />
        </div>
      ) : (
        <div className="empty-state empty-state--compact">
          <p className="empty-state__text">The rubric for each question appears here once it is shown.</p>
        </div>
      )}
    </section>
  );
}
