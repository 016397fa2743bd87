/**
 * Returns `next`, but reusing every part of `previous` that is deeply equal to it, so a reload that
 * changed one plot gives React new objects for that plot only (memoised rows skip the rest).
 */
export function replaceEqual<T>(previous: unknown, next: T): T {
  if (Object.is(previous, next)) return next;
  if (Array.isArray(previous) && Array.isArray(next)) {
    let same = previous.length === next.length;
    const merged = next.map((item: unknown, i) => {
      const kept = replaceEqual(previous[i], item);
      if (kept !== previous[i]) same = false;
      return kept;
    });
    return (same ? previous : merged) as T;
  }
  if (isPlainObject(previous) && isPlainObject(next)) {
    const keys = Object.keys(next);
    let same = keys.length === Object.keys(previous).length;
    const merged: Record<string, unknown> = {};
    for (const key of keys) {
      const kept = replaceEqual(previous[key], next[key]);
      merged[key] = kept;
      if (kept !== previous[key] || !(key in previous)) same = false;
    }
    return (same ? previous : merged) as T;
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
