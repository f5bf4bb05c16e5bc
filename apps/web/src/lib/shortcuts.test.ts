import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts.ts';

/** The fields of a KeyboardEvent that shortcutFor reads; no DOM in these tests. */
const press = (code: string, init: Partial<KeyboardEvent> = {}): KeyboardEvent =>
  ({
    code,
    key: '',
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    repeat: false,
    target: null,
    ...init,
  }) as KeyboardEvent;

describe('shortcutFor', () => {
  it('maps Alt+letters by physical key, so macOS Option characters still match', () => {
    expect(shortcutFor(press('KeyN', { key: '˜' }))).toEqual({ action: 'next' });
    expect(shortcutFor(press('KeyP', { key: 'π' }))).toEqual({ action: 'previous' });
    expect(shortcutFor(press('KeyL'))).toEqual({ action: 'plan' });
    expect(shortcutFor(press('KeyA'))).toEqual({ action: 'adHoc' });
    expect(shortcutFor(press('KeyR'))).toEqual({ action: 'report' });
    expect(shortcutFor(press('KeyE'))).toEqual({ action: 'end' });
    expect(shortcutFor(press('Slash'))).toEqual({ action: 'help' });
  });

  it('jumps to questions 1 to 9 with Alt and a digit', () => {
    expect(shortcutFor(press('Digit1', { key: '¡' }))).toEqual({ action: 'jump', index: 0 });
    expect(shortcutFor(press('Digit9'))).toEqual({ action: 'jump', index: 8 });
    expect(shortcutFor(press('Digit0'))).toBeNull();
  });

  it('opens the help with ? alone', () => {
    expect(shortcutFor(press('Slash', { altKey: false, shiftKey: true, key: '?' }))).toEqual({
      action: 'help',
    });
    expect(shortcutFor(press('KeyN', { altKey: false, key: 'n' }))).toBeNull();
  });

  it('ignores other modifiers, auto-repeat and unknown keys', () => {
    expect(shortcutFor(press('KeyN', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(press('KeyN', { metaKey: true }))).toBeNull();
    expect(shortcutFor(press('KeyN', { shiftKey: true }))).toBeNull();
    expect(shortcutFor(press('KeyN', { repeat: true }))).toBeNull();
    expect(shortcutFor(press('KeyZ'))).toBeNull();
  });
});
