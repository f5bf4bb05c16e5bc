import { useEffect, useState, useSyncExternalStore } from 'react';
import type { RoomSessionState } from '../lib/roomSession.ts';
import { INITIAL_SESSION_STATE, RoomSession } from '../lib/roomSession.ts';

const noSubscription = (): (() => void) => () => {};
const idleSnapshot = (): RoomSessionState => INITIAL_SESSION_STATE;

/** One RoomSession per (room, token), alive while the component is mounted. */
export function useRoomSession(roomId: string, token: string): [RoomSession | null, RoomSessionState] {
  const [session, setSession] = useState<RoomSession | null>(null);
  useEffect(() => {
    const created = new RoomSession({ roomId, token });
    setSession(created);
    // Deferred: React's StrictMode mounts, unmounts and remounts at once in development.
    const timer = setTimeout(() => created.start(), 0);
    const flush = (): void => created.flushAllNotes();
    window.addEventListener('pagehide', flush);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pagehide', flush);
      created.destroy();
    };
  }, [roomId, token]);
  const state = useSyncExternalStore(
    session?.subscribe ?? noSubscription,
    session?.getSnapshot ?? idleSnapshot,
  );
  return [session, state];
}
