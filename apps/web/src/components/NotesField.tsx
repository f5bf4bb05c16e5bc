import { LIMITS } from '@interview-room/protocol';
import { useId } from 'react';
import { UNSAVED_TEXT } from '../lib/roomSelectors.ts';
import type { NoteStatus } from '../lib/roomSession.ts';

const STATUS_TEXT: Record<NoteStatus, string> = {
  editing: 'Saving…',
  saving: 'Saving…',
  queued: UNSAVED_TEXT,
  saved: 'Saved',
  error: 'Not saved',
};

interface Props {
  value: string;
  status: NoteStatus | null;
  error: string | null;
  placeholder: string;
  onChange: (text: string) => void;
}

export function NotesField({ value, status, error, placeholder, onChange }: Props) {
  const id = useId();
  const statusText = status ? STATUS_TEXT[status] : value === '' ? '' : 'Saved';
  return (
    <div className="notes">
      <div className="field-row">
        <label htmlFor={id} className="field-label">
          Notes
        </label>
        <span
          className={`notes__status notes__status--${status ?? 'idle'}`}
          aria-live="polite"
          title={error ?? undefined}
        >
          {statusText}
          {status === 'error' && error ? `: ${error}` : ''}
        </span>
      </div>
      <textarea
        id={id}
        className="notes__input"
        value={value}
        maxLength={LIMITS.notesChars}
        placeholder={placeholder}
        spellCheck
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
