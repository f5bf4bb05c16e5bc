import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AwarenessUser, CodeSyncStatus } from '../lib/codeSync.ts';
import { CodeSync } from '../lib/codeSync.ts';

const IDLE_STATUS: CodeSyncStatus = { state: 'connecting', retry: false };
const noSubscription = (): (() => void) => () => {};
const idleSnapshot = (): CodeSyncStatus => IDLE_STATUS;

/** The room's Yjs document, opened only once `enabled` (after the room session is accepted). */
export function useCodeSync(
  roomId: string,
  token: string,
  enabled: boolean,
  user: AwarenessUser | null,
): [CodeSync | null, CodeSyncStatus] {
  const [codeSync, setCodeSync] = useState<CodeSync | null>(null);
  useEffect(() => {
    if (!enabled) return;
    const created = new CodeSync({ roomId, token });
    setCodeSync(created);
    // Deferred: React's StrictMode mounts, unmounts and remounts at once in development.
    const timer = setTimeout(() => created.start(), 0);
    return () => {
      clearTimeout(timer);
      created.destroy();
      setCodeSync(null);
    };
  }, [roomId, token, enabled]);

  const name = user?.name;
  const color = user?.color;
  const role = user?.role;
  useEffect(() => {
    if (codeSync && name !== undefined && color !== undefined && role !== undefined)
      codeSync.setUser({ name, color, role });
  }, [codeSync, name, color, role]);

  const status = useSyncExternalStore(
    codeSync?.subscribe ?? noSubscription,
    codeSync?.getSnapshot ?? idleSnapshot,
  );
  return [codeSync, status];
}
