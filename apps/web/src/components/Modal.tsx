import type { ReactNode } from 'react';
import { useEffect, useRef } from 'react';

interface Props {
  open: boolean;
  /** Escape, the close button, or the caller's own controls. */
  onClose: () => void;
  labelledBy: string;
  className?: string;
  children: ReactNode;
}

/** A native modal <dialog>: focus moves in and is trapped, Escape closes it, focus returns after. */
export function Modal({ open, onClose, labelledBy, className, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={labelledBy}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && children}
    </dialog>
  );
}
