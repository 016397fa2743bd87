import { describe, expect, it } from 'vitest';
import { diffText, marksAt, rangeHasMark, type DeltaRun } from './note-text';

describe('diffText', () => {
  it('finds a typed character where the caret says it went, even among equal letters', () => {
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleted: 0, inserted: 'a' });
    expect(diffText('aa', 'aaa', 3)).toEqual({ index: 2, deleted: 0, inserted: 'a' });
    expect(diffText('abc', 'abXc', 3)).toEqual({ index: 2, deleted: 0, inserted: 'X' });
  });

  it('finds deletions, replacements of a selection and pastes', () => {
    expect(diffText('hello world', 'hello', 5)).toEqual({ index: 5, deleted: 6, inserted: '' });
    expect(diffText('one two three', 'one 2 three', 5)).toEqual({ index: 4, deleted: 3, inserted: '2' });
    expect(diffText('', 'line one\nline two', 17)).toEqual({ index: 0, deleted: 0, inserted: 'line one\nline two' });
    expect(diffText('same', 'same', 2)).toBeNull();
  });

  it('works without a caret and with a caret outside the text', () => {
    expect(diffText('abc', 'abdc')).toEqual({ index: 2, deleted: 0, inserted: 'd' });
    expect(diffText('abc', 'abdc', 99)).toEqual({ index: 2, deleted: 0, inserted: 'd' });
  });

  it('never splits a surrogate pair', () => {
    // Two emoji sharing their high surrogate: the change covers the whole character.
    const change = diffText('a😀b', 'a😁b', 3);
    expect(change).toEqual({ index: 1, deleted: 2, inserted: '😁' });
  });
});

describe('marks', () => {
  const delta: DeltaRun[] = [{ insert: 'plain ' }, { insert: 'bold', attributes: { bold: true } }, { insert: ' both', attributes: { bold: true, italic: true } }];

  it('takes the formatting of the character before the caret, or after it at the start', () => {
    expect(marksAt(delta, 0)).toEqual({ bold: false, italic: false });
    expect(marksAt(delta, 6)).toEqual({ bold: false, italic: false });
    expect(marksAt(delta, 7)).toEqual({ bold: true, italic: false });
    expect(marksAt(delta, 15)).toEqual({ bold: true, italic: true });
    expect(marksAt([{ insert: 'x', attributes: { italic: true } }], 0)).toEqual({ bold: false, italic: true });
    expect(marksAt([], 0)).toEqual({ bold: false, italic: false });
  });

  it('says whether a whole range carries a mark', () => {
    expect(rangeHasMark(delta, 6, 15, 'bold')).toBe(true);
    expect(rangeHasMark(delta, 5, 10, 'bold')).toBe(false);
    expect(rangeHasMark(delta, 10, 15, 'italic')).toBe(true);
    expect(rangeHasMark(delta, 6, 11, 'italic')).toBe(false);
    expect(rangeHasMark(delta, 3, 3, 'bold')).toBe(false);
  });
});
