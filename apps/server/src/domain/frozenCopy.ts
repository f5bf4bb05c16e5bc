/**
 * A deep-frozen copy of `value` that shares what is frozen already. Room states are built by
 * structural sharing (a command copies only the path it changes), so the copy of a new version
 * walks only its new parts: the unchanged subtrees are the stored version's, frozen when it was
 * stored. The caller's own objects are copied, never frozen under it.
 *
 * A frozen object is taken to be frozen all the way down: only this function freezes what the
 * store holds. (Bank questions are frozen at the top only, but a plan never holds them as they
 * are: `planned()` gives a deep-frozen copy of each, made with this function.)
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  // No Object.entries: a pair array per property was most of what a stored write allocated.
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  const source = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(source)) copy[key] = frozenCopy(source[key]);
  return Object.freeze(copy) as T;
}
