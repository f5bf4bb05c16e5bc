import type { ConnectionKind } from '../lib/roomSelectors.ts';
import { CONNECTION_LABELS } from '../lib/roomSelectors.ts';

export function ConnectionIndicator({ kind, detail }: { kind: ConnectionKind; detail?: string }) {
  return (
    <span className={`connection connection--${kind}`} role="status" title={detail}>
      <span className="connection__dot" aria-hidden="true" />
      {CONNECTION_LABELS[kind]}
    </span>
  );
}
