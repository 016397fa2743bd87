import { describe, expect, it } from 'vitest';
import { replaceEqual } from './replace-equal';

describe('replaceEqual', () => {
  it('keeps the previous objects of rows that did not change', () => {
    const previous = [{ id: 'a', latest: { h: { value: '1' } } }, { id: 'b', latest: {} }];
    const next = [{ id: 'a', latest: { h: { value: '1' } } }, { id: 'b', latest: { h: { value: '2' } } }];
    const merged = replaceEqual(previous, next);
    expect(merged).toEqual(next);
    expect(merged[0]).toBe(previous[0]);
    expect(merged[1]).not.toBe(previous[1]);
  });

  it('returns the previous value itself when nothing changed', () => {
    const previous = { stations: [{ id: 'x', name: 'Demo' }] };
    expect(replaceEqual(previous, { stations: [{ id: 'x', name: 'Demo' }] })).toBe(previous);
  });

  it('notices removed keys and shorter lists', () => {
    expect(replaceEqual({ a: 1, b: 2 }, { a: 1 })).toEqual({ a: 1 });
    expect(replaceEqual([1, 2], [1])).toEqual([1]);
  });
});
