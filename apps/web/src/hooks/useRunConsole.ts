import type { RunByUser } from '@interview-room/protocol';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { RoomSession } from '../lib/roomSession.ts';
import type { RunConsoleState } from '../lib/runConsole.ts';
import { RunConsole } from '../lib/runConsole.ts';

const IDLE: RunConsoleState = {
  python: { phase: 'cold' },
  preparing: false,
  runs: {},
  checks: {},
  checkSummaries: {},
};
const noSubscription = (): (() => void) => () => {};
const idleSnapshot = (): RunConsoleState => IDLE;

/** The room's shared run console, alive while the room session is. Python loads on first Run. */
export function useRunConsole(
  session: RoomSession | null,
  self: RunByUser | null,
): [RunConsole | null, RunConsoleState] {
  const selfRef = useRef(self);
  selfRef.current = self;
  const [console_, setConsole] = useState<RunConsole | null>(null);
  useEffect(() => {
    if (!session) return;
    const created = new RunConsole(session.roomSocket, () => selfRef.current);
    setConsole(created);
    return () => {
      created.destroy();
      setConsole(null);
    };
  }, [session]);
  const state = useSyncExternalStore(
    console_?.subscribe ?? noSubscription,
    console_?.getSnapshot ?? idleSnapshot,
  );
  return [console_, state];
}

/** Ctrl+Enter / Cmd+Enter anywhere on the page, the editor included (caught before Monaco sees it). */
export function useRunShortcut(enabled: boolean, onRun: () => void): void {
  const latest = useRef(onRun);
  latest.current = onRun;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey)
        return;
      event.preventDefault();
      event.stopPropagation();
      latest.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
