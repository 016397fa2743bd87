import type { PlotRow, VariableSummary } from '../../common/api-contract';

/** The plot's own columns of the study table, before one column per variable. */
export interface PlotColumn {
  key: string;
  label: string;
  width: number;
  value(plot: PlotRow): string;
  numeric: boolean;
}

const text = (value: number | string | null): string => (value === null ? '' : String(value));

export const plotColumns: PlotColumn[] = [
  { key: 'plot', label: 'Plot', width: 76, value: (p) => String(p.plotNumber), numeric: true },
  { key: 'block', label: 'Block', width: 62, value: (p) => text(p.block), numeric: true },
  { key: 'rep', label: 'Rep', width: 54, value: (p) => text(p.replicate), numeric: true },
  { key: 'row', label: 'Row', width: 54, value: (p) => text(p.row), numeric: true },
  { key: 'column', label: 'Col', width: 54, value: (p) => text(p.column), numeric: true },
  { key: 'entry', label: 'Entry', width: 62, value: (p) => text(p.entryNumber), numeric: true },
  { key: 'germplasm', label: 'Germplasm', width: 136, value: (p) => p.germplasmName ?? '', numeric: false },
];

export const variableColumnWidth = 124;
export const plotTableRowHeight = 34;
export const plotColumnsWidth = plotColumns.reduce((sum, c) => sum + c.width, 0);
export const stickyColumnWidth = plotColumns[0]?.width ?? 0;

export function cellId(unitId: string, variableId: string): string {
  return `cell-${unitId}-${variableId}`;
}

/** Numbers, scores and dates line up on the right; words and categories read from the left. */
export function alignsRight(variable: VariableSummary): boolean {
  return !['text', 'categorical', 'boolean'].includes(variable.scaleType);
}
