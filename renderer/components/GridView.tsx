import { useId, type KeyboardEvent } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import type { StudyGrid } from '../../common/study-grid';
import { formatCount } from '../format/value-text';
import { isColourable, type ValueColours } from '../recording/value-colours';
import { ColourLegend } from './ColourLegend';
import { PlotGrid } from './PlotGrid';

interface GridViewProps {
  grid: StudyGrid<PlotRow>;
  variables: readonly VariableSummary[];
  selected: PlotRow | null;
  matchingIds: ReadonlySet<string> | null;
  walkVariables: readonly VariableSummary[];
  colourVariable: VariableSummary | null;
  colours: ValueColours | null;
  onColourChange(variableId: string | null): void;
  focusToken: number;
  onCellClick(unitId: string): void;
  onSelect(unitId: string): void;
  onEntryKey(event: KeyboardEvent): void;
}

const listedAtMost = 200;

/** The grid view: colour choice and legend, layout warnings, the field grid, and plots with no position. */
export function GridView(props: GridViewProps) {
  const { grid, variables, selected, matchingIds, walkVariables, colourVariable, colours, onColourChange } = props;
  const { focusToken, onCellClick, onSelect, onEntryKey } = props;
  const colourId = useId();
  const { rows, columns } = grid;
  const sharedCells = grid.duplicates;
  return (
    <div className="grid-view" data-testid="grid-view">
      <div className="grid-bar">
        <label className="toolbar-field" htmlFor={colourId}>
          <span>Colour by</span>
        </label>
        <select
          id={colourId}
          className="input input-small"
          value={colourVariable?.id ?? ''}
          onChange={(event) => onColourChange(event.target.value === '' ? null : event.target.value)}
        >
          <option value="">Nothing (progress only)</option>
          {variables.filter(isColourable).map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        {colours ? <ColourLegend legend={colours.legend} /> : null}
        {sharedCells.length > 0 ? (
          <p className="grid-warning" role="note" data-testid="grid-duplicates">
            {sharedCells.length === 1 ? 'One position holds' : `${formatCount(sharedCells.length)} positions hold`} more than one plot:{' '}
            {sharedCells
              .slice(0, 3)
              .map((cell) => `row ${cell.row}, column ${cell.column} (plots ${cell.plots.map((p) => p.plotNumber).join(', ')})`)
              .join('; ')}
            {sharedCells.length > 3 ? '; …' : ''}
          </p>
        ) : null}
      </div>
      {rows && columns ? (
        <PlotGrid
          grid={{ ...grid, rows, columns }}
          selected={selected}
          matchingIds={matchingIds}
          walkVariables={walkVariables}
          colourVariable={colourVariable}
          colours={colours}
          focusToken={focusToken}
          onCellClick={onCellClick}
          onSelect={onSelect}
          onEntryKey={onEntryKey}
        />
      ) : (
        <div className="empty-state">
          <h2>No field positions</h2>
          <p>None of this study’s plots has a row and column, so there is no field grid to draw. The list shows every plot.</p>
        </div>
      )}
      {grid.unpositioned.length > 0 && rows ? (
        <div className="grid-unpositioned" data-testid="grid-unpositioned">
          <span>
            {formatCount(grid.unpositioned.length)} {grid.unpositioned.length === 1 ? 'plot has' : 'plots have'} no position:
          </span>
          {grid.unpositioned.slice(0, listedAtMost).map((plot) => (
            <button
              key={plot.id}
              type="button"
              className={`button button-small${plot.id === selected?.id ? ' button-selected' : ''}`}
              onClick={() => onCellClick(plot.id)}
            >
              {plot.plotNumber}
            </button>
          ))}
          {grid.unpositioned.length > listedAtMost ? <span>… the list shows them all.</span> : null}
        </div>
      ) : null}
    </div>
  );
}
