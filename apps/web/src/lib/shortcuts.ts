/** The interviewer's keyboard shortcuts: what each does, and which key fires it. */
export type Shortcut =
  | { action: 'next' }
  | { action: 'previous' }
  /** Question `index` (0-based) of the plan, from Alt+1 to Alt+9. */
  | { action: 'jump'; index: number }
  | { action: 'plan' }
  | { action: 'adHoc' }
  | { action: 'report' }
  | { action: 'end' }
  | { action: 'help' };
export type ShortcutAction = Shortcut['action'];

/** As shown on buttons and in `aria-keyshortcuts`. */
export const SHORTCUT_LABELS: Record<Exclude<ShortcutAction, 'jump'>, string> = {
  next: 'Alt+N',
  previous: 'Alt+P',
  plan: 'Alt+L',
  adHoc: 'Alt+A',
  report: 'Alt+R',
  end: 'Alt+E',
  help: '?',
};

/** Alt+1 … Alt+9 jump to the first nine questions. */
export const JUMP_KEYS = 9;
export const jumpLabel = (index: number): string | null => (index < JUMP_KEYS ? `Alt+${index + 1}` : null);

/** Every shortcut, for the help overlay. */
export const SHORTCUT_HELP: ReadonlyArray<{ keys: readonly string[]; description: string }> = [
  { keys: ['Alt+N'], description: 'Next question (the first one starts the interview)' },
  { keys: ['Alt+P'], description: 'Previous question' },
  { keys: ['Alt+1', 'Alt+9'], description: 'Jump to question 1 to 9 of the plan' },
  { keys: ['Alt+L'], description: 'Edit the plan' },
  { keys: ['Alt+A'], description: 'Add an ad-hoc question' },
  { keys: ['Alt+R'], description: 'Report: recommendation, summary, download' },
  { keys: ['Alt+E'], description: 'End the interview (asks first)' },
  { keys: ['Ctrl+Enter'], description: 'Run the code' },
  { keys: ['?', 'Alt+/'], description: 'Show or hide these shortcuts' },
];

/** True when keys typed here belong to the user's text: notes, form fields, the code editor. */
export function isTypingTarget(target: EventTarget | null): boolean {
  // No DOM (unit tests in Node): nothing is a text field.
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false;
  if (target.closest('.monaco-editor')) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(target.type);
  }
  return target instanceof HTMLElement && target.isContentEditable;
}

const ALT_KEYS: Record<string, Shortcut> = {
  KeyN: { action: 'next' },
  KeyP: { action: 'previous' },
  KeyL: { action: 'plan' },
  KeyA: { action: 'adHoc' },
  KeyR: { action: 'report' },
  KeyE: { action: 'end' },
  Slash: { action: 'help' },
};

/**
 * The shortcut a key press means, or null. Alt combinations go by physical key, so macOS Option
 * characters (˜, π, ¡) still match; `?` goes by the character, wherever a layout puts it. Never
 * while typing, never on auto-repeat.
 */
export function shortcutFor(event: KeyboardEvent): Shortcut | null {
  if (event.ctrlKey || event.metaKey || event.repeat || isTypingTarget(event.target)) return null;
  if (!event.altKey) return event.key === '?' ? { action: 'help' } : null;
  if (event.shiftKey) return null;
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
  if (digit) return { action: 'jump', index: Number(digit) - 1 };
  return ALT_KEYS[event.code] ?? null;
}
