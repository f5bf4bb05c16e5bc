import { useEffect, useRef } from 'react';
import type { ShortcutAction } from '../lib/shortcuts.ts';
import { shortcutFor } from '../lib/shortcuts.ts';

/** Window-level keyboard shortcuts, ignored while typing in a field or the editor. */
export function useShortcuts(enabled: boolean, handlers: Record<ShortcutAction, () => void>): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      latest.current[action]();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
