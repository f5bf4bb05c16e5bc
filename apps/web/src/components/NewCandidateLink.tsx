import { useEffect, useId, useRef, useState } from 'react';
import { ApiError, regenerateLinks } from '../lib/api.ts';
import { CopyLinkField } from './CopyLinkField.tsx';

interface Props {
  roomId: string;
  /** The interviewer's token, which authorizes the change. */
  token: string;
}

type Step =
  | { step: 'closed' }
  | { step: 'confirm'; busy: boolean; error: string | null }
  | { step: 'done'; url: string };

/**
 * Replaces the candidate's link, for when it reached the wrong person: the old link stops working
 * at once and whoever uses it is disconnected. Shows the new link to copy.
 */
export function NewCandidateLink({ roomId, token }: Props) {
  const [state, setState] = useState<Step>({ step: 'closed' });
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const open = state.step !== 'closed';
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  const close = () => setState({ step: 'closed' });

  const regenerate = async () => {
    setState({ step: 'confirm', busy: true, error: null });
    try {
      const links = await regenerateLinks(roomId, token, ['candidate']);
      if (!links.candidate) throw new ApiError(200, 'BAD_RESPONSE', 'The server sent no new link.');
      setState({ step: 'done', url: links.candidate.url });
    } catch (err) {
      const message = err instanceof ApiError ? err.message : 'The link could not be replaced.';
      setState({ step: 'confirm', busy: false, error: message });
    }
  };

  return (
    <>
      <button
        type="button"
        className="button"
        title="Replace the candidate's link; the current one stops working"
        onClick={() => setState({ step: 'confirm', busy: false, error: null })}
      >
        New candidate link
      </button>
      <dialog
        ref={ref}
        className="dialog"
        aria-labelledby={titleId}
        onCancel={(event) => {
          event.preventDefault();
          if (!(state.step === 'confirm' && state.busy)) close();
        }}
      >
        <h2 id={titleId} className="dialog__title">
          {state.step === 'done' ? 'Candidate link replaced' : 'Replace the candidate link?'}
        </h2>
        {state.step === 'done' ? (
          <CopyLinkField
            label="New candidate link"
            audience="the candidate"
            description="Send this to the candidate. The previous link no longer works."
            url={state.url}
          />
        ) : (
          <p className="dialog__text">
            The current candidate link stops working at once, and anyone using it is disconnected. You get a
            new link to send to the candidate.
          </p>
        )}
        {state.step === 'confirm' && state.error && (
          <p className="dialog__text" role="alert">
            {state.error}
          </p>
        )}
        <div className="dialog__actions">
          {state.step === 'done' ? (
            <button type="button" className="button button--primary" onClick={close}>
              Done
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                disabled={state.step === 'confirm' && state.busy}
                onClick={close}
              >
                Cancel
              </button>
              <button
                type="button"
                className="button button--danger"
                disabled={state.step === 'confirm' && state.busy}
                aria-busy={state.step === 'confirm' && state.busy}
                onClick={() => void regenerate()}
              >
                Replace link
              </button>
            </>
          )}
        </div>
      </dialog>
    </>
  );
}
