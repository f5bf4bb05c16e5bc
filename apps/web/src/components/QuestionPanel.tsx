import type { CandidateQuestion } from '@interview-room/protocol';
import { RichText } from './RichText.tsx';

interface Props {
  question: CandidateQuestion | null;
  index: number;
  count: number;
  emptyTitle: string;
  emptyText: string;
  /** After the end, interviewers can review any question: say so. */
  reviewing?: boolean;
}

export function QuestionPanel({ question, index, count, emptyTitle, emptyText, reviewing = false }: Props) {
  return (
    <section className="panel question-panel scroll-hint" aria-label="Question">
      {question ? (
        <>
          <p className="panel__eyebrow">
            {reviewing ? 'Reviewing question' : 'Question'} {index + 1} of {count}
          </p>
          <h2 className="question-panel__title">{question.title}</h2>
          <RichText text={question.prompt} className="question-panel__prompt" />
        </>
      ) : (
        <div className="empty-state">
          <p className="empty-state__title">{emptyTitle}</p>
          <p className="empty-state__text">{emptyText}</p>
        </div>
      )}
    </section>
  );
}
