import { useLayoutEffect, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { isPositioned, type GridRange, type StudyGrid } from '../../common/study-grid';
import { useFocusOn } from '../hooks/use-focus-on';
import { useVirtualGrid } from '../hooks/use-virtual-grid';
import { gridCellHeight, gridCellId, gridCellWidth, gridHeaderHeight, gridHeaderWidth } from '../recording/grid-layout';
import type { ValueColours } from '../recording/value-colours';
import { PlotGridCell } from './PlotGridCell';

interface PlotGridProps {
  grid: StudyGrid<PlotRow> & { rows: GridRange; columns: GridRange };
  selected: PlotRow | null;
  /** Plots passing the filters; null when nothing is filtered. The others are drawn faded. */
  matchingIds: ReadonlySet<string> | null;
  walkVariables: readonly VariableSummary[];
  colourVariable: VariableSummary | null;
  colours: ValueColours | null;
  /** Changes whenever the grid should take the keyboard focus back (Escape in the entry box). */
  focusToken: number;
  /** A click: select the plot and go to its entry box. */
  onCellClick(unitId: string): void;
  /** Arrow keys: select the neighbouring plot, staying in the grid. */
  onSelect(unitId: string): void;
  /** Enter, or a key that starts typing a value. */
  onEntryKey(event: KeyboardEvent): void;
}

const arrows: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** The field as it is laid out: one cell per row and column position, drawn only where it is in view. */
export function PlotGrid(props: PlotGridProps) {
  const { grid, selected, matchingIds, walkVariables, colourVariable, colours, focusToken, onCellClick, onSelect, onEntryKey } = props;
  const { rows, columns } = grid;
  const scroller = useRef<HTMLDivElement>(null);
  const focusable = useFocusOn<HTMLDivElement>(focusToken);
  const metrics = useMemo(
    () => ({
      rowCount: rows.count,
      columnCount: columns.count,
      cellHeight: gridCellHeight,
      cellWidth: gridCellWidth,
      headerHeight: gridHeaderHeight,
      headerWidth: gridHeaderWidth,
    }),
    [rows.count, columns.count],
  );
  const view = useVirtualGrid(scroller, metrics);
  const at = selected && isPositioned(selected) ? selected : null;
  const selectedRow = at?.row ?? null;
  const selectedColumn = at?.column ?? null;

  const { keepInView } = view;
  useLayoutEffect(() => {
    if (selectedRow === null || selectedColumn === null) return;
    keepInView(
      {
        top: gridHeaderHeight + (selectedRow - rows.first) * gridCellHeight,
        height: gridCellHeight,
        left: gridHeaderWidth + (selectedColumn - columns.first) * gridCellWidth,
        width: gridCellWidth,
      },
      { top: gridHeaderHeight, left: gridHeaderWidth },
      gridCellHeight,
    );
  }, [selectedRow, selectedColumn, rows.first, columns.first, keepInView]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || event.altKey || event.metaKey) return;
    const arrow = arrows[event.key];
    if (arrow) {
      event.preventDefault();
      const next = at ? neighbour(grid, at.row, at.column, arrow[0], arrow[1]) : grid.cells[0]?.plots[0];
      if (next) onSelect(next.id);
    } else if (!event.ctrlKey) {
      onEntryKey(event);
    }
  };

  const width = gridHeaderWidth + columns.count * gridCellWidth;
  const height = gridHeaderHeight + rows.count * gridCellHeight;
  const columnHeads: ReactNode[] = [];
  const rowHeads: ReactNode[] = [];
  const gridRows: ReactNode[] = [];
  for (let c = view.columnStart; c < view.columnEnd; c++) {
    columnHeads.push(
      <div key={c} role="columnheader" className="grid-head grid-column-head" style={{ left: gridHeaderWidth + c * gridCellWidth, width: gridCellWidth, height: gridHeaderHeight }}>
        {columns.first + c}
      </div>,
    );
  }
  for (let r = view.rowStart; r < view.rowEnd; r++) {
    const row = rows.first + r;
    rowHeads.push(
      <div key={r} className="grid-head grid-row-head" style={{ top: r * gridCellHeight, width: gridHeaderWidth, height: gridCellHeight }}>
        {row}
      </div>,
    );
    const cells: ReactNode[] = [];
    for (let c = view.columnStart; c < view.columnEnd; c++) {
      const here = grid.plotsAt(row, columns.first + c);
      const plot = here[0];
      if (!plot) continue;
      const holdsSelected = selected !== null && here.includes(selected);
      cells.push(
        <PlotGridCell
          key={plot.id}
          plot={plot}
          shared={here.length > 1 ? here : null}
          top={gridHeaderHeight + r * gridCellHeight}
          left={gridHeaderWidth + c * gridCellWidth}
          selectedId={holdsSelected ? selected.id : null}
          faded={matchingIds !== null && !holdsSelected && !here.some((p) => matchingIds.has(p.id))}
          walkVariables={walkVariables}
          colourVariable={colourVariable}
          colours={colours}
          onClick={onCellClick}
        />,
      );
    }
    gridRows.push(
      <div key={r} role="row" aria-rowindex={r + 2}>
        {cells}
      </div>,
    );
  }

  return (
    <div ref={scroller} className="plot-grid-scroller">
      <div
        ref={focusable}
        className="plot-grid"
        style={{ width, height }}
        tabIndex={0}
        role="grid"
        aria-label="Plots as laid out in the field"
        aria-rowcount={rows.count + 1}
        aria-colcount={columns.count}
        aria-activedescendant={selected ? gridCellId(selected.id) : undefined}
        onKeyDown={onKeyDown}
        data-testid="plot-grid"
      >
        <div className="grid-column-heads" role="row" aria-rowindex={1} style={{ width, height: gridHeaderHeight }}>
          <div className="grid-corner" style={{ width: gridHeaderWidth, height: gridHeaderHeight }} aria-hidden="true">
            row
          </div>
          {columnHeads}
        </div>
        <div className="grid-row-heads" style={{ width: gridHeaderWidth, height: rows.count * gridCellHeight }} aria-hidden="true">
          {rowHeads}
        </div>
        {gridRows}
      </div>
    </div>
  );
}

/** The nearest plot from (row, column) in the direction (dRow, dColumn), over empty cells; null at the edge. */
function neighbour(grid: PlotGridProps['grid'], row: number, column: number, dRow: number, dColumn: number): PlotRow | null {
  let r = row + dRow;
  let c = column + dColumn;
  while (r >= grid.rows.first && r <= grid.rows.last && c >= grid.columns.first && c <= grid.columns.last) {
    const plot = grid.plotsAt(r, c)[0];
    if (plot) return plot;
    r += dRow;
    c += dColumn;
  }
  return null;
}
