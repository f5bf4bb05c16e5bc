import type { Rubric } from '@interview-room/protocol';
import { looksLikeCode } from '../lib/promptText.ts';
import { RichText } from './RichText.tsx';

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

export function RubricPanel({
  rubric,
  questionTitle,
}: {
  rubric: Rubric | null;
  questionTitle: string | null;
}) {
  return (
    <section className="panel rubric" aria-label="Rubric">
      <h2 className="panel__heading">
        Rubric <span className="panel__heading-note">interviewer only</span>
      </h2>
      {rubric ? (
        <div className="rubric__body">
          {questionTitle && <p className="rubric__for">For “{questionTitle}”</p>}
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
          <section className="rubric__section">
            <h3>Key points</h3>
            <Points items={rubric.keyPoints} />
          </section>
          <section className="rubric__section">
            <h3>Strong signals</h3>
            <Points items={rubric.strongSignals} tone="good" />
          </section>
          <section className="rubric__section">
            <h3>Red flags</h3>
            <Points items={rubric.redFlags} tone="bad" />
          </section>
          <section className="rubric__section">
            <h3>Why we ask</h3>
            <RichText text={rubric.whyWeAsk} />
          </section>
          <section className="rubric__section">
            <h3>Follow-ups</h3>
            <Points items={rubric.followUps} />
          </section>
        </div>
      ) : (
        <div className="empty-state empty-state--compact">
          <p className="empty-state__text">The rubric for each question appears here once it is shown.</p>
        </div>
      )}
    </section>
  );
}
