import { z } from 'zod';
import { isPositioned, type GridPlot } from './study-grid';

/**
 * The order a team walks a study's plots in: by plot number, or across the field's grid from one
 * corner, line by line. It is the order of the plot list and of "next plot" while recording.
 *
 * Grid walks use the same orientation as the study grid (common/study-grid.ts): row 1 is the top,
 * column 1 the left. A row-wise walk goes along rows and steps from row to row; a column-wise walk
 * goes along columns. A linear walk goes along every line the same way (back to the start side
 * between lines); a serpentine (zigzag) walk turns at the end of each line and comes back along
 * the next one.
 *
 * Lines are the rows (or columns) that hold at least one plot. A wholly empty row is not a line:
 * nobody walks it, so a serpentine walk turns at the end of each line it actually walks, and the
 * line after a gap runs the opposite way to the line before it. Within a line plots follow their
 * position, so ragged rows and missing cells need nothing special: the walker turns at the last
 * plot of the line. Plots sharing a position go by plot number; plots with no position come last,
 * by plot number.
 */

export const startCorners = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type StartCorner = (typeof startCorners)[number];

export const walkDirections = ['row-wise', 'column-wise'] as const;
export type WalkDirection = (typeof walkDirections)[number];

export const walkPatterns = ['linear', 'serpentine'] as const;
export type WalkPattern = (typeof walkPatterns)[number];

export const walkOrderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plot-number') }).strict(),
  z
    .object({
      kind: z.literal('grid'),
      start: z.enum(startCorners),
      direction: z.enum(walkDirections),
      pattern: z.enum(walkPatterns),
    })
    .strict(),
]);

export type WalkOrder = z.infer<typeof walkOrderSchema>;
export type GridWalk = Extract<WalkOrder, { kind: 'grid' }>;

/** Plot numbers: what a study shows until someone chooses a walk. */
export const defaultWalkOrder: WalkOrder = { kind: 'plot-number' };

/** The grid walk offered first when switching away from plot numbers: the common field-book default. */
export const defaultGridWalk: GridWalk = { kind: 'grid', start: 'top-left', direction: 'row-wise', pattern: 'serpentine' };

const cornerWords: Record<StartCorner, string> = {
  'top-left': 'top left',
  'top-right': 'top right',
  'bottom-left': 'bottom left',
  'bottom-right': 'bottom right',
};

/** The walk in a few words: "Serpentine, column by column, from the bottom left". */
export function describeWalkOrder(order: WalkOrder): string {
  if (order.kind === 'plot-number') return 'By plot number';
  const pattern = order.pattern === 'serpentine' ? 'Serpentine' : 'Straight';
  const lines = order.direction === 'row-wise' ? 'row by row' : 'column by column';
  return `${pattern}, ${lines}, from the ${cornerWords[order.start]}`;
}

const byPlotNumber = (a: GridPlot, b: GridPlot): number => a.plotNumber - b.plotNumber;

/** The plots in walking order (a new array; `plots` is left as it is). */
export function orderPlots<T extends GridPlot>(plots: readonly T[], order: WalkOrder): T[] {
  if (order.kind === 'plot-number') return [...plots].sort(byPlotNumber);

  const rowWise = order.direction === 'row-wise';
  const fromTop = order.start.startsWith('top');
  const fromLeft = order.start.endsWith('left');
  // Which way the walk steps from line to line, and which way it goes along the first line.
  const lineStep = (rowWise ? fromTop : fromLeft) ? 1 : -1;
  const alongStep = (rowWise ? fromLeft : fromTop) ? 1 : -1;

  const walked: { plot: T; line: number; along: number }[] = [];
  const unpositioned: T[] = [];
  for (const plot of plots) {
    if (isPositioned(plot)) walked.push({ plot, line: rowWise ? plot.row : plot.column, along: rowWise ? plot.column : plot.row });
    else unpositioned.push(plot);
  }
  // Occupied lines only, numbered in the order they are walked: the serpentine turns on odd ones.
  const lines = [...new Set(walked.map((w) => w.line))].sort((a, b) => lineStep * (a - b));
  const turnOf = new Map(lines.map((line, i) => [line, i]));
  const keyed = walked.map(({ plot, line, along }) => {
    const rank = turnOf.get(line) ?? 0;
    const back = order.pattern === 'serpentine' && rank % 2 === 1 ? -1 : 1;
    return { plot, rank, along: along * alongStep * back };
  });
  keyed.sort((a, b) => a.rank - b.rank || a.along - b.along || a.plot.plotNumber - b.plot.plotNumber);
  return [...keyed.map((k) => k.plot), ...unpositioned.sort(byPlotNumber)];
}

/**
 * The index of the first plot after `fromIndex` (in walking order) that is not done, wrapping
 * around to the start once; the plot at `fromIndex` itself is looked at last, so it is the answer
 * only when it is the one plot left. A `fromIndex` outside the list starts at the first plot.
 * Null when every plot is done.
 */
export function nextUnscored<T>(ordered: readonly T[], fromIndex: number, isDone: (plot: T, index: number) => boolean): number | null {
  const count = ordered.length;
  const from = fromIndex >= 0 && fromIndex < count ? fromIndex : -1;
  for (let step = 1; step <= count; step++) {
    const index = (from + step) % count;
    const plot = ordered[index];
    if (plot !== undefined && !isDone(plot, index)) return index;
  }
  return null;
}
