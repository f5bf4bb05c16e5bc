import { useEffect } from 'react';
import type { SessionError } from '../lib/roomSession.ts';

const AUTO_DISMISS_MS = 8_000;

export function ErrorToast({ error, onDismiss }: { error: SessionError | null; onDismiss: () => void }) {
  const id = error?.id;
  useEffect(() => {
    if (id === undefined) return;
    const timer = setTimeout(onDismiss, AUTO_DISMISS_MS);
    return () => clearTimeout(timer);
  }, [id, onDismiss]);
  if (!error) return null;
  return (
    <div className="toast" role="alert">
      <span>{error.message}</span>
      <button type="button" className="button button--small" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
