import type { PresenceEntry } from '../lib/roomSelectors.ts';

const ROLE_LABELS = { interviewer: 'Interviewer', candidate: 'Candidate' } as const;

export function PresenceList({ entries }: { entries: PresenceEntry[] }) {
  return (
    <ul className="presence" aria-label="People in the room">
      {entries.map((entry) => (
        <li
          key={entry.key}
          className={entry.online ? 'presence__person' : 'presence__person presence__person--offline'}
          title={`${entry.name} (${ROLE_LABELS[entry.role]}) ${entry.online ? 'online' : 'offline'}`}
        >
          <span
            className="presence__dot"
            aria-hidden="true"
            style={entry.color ? { backgroundColor: entry.color } : undefined}
          />
          <span className="presence__name">
            {entry.name}
            {entry.isSelf && <span className="presence__self"> (you)</span>}
          </span>
          <span className="presence__meta">
            {ROLE_LABELS[entry.role]} · {entry.online ? 'online' : 'offline'}
          </span>
        </li>
      ))}
    </ul>
  );
}
