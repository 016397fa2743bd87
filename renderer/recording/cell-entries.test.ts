import { describe, expect, it } from 'vitest';
import { entryOf, noEntries, reduceEntries, type CellEntries, type EntriesAction } from './cell-entry';

const run = (actions: EntriesAction[], from: CellEntries = noEntries): CellEntries => actions.reduce(reduceEntries, from);

describe('the entries of several cells (Enter saves and moves on before the save lands)', () => {
  it('keeps a save that is on its way after the person moved on, and shows its outcome on that cell', () => {
    const moved = run([
      { type: 'edit', cellKey: 'p1/h/', draft: '92.5' },
      { type: 'saving', cellKey: 'p1/h/', draft: '92.5' },
      { type: 'arrive', cellKey: 'p2/h/' },
      { type: 'edit', cellKey: 'p2/h/', draft: '8' },
    ]);
    expect(moved.last).toBe('p1/h/');
    expect(entryOf(moved, 'p1/h/').status).toBe('saving');
    const landed = run([{ type: 'saved', cellKey: 'p1/h/', value: '92.5', id: 'o1' }], moved);
    expect(entryOf(landed, 'p1/h/')).toMatchObject({ status: 'saved', savedValue: '92.5', savedId: 'o1' });
    // What is being typed in the cell the person is at now is untouched by the other cell's answer.
    expect(entryOf(landed, 'p2/h/')).toMatchObject({ status: 'editing', draft: '8' });
  });

  it('keeps a refused value with its reason, so the person can go back to it', () => {
    const refused = run([
      { type: 'saving', cellKey: 'p1/h/', draft: '925' },
      { type: 'arrive', cellKey: 'p2/h/' },
      { type: 'refused', cellKey: 'p1/h/', message: '925 is outside the valid range for Plant height (0–250 cm).' },
      { type: 'arrive', cellKey: 'p1/h/' },
    ]);
    expect(entryOf(refused, 'p1/h/')).toMatchObject({ status: 'refused', draft: '925', message: expect.stringMatching(/outside the valid range/) });
  });

  it('drops what was typed but never saved once the person is at another cell, as leaving a box does', () => {
    const left = run([{ type: 'edit', cellKey: 'p1/h/', draft: '4' }, { type: 'arrive', cellKey: 'p2/h/' }]);
    expect(entryOf(left, 'p1/h/')).toMatchObject({ status: 'editing', draft: '' });
    expect(Object.keys(left.entries)).toEqual([]);
  });

  it('remembers the newest settled saves only, never a save on its way or a refusal', () => {
    const actions: EntriesAction[] = [
      { type: 'saving', cellKey: 'slow', draft: '1' },
      { type: 'saving', cellKey: 'bad', draft: '999' },
      { type: 'refused', cellKey: 'bad', message: 'out of range' },
    ];
    for (let i = 0; i < 40; i++) {
      actions.push({ type: 'saving', cellKey: `p${i}`, draft: String(i) }, { type: 'saved', cellKey: `p${i}`, value: String(i), id: `o${i}` });
    }
    const state = run(actions);
    expect(Object.keys(state.entries)).toHaveLength(20);
    expect(entryOf(state, 'slow').status).toBe('saving');
    expect(entryOf(state, 'bad').status).toBe('refused');
    expect(entryOf(state, 'p39').savedId).toBe('o39');
    expect(entryOf(state, 'p0').savedId).toBeNull();
    expect(state.last).toBe('p39');
  });

  it('forgets the latest save once its cell is cancelled', () => {
    const state = run([{ type: 'saving', cellKey: 'p1/h/', draft: '3' }, { type: 'refused', cellKey: 'p1/h/', message: 'no' }, { type: 'cancel', cellKey: 'p1/h/' }]);
    expect(state).toEqual({ entries: {}, last: null });
  });
});
