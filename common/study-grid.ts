/**
 * A study's field layout as a grid, built from its plots' row and column positions.
 *
 * Row 1 is the top row and column 1 the left column, as on the map and in the field book: the
 * grid's ranges run from the smallest to the largest occupied row and column, and rows or columns
 * in between with no plot are part of the grid (a path, a missing strip) rather than closed up.
 * A plot has a position only when both its row and its column are whole numbers; the others are
 * listed apart. Two plots at one position are both kept, and the cell is reported as a duplicate.
 */

/** What the grid needs to know of a plot. */
export interface GridPlot {
  plotNumber: number;
  row: number | null;
  column: number | null;
}

export type PositionedPlot<T extends GridPlot> = T & { row: number; column: number };

/** True when the plot has a usable position: a whole-number row and column. */
export function isPositioned<T extends GridPlot>(plot: T): plot is PositionedPlot<T> {
  return Number.isInteger(plot.row) && Number.isInteger(plot.column);
}

/** First and last occupied index along one axis; `count` includes the empty ones between. */
export interface GridRange {
  first: number;
  last: number;
  count: number;
}

export interface GridCell<T> {
  row: number;
  column: number;
  /** The plots at this position, by plot number: one, or more when positions collide. */
  plots: readonly T[];
}

export interface StudyGrid<T extends GridPlot> {
  /** Null when no plot has a position. */
  rows: GridRange | null;
  columns: GridRange | null;
  /** The plots at a position, by plot number; empty for an empty cell or a position outside the grid. */
  plotsAt(row: number, column: number): readonly T[];
  /** The occupied cells, row by row, each row by column. */
  cells: readonly GridCell<T>[];
  /** Plots without a usable position, by plot number. */
  unpositioned: readonly T[];
  /** Cells holding more than one plot, in the order of `cells`. */
  duplicates: readonly GridCell<T>[];
}

const byPlotNumber = (a: GridPlot, b: GridPlot): number => a.plotNumber - b.plotNumber;
const none: readonly never[] = Object.freeze([]);

function rangeOf(values: Iterable<number>): GridRange | null {
  let first = Infinity;
  let last = -Infinity;
  for (const value of values) {
    if (value < first) first = value;
    if (value > last) last = value;
  }
  return first === Infinity ? null : { first, last, count: last - first + 1 };
}

/** Builds the grid of `plots` (any order). Linear in the number of plots, whatever the grid's size. */
export function buildStudyGrid<T extends GridPlot>(plots: readonly T[]): StudyGrid<T> {
  const positioned: PositionedPlot<T>[] = [];
  const unpositioned: T[] = [];
  for (const plot of plots) {
    if (isPositioned(plot)) positioned.push(plot);
    else unpositioned.push(plot);
  }
  unpositioned.sort(byPlotNumber);
  const rows = rangeOf(positioned.map((p) => p.row));
  const columns = rangeOf(positioned.map((p) => p.column));
  if (!rows || !columns) {
    return { rows: null, columns: null, plotsAt: () => none, cells: [], unpositioned, duplicates: [] };
  }

  // One number per position, so the lookup needs no string keys.
  const keyOf = (row: number, column: number): number => (row - rows.first) * columns.count + (column - columns.first);
  const byKey = new Map<number, T[]>();
  for (const plot of positioned) {
    const key = keyOf(plot.row, plot.column);
    const here = byKey.get(key);
    if (here) here.push(plot);
    else byKey.set(key, [plot]);
  }
  const cells: GridCell<T>[] = [];
  for (const [key, here] of [...byKey].sort((a, b) => a[0] - b[0])) {
    here.sort(byPlotNumber);
    cells.push({ row: rows.first + Math.floor(key / columns.count), column: columns.first + (key % columns.count), plots: here });
  }
  const inside = (row: number, column: number): boolean =>
    row >= rows.first && row <= rows.last && column >= columns.first && column <= columns.last;
  return {
    rows,
    columns,
    plotsAt: (row, column) => (inside(row, column) ? (byKey.get(keyOf(row, column)) ?? none) : none),
    cells,
    unpositioned,
    duplicates: cells.filter((cell) => cell.plots.length > 1),
  };
}
