import type { NoteMark } from '../../common/notes/note-document';

/**
 * Pure helpers of the note editor: what one edit of the editor's text changed, and the bold and
 * italic of the text around a position. Positions are UTF-16 code units, as in the Y.Text.
 */

/** Replace `deleted` characters at `index` with `inserted`. */
export interface TextChange {
  index: number;
  deleted: number;
  inserted: string;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * The one change that turns `before` into `after`. When it is ambiguous (typing "a" into "aa"),
 * the inserted text ends at `caret`, where the user typed. Never splits a surrogate pair.
 */
export function diffText(before: string, after: string, caret?: number | null): TextChange | null {
  if (before === after) return null;
  let maxSuffix = Math.min(before.length, after.length);
  if (caret !== undefined && caret !== null && caret >= 0 && caret <= after.length) maxSuffix = Math.min(maxSuffix, after.length - caret);
  let suffix = 0;
  while (suffix < maxSuffix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  const maxPrefix = Math.min(before.length, after.length) - suffix;
  let prefix = 0;
  while (prefix < maxPrefix && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { index: prefix, deleted: before.length - prefix - suffix, inserted: after.slice(prefix, after.length - suffix) };
}

/** A run of the Y.Text's delta (`toDelta()`); only string runs are text. */
export interface DeltaRun {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

export type Marks = Record<NoteMark, boolean>;
export const noMarks: Marks = { bold: false, italic: false };

const marksOf = (run: DeltaRun | undefined): Marks => ({
  bold: run?.attributes?.['bold'] === true,
  italic: run?.attributes?.['italic'] === true,
});

/** The run holding the character at `index` (null past the end). */
function runAt(delta: readonly DeltaRun[], index: number): DeltaRun | null {
  let start = 0;
  for (const run of delta) {
    const length = typeof run.insert === 'string' ? run.insert.length : 1;
    if (index < start + length) return run;
    start += length;
  }
  return null;
}

/** The formatting text typed at `index` takes: that of the character before it, or at the very start, the one after. */
export function marksAt(delta: readonly DeltaRun[], index: number): Marks {
  if (index > 0) return marksOf(runAt(delta, index - 1) ?? undefined);
  return marksOf(runAt(delta, 0) ?? undefined);
}

/** Whether every character from `start` to `end` carries `mark` (false for an empty range). */
export function rangeHasMark(delta: readonly DeltaRun[], start: number, end: number, mark: NoteMark): boolean {
  if (end <= start) return false;
  let position = 0;
  for (const run of delta) {
    const length = typeof run.insert === 'string' ? run.insert.length : 1;
    const overlaps = position < end && position + length > start;
    if (overlaps && run.attributes?.[mark] !== true) return false;
    position += length;
    if (position >= end) break;
  }
  return true;
}

/** Yjs formatting attributes that set exactly these marks (null removes one). */
export function attributesOf(marks: Marks): Record<NoteMark, true | null> {
  return { bold: marks.bold ? true : null, italic: marks.italic ? true : null };
}
