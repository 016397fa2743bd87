/** Sizes of the field grid (see PlotGrid), in pixels: every cell is the same size, so it can be virtualised. */
export const gridCellWidth = 76;
export const gridCellHeight = 54;
export const gridHeaderHeight = 24;
export const gridHeaderWidth = 40;

export function gridCellId(unitId: string): string {
  return `grid-cell-${unitId}`;
}
