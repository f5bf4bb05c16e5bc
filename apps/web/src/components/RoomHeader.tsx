import type { RoomStatus } from '@interview-room/protocol';
import type { ReactNode } from 'react';
import { formatDuration } from '../lib/format.ts';
import type { ConnectionKind, PresenceEntry } from '../lib/roomSelectors.ts';
import { ConnectionIndicator } from './ConnectionIndicator.tsx';
import { PresenceList } from './PresenceList.tsx';
import { StatusBadge } from './StatusBadge.tsx';

interface Props {
  title: string;
  status: RoomStatus;
  elapsedMs: number | null;
  currentIndex: number;
  questionCount: number;
  connection: ConnectionKind;
  connectionDetail?: string;
  /** Note and score writes waiting for the connection. */
  unsaved?: number;
  presence: PresenceEntry[];
  children?: ReactNode;
}

export function RoomHeader(props: Props) {
  const { title, status, elapsedMs, currentIndex, questionCount, connection, presence } = props;
  const progress =
    currentIndex >= 0
      ? `Question ${currentIndex + 1} of ${questionCount}`
      : `${questionCount} questions planned`;
  return (
    <header className="room-header">
      <div className="room-header__main">
        <a className="brand-mark" href="/" title="Interview Room: new interview">
          <span aria-hidden="true">&lt;/&gt;</span>
          <span className="visually-hidden">Interview Room home</span>
        </a>
        <h1 className="room-header__title" title={title}>
          {title}
        </h1>
        <StatusBadge status={status} />
        <dl className="room-header__facts">
          <div>
            <dt>Elapsed</dt>
            <dd className="tabular" aria-live="off">
              {elapsedMs === null ? 'Not started' : formatDuration(elapsedMs)}
            </dd>
          </div>
          <div>
            <dt>Progress</dt>
            <dd>{progress}</dd>
          </div>
        </dl>
        <div className="room-header__spacer" />
        <ConnectionIndicator kind={connection} detail={props.connectionDetail} unsaved={props.unsaved ?? 0} />
        <PresenceList entries={presence} />
      </div>
      {props.children}
    </header>
  );
}
