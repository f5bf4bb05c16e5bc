import { useEffect, useId, useRef } from 'react';

interface Props {
  open: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** An in-page confirmation (native <dialog>: modal, focus-trapped, closes on Escape). */
export function EndInterviewDialog({ open, busy, onConfirm, onCancel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const textId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        End the interview?
      </h2>
      <p id={textId} className="dialog__text">
        The candidate can no longer change the code and you can no longer change questions. You can still
        finish your notes and scores, and download the report.
      </p>
      <div className="dialog__actions">
        {/* biome-ignore lint/a11y/noAutofocus: the safe choice gets focus when the dialog opens */}
        <button type="button" className="button" autoFocus onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button--danger" disabled={busy} onClick={onConfirm}>
          Confirm end
        </button>
      </div>
    </dialog>
  );
}
