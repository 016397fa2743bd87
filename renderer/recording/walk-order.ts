import type { PlotRow } from '../../common/api-contract';

/** The order plots are walked in, which is also the order of the table and of "next plot". */
export type WalkOrder = 'plot-number' | 'serpentine';

export const walkOrderLabels: Record<WalkOrder, string> = {
  'plot-number': 'Plot number',
  serpentine: 'Serpentine (row by row)',
};

/** Serpentine: row by row, odd rows by rising column, even rows back; plots without a position last. */
export function orderPlots(plots: readonly PlotRow[], order: WalkOrder): PlotRow[] {
  if (order === 'plot-number') return [...plots].sort((a, b) => a.plotNumber - b.plotNumber);
  const far = Number.MAX_SAFE_INTEGER;
  return [...plots].sort((a, b) => {
    const rowA = a.row ?? far;
    const rowB = b.row ?? far;
    if (rowA !== rowB) return rowA - rowB;
    const direction = rowA % 2 === 0 ? -1 : 1;
    const columnA = a.column ?? far;
    const columnB = b.column ?? far;
    if (columnA !== columnB) return direction * (columnA - columnB);
    return a.plotNumber - b.plotNumber;
  });
}
