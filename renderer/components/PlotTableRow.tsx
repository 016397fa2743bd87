import { memo } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { displayValue } from '../format/value-text';
import { alignsRight, cellId, plotColumns } from '../recording/plot-columns';

interface PlotTableRowProps {
  plot: PlotRow;
  rowIndex: number;
  variables: VariableSummary[];
  /** The selected variable when this row holds the selected cell; null on every other row. */
  selectedVariableId: string | null;
  onCellClick(unitId: string, variableId: string): void;
}

/** One plot: its own columns and the current value of each variable. Re-renders only when its plot or selection changes. */
export const PlotTableRow = memo(function PlotTableRow({ plot, rowIndex, variables, selectedVariableId, onCellClick }: PlotTableRowProps) {
  return (
    <tr aria-rowindex={rowIndex + 2} className={selectedVariableId ? 'row-selected' : undefined} data-testid={`plot-${plot.plotNumber}`}>
      {plotColumns.map((column, i) =>
        i === 0 ? (
          <th key={column.key} scope="row" className="cell-plot numeric">
            {column.value(plot)}
          </th>
        ) : (
          <td key={column.key} className={column.numeric ? 'numeric cell-fact' : 'cell-fact'}>
            {column.value(plot)}
          </td>
        ),
      )}
      {variables.map((variable) => {
        const latest = plot.latest[variable.id];
        const shown = latest ? displayValue(variable, latest.value) : '';
        const selected = variable.id === selectedVariableId;
        return (
          <td
            key={variable.id}
            id={cellId(plot.id, variable.id)}
            aria-selected={selected}
            className={`cell-value${selected ? ' cell-selected' : ''}${latest ? '' : ' cell-empty'}${alignsRight(variable) ? ' numeric' : ''}`}
            data-testid={`cell-${plot.plotNumber}-${variable.name}`}
            title={variable.scaleType === 'text' && shown ? shown : undefined}
            onClick={() => onCellClick(plot.id, variable.id)}
          >
            {shown}
          </td>
        );
      })}
    </tr>
  );
});
