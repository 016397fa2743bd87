import { memo } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { displayValue } from '../format/value-text';
import { gridCellId } from '../recording/grid-layout';
import type { ValueColours } from '../recording/value-colours';

interface PlotGridCellProps {
  /** The cell's plot, or its first one when several share the position. */
  plot: PlotRow;
  /** All plots at this position when there is more than one; else null. */
  shared: readonly PlotRow[] | null;
  top: number;
  left: number;
  /** The selected plot's id when it is in this cell; null on every other cell. */
  selectedId: string | null;
  /** Filtered out: drawn faded, still clickable. */
  faded: boolean;
  walkVariables: readonly VariableSummary[];
  colourVariable: VariableSummary | null;
  colours: ValueColours | null;
  onClick(unitId: string): void;
}

/** ●○●: one dot per trait of the walk, filled when the plot has a value for it. */
function dotsOf(plot: PlotRow, walkVariables: readonly VariableSummary[]): { dots: string; done: number } {
  let dots = '';
  let done = 0;
  for (const variable of walkVariables) {
    const has = plot.latest[variable.id] !== undefined;
    if (has) done++;
    dots += has ? '●' : '○';
  }
  return { dots, done };
}

/** One position of the field: plot number, entry, what is recorded; coloured by a variable's value when chosen. */
export const PlotGridCell = memo(function PlotGridCell(props: PlotGridCellProps) {
  const { plot, shared, top, left, selectedId, faded, walkVariables, colourVariable, colours, onClick } = props;
  const base = `grid-cell${faded ? ' grid-cell-faded' : ''}`;
  if (shared) {
    return (
      <div
        role="gridcell"
        className={`${base} grid-cell-shared${selectedId ? ' grid-cell-selected' : ''}`}
        style={{ top, left }}
        title={`Plots ${shared.map((p) => p.plotNumber).join(', ')} all have row ${plot.row}, column ${plot.column}: check the layout.`}
        data-row={plot.row ?? undefined}
        data-column={plot.column ?? undefined}
      >
        {shared.map((p) => (
          <button
            key={p.id}
            type="button"
            tabIndex={-1}
            id={gridCellId(p.id)}
            className={`grid-cell-part${p.id === selectedId ? ' grid-cell-part-selected' : ''}`}
            data-testid={`grid-cell-${p.plotNumber}`}
            onClick={() => onClick(p.id)}
          >
            {p.plotNumber}
          </button>
        ))}
      </div>
    );
  }

  const { dots, done } = dotsOf(plot, walkVariables);
  const latest = colourVariable ? plot.latest[colourVariable.id] : undefined;
  const colour = colours?.colourOf(latest?.value) ?? null;
  const shown = colourVariable && latest ? `; ${colourVariable.name} ${displayValue(colourVariable, latest.value, true)}` : '';
  return (
    <div
      role="gridcell"
      id={gridCellId(plot.id)}
      aria-selected={selectedId !== null}
      aria-label={`Plot ${plot.plotNumber}, entry ${plot.entryNumber ?? 'none'}: ${done} of ${walkVariables.length} traits recorded${shown}`}
      className={`${base}${selectedId ? ' grid-cell-selected' : ''}${done === walkVariables.length ? ' grid-cell-done' : ''}`}
      style={colour ? { top, left, background: colour.background, color: colour.text } : { top, left }}
      title={`Plot ${plot.plotNumber} · ${plot.germplasmName ?? 'no germplasm'}${shown}`}
      data-testid={`grid-cell-${plot.plotNumber}`}
      data-row={plot.row ?? undefined}
      data-column={plot.column ?? undefined}
      data-faded={faded || undefined}
      onClick={() => onClick(plot.id)}
    >
      <span className="grid-cell-plot">{plot.plotNumber}</span>
      <span className="grid-cell-entry">{plot.entryNumber === null ? '' : `E${plot.entryNumber}`}</span>
      <span className="grid-cell-dots" aria-hidden="true">
        {walkVariables.length <= 10 ? dots : `${done}/${walkVariables.length}`}
      </span>
    </div>
  );
});
