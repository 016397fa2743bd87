import { describe, expect, it } from 'vitest';
import { truncateText, wrapText, type Measure } from './text-layout';
import { isWinAnsi, toWinAnsi } from './win-ansi';

/** Every character is 1 unit wide: easy to reason about. */
const monospace: Measure = (text) => text.length;

describe('wrapText', () => {
  it('breaks at spaces so no line is wider than the column', () => {
    expect(wrapText('mice got into the bin over winter', 12, monospace, 10)).toEqual(['mice got', 'into the bin', 'over winter']);
  });

  it('keeps the line breaks written in the text', () => {
    expect(wrapText('first\nsecond', 20, monospace, 10)).toEqual(['first', 'second']);
  });

  it('breaks inside a word longer than a line, such as a code', () => {
    expect(wrapText('LOT-2026-000123-A', 6, monospace, 10)).toEqual(['LOT-20', '26-000', '123-A']);
  });

  it('cuts the last allowed line with an ellipsis when the text is longer', () => {
    const lines = wrapText('one two three four five six seven', 9, monospace, 2);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe('one two');
    expect(lines[1]?.endsWith('…')).toBe(true);
    expect(lines[1]?.length).toBeLessThanOrEqual(9);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapText('', 10, monospace, 3)).toEqual(['']);
  });
});

describe('truncateText', () => {
  it('leaves text that fits alone', () => {
    expect(truncateText('BIN-04', 10, monospace)).toBe('BIN-04');
  });

  it('cuts text that does not fit and ends it with an ellipsis', () => {
    expect(truncateText('Greenhouse 1 bench 4', 10, monospace)).toBe('Greenhous…');
  });
});

describe('toWinAnsi', () => {
  it('keeps western European letters and typographic marks the standard fonts carry', () => {
    const text = 'Élan – “Zürich” 12 € · ½ kg';
    expect(toWinAnsi(text)).toBe(text);
    expect(isWinAnsi(text)).toBe(true);
  });

  it('drops accents the fonts lack and shows other scripts as question marks', () => {
    expect(toWinAnsi('Łódź Ngũgĩ Ωμ')).toBe('Lódz Ngugi ??');
  });

  it('turns tabs and line breaks into spaces so a line stays one line', () => {
    expect(toWinAnsi('a\tb\nc')).toBe('a b c');
  });
});
