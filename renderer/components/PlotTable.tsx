import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { useFocusOn } from '../hooks/use-focus-on';
import { scrollBoxIntoView, useVirtualRows } from '../hooks/use-virtual-rows';
import { formatCount } from '../format/value-text';
import { unitLabel } from '../format/scale-text';
import {
  cellId,
  plotColumns,
  plotColumnsWidth,
  plotTableRowHeight,
  stickyColumnWidth,
  variableColumnWidth,
} from '../recording/plot-columns';
import { PlotTableRow } from './PlotTableRow';

interface PlotTableProps {
  plots: readonly PlotRow[];
  /** The plots the column headers' progress counts against (the filtered study, which may hold more than `plots`). */
  plotCount: number;
  variables: VariableSummary[];
  /** Values recorded per variable id, for the progress in each column header. */
  recorded: Map<string, number>;
  selectedRow: number;
  selectedVariable: number;
  /** Changes whenever the table should take the keyboard focus back (Escape in the entry box). */
  focusToken: number;
  onCellClick(unitId: string, variableId: string): void;
  /** Arrow keys and friends: move the selection by rows and variables. */
  onMove(rowDelta: number, variableDelta: number, absoluteRow?: number): void;
  /** Enter, or a key that starts typing a value. */
  onEntryKey(event: KeyboardEvent): void;
}

const pageRows = 15;

/** The study's plots, one row each, with one column per variable: a keyboard-driven grid. */
export function PlotTable(props: PlotTableProps) {
  const { plots, plotCount, variables, recorded, selectedRow, selectedVariable, focusToken, onCellClick, onMove, onEntryKey } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLTableSectionElement>(null);
  const table = useFocusOn<HTMLTableElement>(focusToken);
  const visible = useVirtualRows(scroller, plots.length, plotTableRowHeight);
  const selectedPlot = plots[selectedRow];
  const selectedVariableId = variables[selectedVariable]?.id ?? null;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || selectedRow < 0) return;
    const headHeight = head.current?.offsetHeight ?? 0;
    scrollBoxIntoView(
      element,
      {
        top: headHeight + selectedRow * plotTableRowHeight,
        height: plotTableRowHeight,
        left: plotColumnsWidth + Math.max(0, selectedVariable) * variableColumnWidth,
        width: variableColumnWidth,
      },
      { top: headHeight, left: stickyColumnWidth },
      3 * plotTableRowHeight,
    );
  }, [selectedRow, selectedVariable]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>): void => {
    if (event.target !== event.currentTarget || event.altKey || event.metaKey) return;
    const moves: Record<string, () => void> = {
      ArrowUp: () => onMove(-1, 0),
      ArrowDown: () => onMove(1, 0),
      ArrowLeft: () => onMove(0, -1),
      ArrowRight: () => onMove(0, 1),
      PageUp: () => onMove(-pageRows, 0),
      PageDown: () => onMove(pageRows, 0),
      Home: () => (event.ctrlKey ? onMove(0, 0, 0) : onMove(0, -variables.length)),
      End: () => (event.ctrlKey ? onMove(0, 0, plots.length - 1) : onMove(0, variables.length)),
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      move();
    } else if (!event.ctrlKey) {
      onEntryKey(event);
    }
  };

  const totalWidth = plotColumnsWidth + variables.length * variableColumnWidth;
  return (
    <div ref={scroller} className="plot-table-scroller">
      <table
        ref={table}
        className="plot-table"
        style={{ width: totalWidth }}
        tabIndex={0}
        role="grid"
        aria-label="Plots and their current values"
        aria-rowcount={plots.length + 1}
        aria-colcount={plotColumns.length + variables.length}
        aria-activedescendant={selectedPlot && selectedVariableId ? cellId(selectedPlot.id, selectedVariableId) : undefined}
        onKeyDown={onKeyDown}
        data-testid="plot-table"
      >
        <colgroup>
          {plotColumns.map((column) => (
            <col key={column.key} style={{ width: column.width }} />
          ))}
          {variables.map((variable) => (
            <col key={variable.id} style={{ width: variableColumnWidth }} />
          ))}
        </colgroup>
        <thead ref={head}>
          <tr aria-rowindex={1}>
            {plotColumns.map((column, i) => (
              <th key={column.key} scope="col" className={`${column.numeric ? 'numeric' : ''}${i === 0 ? ' cell-plot' : ''}`}>
                {column.label}
              </th>
            ))}
            {variables.map((variable, i) => {
              const done = recorded.get(variable.id) ?? 0;
              const share = plotCount === 0 ? 0 : Math.min(1, done / plotCount);
              const unit = unitLabel(variable);
              return (
                <th
                  key={variable.id}
                  scope="col"
                  className={`column-variable${i === selectedVariable ? ' column-selected' : ''}`}
                  title={`${variable.trait}: ${formatCount(done)} of ${formatCount(plotCount)} plots recorded`}
                >
                  <span className="column-name">{variable.name}</span>
                  <span className="column-meta">
                    {unit ? <span className="column-unit">{unit}</span> : null}
                    <span className="column-count">
                      {formatCount(done)}/{formatCount(plotCount)}
                    </span>
                  </span>
                  <span className="column-progress" aria-hidden="true">
                    <span style={{ width: `${Math.round(share * 100)}%` }} />
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {visible.before > 0 ? <SpacerRow height={visible.before} span={plotColumns.length + variables.length} /> : null}
          {plots.slice(visible.start, visible.end).map((plot, i) => (
            <PlotTableRow
              key={plot.id}
              plot={plot}
              rowIndex={visible.start + i}
              variables={variables}
              selectedVariableId={visible.start + i === selectedRow ? selectedVariableId : null}
              onCellClick={onCellClick}
            />
          ))}
          {visible.after > 0 ? <SpacerRow height={visible.after} span={plotColumns.length + variables.length} /> : null}
        </tbody>
      </table>
    </div>
  );
}

function SpacerRow({ height, span }: { height: number; span: number }) {
  return (
    <tr aria-hidden="true" className="spacer-row" style={{ height }}>
      <td colSpan={span} />
    </tr>
  );
}
