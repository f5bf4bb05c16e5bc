import { useEffect, useRef } from 'react';
import type { Shortcut } from '../lib/shortcuts.ts';
import { shortcutFor } from '../lib/shortcuts.ts';

/** Window-level keyboard shortcuts, ignored while typing in a field or the editor. */
export function useShortcuts(enabled: boolean, onShortcut: (shortcut: Shortcut) => void): void {
  const latest = useRef(onShortcut);
  latest.current = onShortcut;
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      event.preventDefault();
      latest.current(shortcut);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
