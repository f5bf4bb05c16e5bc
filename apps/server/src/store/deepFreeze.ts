/**
 * Freezes a value and everything it reaches, stopping at what is frozen already. Room states are
 * built by structural sharing (a command copies only the path it changes), so freezing a new
 * state walks only its new parts: the unchanged subtrees are the previous version's, frozen then.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
