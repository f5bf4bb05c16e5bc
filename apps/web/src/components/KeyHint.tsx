/**
 * A shortcut shown on a button. Hidden from assistive technology: the button's
 * `aria-keyshortcuts` says it, and its name stays the action's alone.
 */
export function KeyHint({ keys }: { keys: string }) {
  return (
    <span className="key-hint" aria-hidden="true">
      {keys}
    </span>
  );
}
