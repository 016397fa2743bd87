import { describe, expect, it } from 'vitest';
import type { PlotRow } from '../../common/api-contract';
import { withLatest } from './plot-values';
import { checkTimepointName } from './study-timepoint';
import { canUndo, freshEntry, reduceEntry, type CellEntry, type EntryAction } from './cell-entry';

const run = (actions: EntryAction[], start: CellEntry = freshEntry('p1/h/')): CellEntry => actions.reduce(reduceEntry, start);
const cellKey = 'p1/h/';

describe('undo of the last save', () => {
  it('offers the undo of a save until something else is typed', () => {
    const saved = run([
      { type: 'edit', cellKey, draft: '85' },
      { type: 'saving', cellKey, draft: '85' },
      { type: 'saved', cellKey, value: '85', id: 'o1' },
    ]);
    expect(canUndo(saved)).toBe(true);
    expect(canUndo(reduceEntry(saved, { type: 'edit', cellKey, draft: '86' }))).toBe(false);
    expect(canUndo(reduceEntry(saved, { type: 'saved', cellKey: 'p2/h/', value: '1', id: 'o2' }))).toBe(true);
    expect(canUndo(freshEntry('p2/h/'))).toBe(false);
  });

  it('empties the box once undone and shows the value the plot holds again', () => {
    const undone = run([
      { type: 'saved', cellKey, value: '85', id: 'o1' },
      { type: 'undoing', cellKey },
      { type: 'undone', cellKey, restoredValue: '80' },
    ]);
    expect(undone).toMatchObject({ status: 'undone', draft: '', restoredValue: '80', savedId: null });
    expect(canUndo(undone)).toBe(false);
    expect(run([{ type: 'saved', cellKey, value: '85', id: 'o1' }, { type: 'undone', cellKey, restoredValue: null }]).restoredValue).toBe('');
  });

  it('keeps the save when the undo fails, so it can be tried again, and ignores typing meanwhile', () => {
    const undoing = run([{ type: 'saved', cellKey, value: '85', id: 'o1' }, { type: 'undoing', cellKey }]);
    expect(reduceEntry(undoing, { type: 'edit', cellKey, draft: '9' })).toBe(undoing);
    const failed = reduceEntry(undoing, { type: 'undo-failed', cellKey, message: 'The station is closed.' });
    expect(failed).toMatchObject({ status: 'undo-failed', savedId: 'o1', message: 'The station is closed.' });
    expect(canUndo(failed)).toBe(true);
  });

  it('puts the restored value back on the plot, or leaves the plot unscored', () => {
    const plots: PlotRow[] = [
      { id: 'p1', plotNumber: 1, block: 1, replicate: 1, row: 1, column: 1, entryNumber: 1, germplasmName: null, barcode: null, latest: { h: { value: '85' }, v: { value: 'low' } } },
      { id: 'p2', plotNumber: 2, block: 1, replicate: 1, row: 1, column: 2, entryNumber: 2, germplasmName: null, barcode: null, latest: {} },
    ];
    expect(withLatest(plots, 'p1', 'h', '80')[0]?.latest).toEqual({ h: { value: '80' }, v: { value: 'low' } });
    expect(withLatest(plots, 'p1', 'h', null)[0]?.latest).toEqual({ v: { value: 'low' } });
    expect(withLatest(plots, 'p1', 'h', '')[0]?.latest).toEqual({ v: { value: 'low' } });
    expect(withLatest(plots, 'p1', 'h', '80')[1]).toBe(plots[1]);
  });
});

describe('timepoint names', () => {
  it('takes a typed name trimmed, with single spaces, and refuses an empty or long one', () => {
    expect(checkTimepointName('  28   DAS ')).toEqual({ ok: true, name: '28 DAS' });
    expect(checkTimepointName('   ')).toMatchObject({ ok: false });
    expect(checkTimepointName('x'.repeat(61))).toMatchObject({ ok: false });
  });
});
