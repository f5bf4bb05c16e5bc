import type { AdHocQuestionInput } from '@interview-room/protocol';
import { PLAN_LIMITS } from '@interview-room/protocol';
import { type FormEvent, useId, useState } from 'react';
import { BudgetInput } from './BudgetInput.tsx';
import { Modal } from './Modal.tsx';

interface Props {
  open: boolean;
  /** Where it goes: "after the current question" or "at the end of the plan". */
  placement: string;
  /** Why it cannot be added now, if so. */
  blocked: string | null;
  onClose: () => void;
  /** False when the question cannot be sent as it is (too long to travel with the plan). */
  onAdd: (question: AdHocQuestionInput, budgetMinutes: number) => boolean;
}

/** A question typed on the spot. The candidate sees its title and prompt once it is shown. */
export function AdHocQuestionDialog({ open, placement, blocked, onClose, onAdd }: Props) {
  const id = useId();
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [starterCode, setStarterCode] = useState('');
  const [lookFor, setLookFor] = useState('');
  const [budget, setBudget] = useState(5);
  const [tried, setTried] = useState(false);
  const [tooLong, setTooLong] = useState(false);

  const missing = title.trim() === '' || prompt.trim() === '';
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (missing || blocked) return;
    const points = lookFor
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .slice(0, PLAN_LIMITS.adHocLookForPoints)
      .map((line) => line.slice(0, PLAN_LIMITS.adHocLookForChars));
    const added = onAdd(
      {
        title: title.trim(),
        prompt: prompt.trim(),
        ...(starterCode.trim() === '' ? {} : { starterCode }),
        ...(points.length === 0 ? {} : { lookFor: points }),
      },
      budget,
    );
    setTooLong(!added);
    if (!added) return;
    setTitle('');
    setPrompt('');
    setStarterCode('');
    setLookFor('');
    setTried(false);
    onClose();
  };

  return (
    <Modal open={open} onClose={onClose} labelledBy={`${id}-title`} className="dialog--form">
      <form onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="dialog__title">
          Add an ad-hoc question
        </h2>
        <p className="dialog__text">
          It goes {placement}. The candidate sees the title and prompt when you show it; what to look for
          stays with you.
        </p>
        <div className="adhoc-form">
          <div className="field">
            <label htmlFor={`${id}-q-title`} className="field-label">
              Title
            </label>
            <input
              id={`${id}-q-title`}
              className="input"
              value={title}
              maxLength={PLAN_LIMITS.adHocTitleChars}
              aria-invalid={tried && title.trim() === '' ? true : undefined}
              onChange={(event) => setTitle(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-q-prompt`} className="field-label">
              Prompt
            </label>
            <textarea
              id={`${id}-q-prompt`}
              className="input adhoc-form__area"
              rows={4}
              value={prompt}
              maxLength={PLAN_LIMITS.adHocPromptChars}
              aria-invalid={tried && prompt.trim() === '' ? true : undefined}
              onChange={(event) => setPrompt(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-q-code`} className="field-label">
              Starter code <span className="field-optional">(optional)</span>
            </label>
            <textarea
              id={`${id}-q-code`}
              className="input input--mono adhoc-form__area"
              rows={3}
              value={starterCode}
              maxLength={PLAN_LIMITS.adHocStarterCodeChars}
              spellCheck={false}
              onChange={(event) => setStarterCode(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-q-look`} className="field-label">
              What to look for{' '}
              <span className="field-optional">(optional, one per line, interviewer only)</span>
            </label>
            <textarea
              id={`${id}-q-look`}
              className="input adhoc-form__area"
              rows={3}
              value={lookFor}
              onChange={(event) => setLookFor(event.target.value)}
            />
            <span className="field-help">Each line becomes a key point you can tick.</span>
          </div>
          <div className="field adhoc-form__budget">
            <span className="field-label">Budget</span>
            <BudgetInput value={budget} label="Budget, in minutes" onChange={setBudget} />
          </div>
        </div>
        {tried && missing && (
          <p className="field-error" role="alert">
            A title and a prompt are needed.
          </p>
        )}
        {tooLong && (
          <p className="field-error" role="alert">
            Too long to send with the plan: shorten the prompt, the starter code or what to look for.
          </p>
        )}
        {blocked && (
          <p className="field-error" role="alert">
            {blocked}
          </p>
        )}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={blocked !== null}>
            Add to the plan
          </button>
        </div>
      </form>
    </Modal>
  );
}
