import { describe, expect, it } from 'vitest';
import { cellAfterSave } from './after-save';

describe('where Enter goes after a save', () => {
  it('stays, goes down the walk, or along the traits and then to the next plot', () => {
    expect(cellAfterSave('stay', 3, 10, 1, 3)).toBeNull();
    expect(cellAfterSave('next-plot', 3, 10, 1, 3)).toEqual({ row: 4, variable: 1 });
    expect(cellAfterSave('next-variable', 3, 10, 1, 3)).toEqual({ row: 3, variable: 2 });
    expect(cellAfterSave('next-variable', 3, 10, 2, 3)).toEqual({ row: 4, variable: 0 });
  });

  it('stays on the last plot of the walk', () => {
    expect(cellAfterSave('next-plot', 9, 10, 0, 3)).toBeNull();
    expect(cellAfterSave('next-variable', 9, 10, 2, 3)).toBeNull();
  });
});
