import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessUser } from './codeSync.ts';

/** What a cursor label shows of a participant. */
type CursorLabel = Pick<AwarenessUser, 'name' | 'color'>;

/** Awareness state is written by other browsers: everything read from it is untrusted. */
const COLOR_PATTERN = /^#[0-9a-f]{6}$/i;
const MAX_LABEL_CHARS = 32;
const SAFE_CSS_CHAR = /^[A-Za-z0-9 _.,-]$/;

export function isSafeColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR_PATTERN.test(value);
}

/** A double-quoted CSS string literal: anything but plain characters becomes a hex escape. */
export function cssString(value: string): string {
  let out = '';
  for (const char of Array.from(value).slice(0, MAX_LABEL_CHARS)) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) continue;
    // A hex escape ends at the following space, so the next character is never misread as hex.
    out += SAFE_CSS_CHAR.test(char) ? char : `\\${code.toString(16)} `;
  }
  return `"${out}"`;
}

/** Black or white, whichever reads better on the given `#rrggbb` background. */
export function labelTextColor(background: string): string {
  const r = Number.parseInt(background.slice(1, 3), 16);
  const g = Number.parseInt(background.slice(3, 5), 16);
  const b = Number.parseInt(background.slice(5, 7), 16);
  const luminance = (0.299 * r + 0.587 * g + 0.114 * b) / 255;
  return luminance > 0.6 ? '#111827' : '#ffffff';
}

export function readAwarenessUser(state: unknown): CursorLabel | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null;
  const user = state.user;
  if (typeof user !== 'object' || user === null) return null;
  const name = 'name' in user && typeof user.name === 'string' ? user.name.trim() : '';
  const color = 'color' in user ? user.color : null;
  if (!isSafeColor(color)) return null;
  return { name: name === '' ? 'Guest' : name, color };
}

/** The rules colouring one remote client's selection and cursor, labelled with its name. */
export function remoteCursorCss(clientId: number, user: CursorLabel): string {
  if (!Number.isSafeInteger(clientId) || clientId < 0) return '';
  if (!isSafeColor(user.color)) return '';
  const color = user.color.toLowerCase();
  return [
    `.yRemoteSelection-${clientId} { background-color: ${color}33; }`,
    `.yRemoteSelectionHead-${clientId} { border-color: ${color}; }`,
    `.yRemoteSelectionHead-${clientId}::after { content: ${cssString(user.name)}; background-color: ${color}; color: ${labelTextColor(color)}; }`,
  ].join('\n');
}

/**
 * Keeps one `<style>` element per remote Yjs client, so y-monaco's `yRemoteSelection-<id>` and
 * `yRemoteSelectionHead-<id>` decorations show that person's colour and name.
 */
export class RemoteCursorStyles {
  private readonly styles = new Map<number, { css: string; element: HTMLStyleElement }>();
  private readonly onChange = (): void => this.render();

  constructor(
    private readonly awareness: Awareness,
    private readonly root: HTMLElement = document.head,
  ) {
    awareness.on('change', this.onChange);
    this.render();
  }

  destroy(): void {
    this.awareness.off('change', this.onChange);
    for (const { element } of this.styles.values()) element.remove();
    this.styles.clear();
  }

  private render(): void {
    const seen = new Set<number>();
    for (const [clientId, state] of this.awareness.getStates()) {
      if (clientId === this.awareness.clientID) continue;
      const user = readAwarenessUser(state);
      if (!user) continue;
      const css = remoteCursorCss(clientId, user);
      if (css === '') continue;
      seen.add(clientId);
      const existing = this.styles.get(clientId);
      if (existing?.css === css) continue;
      const element = existing?.element ?? document.createElement('style');
      element.dataset.remoteCursor = String(clientId);
      element.textContent = css;
      if (!existing) this.root.append(element);
      this.styles.set(clientId, { css, element });
    }
    for (const [clientId, { element }] of this.styles) {
      if (!seen.has(clientId)) {
        element.remove();
        this.styles.delete(clientId);
      }
    }
  }
}
