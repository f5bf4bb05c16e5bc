import type { ConnectionKind } from '../lib/roomSelectors.ts';
import { CONNECTION_LABELS, UNSAVED_TEXT } from '../lib/roomSelectors.ts';

interface Props {
  kind: ConnectionKind;
  detail?: string | undefined;
  /** Writes kept locally until the connection is back. */
  unsaved?: number;
}

export function ConnectionIndicator({ kind, detail, unsaved = 0 }: Props) {
  return (
    <span className={`connection connection--${kind}`} role="status" title={detail}>
      <span className="connection__dot" aria-hidden="true" />
      {CONNECTION_LABELS[kind]}
      {unsaved > 0 && (
        <span className="connection__unsaved" title={UNSAVED_TEXT}>
          {` · ${unsaved === 1 ? '1 unsaved change' : `${unsaved} unsaved changes`}`}
        </span>
      )}
    </span>
  );
}
