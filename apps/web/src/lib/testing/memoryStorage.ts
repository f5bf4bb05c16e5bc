import type { OutboxStorage } from '../outbox.ts';

/** For tests: a Storage kept in a Map, standing in for localStorage across a "reload". */
export class MemoryStorage implements OutboxStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
