import type { RoomStatus } from '@interview-room/protocol';

const LABELS: Record<RoomStatus, string> = { waiting: 'Waiting', live: 'Live', ended: 'Ended' };

export function StatusBadge({ status }: { status: RoomStatus }) {
  return (
    <span className={`status-badge status-badge--${status}`}>
      <span className="visually-hidden">Status: </span>
      {LABELS[status]}
    </span>
  );
}
