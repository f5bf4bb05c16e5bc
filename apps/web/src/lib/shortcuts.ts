export type ShortcutAction = 'next' | 'previous';

export const SHORTCUT_LABELS: Record<ShortcutAction, string> = {
  next: 'Alt+N',
  previous: 'Alt+P',
};

/** True when keys typed here belong to the user's text: notes, form fields, the code editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.monaco-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

/** Alt+N / Alt+P by physical key, so macOS Option characters (˜, π) still match. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.repeat) return null;
  if (isTypingTarget(event.target)) return null;
  if (event.code === 'KeyN') return 'next';
  if (event.code === 'KeyP') return 'previous';
  return null;
}
