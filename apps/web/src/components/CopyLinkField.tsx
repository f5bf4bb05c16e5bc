import { useEffect, useId, useState } from 'react';
import { copyText } from '../lib/download.ts';

interface Props {
  label: string;
  /** Who the link is for, naming the Copy button ("Copy link for the candidate"). */
  audience: string;
  description: string;
  url: string;
  /** Shown as an "Open" link next to the Copy button. */
  openLabel?: string;
}

export function CopyLinkField({ label, audience, description, url, openLabel }: Props) {
  const id = useId();
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (copied === 'idle') return;
    const timer = setTimeout(() => setCopied('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <div className="link-field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p className="field-help" id={`${id}-help`}>
        {description}
      </p>
      <div className="link-field__row">
        <input
          id={id}
          className="input input--mono"
          readOnly
          value={url}
          aria-describedby={`${id}-help`}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          className="button"
          aria-label={`Copy link for ${audience}`}
          onClick={() => {
            void copyText(url).then((ok) => setCopied(ok ? 'copied' : 'failed'));
          }}
        >
          {copied === 'copied' ? 'Copied' : 'Copy'}
        </button>
        {openLabel && (
          <a className="button button--primary" href={url} target="_blank" rel="noopener noreferrer">
            {openLabel}
          </a>
        )}
      </div>
      <span className="visually-hidden" aria-live="polite">
        {copied === 'copied'
          ? `${label} copied`
          : copied === 'failed'
            ? 'Copy failed: select the link and copy it'
            : ''}
      </span>
    </div>
  );
}
