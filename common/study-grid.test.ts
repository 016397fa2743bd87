import { describe, expect, it } from 'vitest';
import { buildStudyGrid, isPositioned } from './study-grid';

interface Plot {
  plotNumber: number;
  row: number | null;
  column: number | null;
}

const at = (plotNumber: number, row: number | null, column: number | null): Plot => ({ plotNumber, row, column });
const numbersAt = (grid: ReturnType<typeof buildStudyGrid<Plot>>, row: number, column: number): number[] =>
  grid.plotsAt(row, column).map((p) => p.plotNumber);

describe('the study grid', () => {
  it('spans the occupied rows and columns and finds each plot by its position', () => {
    const plots = [at(6, 2, 3), at(1, 1, 1), at(2, 1, 2), at(3, 1, 3), at(4, 2, 1), at(5, 2, 2)];
    const grid = buildStudyGrid(plots);
    expect(grid.rows).toEqual({ first: 1, last: 2, count: 2 });
    expect(grid.columns).toEqual({ first: 1, last: 3, count: 3 });
    expect(numbersAt(grid, 1, 1)).toEqual([1]);
    expect(numbersAt(grid, 2, 3)).toEqual([6]);
    expect(grid.cells.map((c) => [c.row, c.column, c.plots[0]?.plotNumber])).toEqual([
      [1, 1, 1], [1, 2, 2], [1, 3, 3], [2, 1, 4], [2, 2, 5], [2, 3, 6],
    ]);
    expect(grid.unpositioned).toEqual([]);
    expect(grid.duplicates).toEqual([]);
  });

  it('keeps empty cells and empty rows between plots, and finds nothing there or outside the grid', () => {
    const grid = buildStudyGrid([at(1, 3, 5), at(2, 6, 7), at(3, 6, 5)]);
    expect(grid.rows).toEqual({ first: 3, last: 6, count: 4 });
    expect(grid.columns).toEqual({ first: 5, last: 7, count: 3 });
    expect(numbersAt(grid, 3, 6)).toEqual([]);
    expect(numbersAt(grid, 4, 5)).toEqual([]);
    expect(numbersAt(grid, 1, 1)).toEqual([]);
    expect(numbersAt(grid, 6, 8)).toEqual([]);
    expect(numbersAt(grid, 6, 7)).toEqual([2]);
  });

  it('lists plots without a whole row and column apart, by plot number', () => {
    const grid = buildStudyGrid([at(9, null, null), at(1, 1, 1), at(4, 2, null), at(7, null, 3), at(5, 1.5, 2)]);
    expect(grid.unpositioned.map((p) => p.plotNumber)).toEqual([4, 5, 7, 9]);
    expect(grid.cells).toHaveLength(1);
    expect(grid.rows).toEqual({ first: 1, last: 1, count: 1 });
  });

  it('keeps both plots when two share a cell, and reports the cell', () => {
    const grid = buildStudyGrid([at(1, 1, 1), at(12, 1, 2), at(2, 1, 2), at(3, 2, 2), at(30, 2, 2), at(31, 2, 2)]);
    expect(numbersAt(grid, 1, 2)).toEqual([2, 12]);
    expect(grid.duplicates.map((c) => ({ row: c.row, column: c.column, plots: c.plots.map((p) => p.plotNumber) }))).toEqual([
      { row: 1, column: 2, plots: [2, 12] },
      { row: 2, column: 2, plots: [3, 30, 31] },
    ]);
    expect(grid.cells.flatMap((c) => c.plots)).toHaveLength(6);
  });

  it('has no ranges when no plot has a position', () => {
    const grid = buildStudyGrid([at(2, null, null), at(1, null, 4)]);
    expect(grid.rows).toBeNull();
    expect(grid.columns).toBeNull();
    expect(grid.plotsAt(1, 4)).toEqual([]);
    expect(grid.unpositioned.map((p) => p.plotNumber)).toEqual([1, 2]);
    expect(buildStudyGrid([]).cells).toEqual([]);
  });

  it('handles positions at zero and below', () => {
    const grid = buildStudyGrid([at(1, -1, 0), at(2, 0, -2)]);
    expect(grid.rows).toEqual({ first: -1, last: 0, count: 2 });
    expect(grid.columns).toEqual({ first: -2, last: 0, count: 3 });
    expect(numbersAt(grid, -1, 0)).toEqual([1]);
    expect(numbersAt(grid, 0, -2)).toEqual([2]);
  });

  it('builds a 5,000-plot grid quickly', () => {
    const plots = Array.from({ length: 5000 }, (_, i) => at(i + 1, Math.floor(i / 25) + 1, (i % 25) + 1));
    const started = performance.now();
    const grid = buildStudyGrid(plots);
    expect(performance.now() - started).toBeLessThan(200);
    expect(grid.rows?.count).toBe(200);
    expect(numbersAt(grid, 200, 25)).toEqual([5000]);
  });

  it('says whether a plot has a usable position', () => {
    expect(isPositioned(at(1, 1, 1))).toBe(true);
    expect(isPositioned(at(1, 0, 0))).toBe(true);
    expect(isPositioned(at(1, null, 1))).toBe(false);
    expect(isPositioned(at(1, 1, Number.NaN))).toBe(false);
  });
});
