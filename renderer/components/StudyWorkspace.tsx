import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PlotRow, RecordedObservation, StudyDetail } from '../../common/api-contract';
import { isChoiceScale } from '../format/scale-text';
import { formatCount } from '../format/value-text';
import { choiceForKey, type EntryKeyActions } from '../recording/entry-keys';
import { countRecorded, findPlot, findPlotByBarcode, resumePoint, type Selection } from '../recording/study-progress';
import { typicalRange, unusualValueNote } from '../recording/typical-range';
import { useRecorder } from '../recording/use-recorder';
import { orderPlots, walkOrderLabels, type WalkOrder } from '../recording/walk-order';
import { EntryPanel } from './EntryPanel';
import { GoToPlot } from './GoToPlot';
import { PlotTable } from './PlotTable';
import { StudyHeader } from './StudyHeader';

interface StudyWorkspaceProps {
  study: StudyDetail;
  plots: PlotRow[];
  patchPlots(update: (plots: PlotRow[]) => PlotRow[]): void;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** The recording screen: the plot table, the entry box for the selected cell, and moving between plots. */
export function StudyWorkspace({ study, plots, patchPlots }: StudyWorkspaceProps) {
  const { variables } = study;
  const [order, setOrder] = useState<WalkOrder>('plot-number');
  const rows = useMemo(() => orderPlots(plots, order), [plots, order]);
  const indexById = useMemo(() => new Map(rows.map((row, i) => [row.id, i])), [rows]);
  const recorded = useMemo(() => countRecorded(plots, variables), [plots, variables]);
  const [selection, setSelection] = useState<Selection | null>(() => resumePoint(orderPlots(plots, 'plot-number'), variables));
  const [entryFocus, setEntryFocus] = useState(0);
  const [tableFocus, setTableFocus] = useState(0);
  const body = useRef<HTMLDivElement>(null);
  // Runs after the entry widget for the new cell is in the DOM (it may just have replaced another kind).
  useEffect(() => {
    if (entryFocus > 0) body.current?.querySelector<HTMLElement>('[data-entry-focus]')?.focus({ preventScroll: true });
  }, [entryFocus]);

  const rowIndex = selection ? (indexById.get(selection.unitId) ?? -1) : -1;
  const variableIndex = selection ? variables.findIndex((v) => v.id === selection.variableId) : -1;
  const plot = rows[rowIndex] ?? null;
  const variable = variables[variableIndex] ?? null;
  const typical = useMemo(() => (variable ? typicalRange(plots, variable) : null), [plots, variable]);

  const onRecorded = useCallback(
    (observation: RecordedObservation) =>
      patchPlots((current) =>
        current.map((p) =>
          p.id === observation.unitId
            ? {
                ...p,
                latest: {
                  ...p.latest,
                  [observation.variableId]: { observationId: observation.id, value: observation.value, observedAt: observation.observedAt },
                },
              }
            : p,
        ),
      ),
    [patchPlots],
  );
  const recorder = useRecorder(plot && variable ? { unitId: plot.id, variableId: variable.id } : null, onRecorded);
  const { entry } = recorder;
  // An unusual value (a slipped digit?) is saved on the second Enter, after the note was shown.
  const unusual = variable && entry.status === 'editing' ? unusualValueNote(variable, entry.draft, typical) : null;
  const [warned, setWarned] = useState<string | null>(null);
  const warnKey = plot && variable ? `${plot.id}/${variable.id}/${entry.draft}` : '';

  const select = (target: PlotRow | undefined, variableId: string | undefined, focusEntry: boolean): void => {
    if (!target || !variableId) return;
    setSelection({ unitId: target.id, variableId });
    if (focusEntry) setEntryFocus((n) => n + 1);
  };

  const onCellClick = useCallback((unitId: string, variableId: string) => {
    setSelection({ unitId, variableId });
    setEntryFocus((n) => n + 1);
  }, []);

  const moveBy = (rowDelta: number, variableDelta: number, absoluteRow?: number): void => {
    if (rows.length === 0 || variables.length === 0) return;
    const nextRow = clamp(absoluteRow ?? Math.max(0, rowIndex) + rowDelta, 0, rows.length - 1);
    const nextVariable = clamp(Math.max(0, variableIndex) + variableDelta, 0, variables.length - 1);
    select(rows[nextRow], variables[nextVariable]?.id, false);
  };

  const clean = entry.draft.trim() === '' || (entry.status === 'saved' && entry.draft === entry.savedValue);
  const actions: EntryKeyActions = {
    clean,
    submit() {
      if (entry.status === 'saving') return;
      if (clean) {
        if (rowIndex + 1 < rows.length) select(rows[rowIndex + 1], variable?.id, false);
        return;
      }
      const scanned = findPlotByBarcode(rows, entry.draft);
      if (scanned) {
        recorder.cancel();
        select(scanned, variable?.id, false);
        return;
      }
      if (unusual && warned !== warnKey) {
        setWarned(warnKey);
        return;
      }
      void recorder.save();
    },
    cancel() {
      if (!clean || entry.status === 'refused' || entry.status === 'failed') recorder.cancel();
      else setTableFocus((n) => n + 1);
    },
    move(delta) {
      if (rowIndex + delta >= 0 && rowIndex + delta < rows.length) select(rows[rowIndex + delta], variable?.id, false);
    },
  };

  const onEntryKey = (event: KeyboardEvent): void => {
    if (!variable) return;
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      setEntryFocus((n) => n + 1);
    } else if (isChoiceScale(variable)) {
      const choice = choiceForKey(variable, event.key);
      if (choice) {
        event.preventDefault();
        void recorder.save(choice.value);
      }
    } else if (event.key.length === 1 && variable.scaleType !== 'date') {
      event.preventDefault();
      recorder.edit(event.key);
      setEntryFocus((n) => n + 1);
    }
  };

  const goTo = (code: string): boolean => {
    const target = findPlot(rows, code);
    select(target ?? undefined, variable?.id ?? variables[0]?.id, true);
    return target !== null;
  };

  const totalRecorded = [...recorded.values()].reduce((sum, n) => sum + n, 0);
  const totalCells = plots.length * variables.length;

  return (
    <div className="study">
      <StudyHeader study={study} />
      <div className="study-toolbar">
        <GoToPlot onGo={goTo} />
        <label className="toolbar-field">
          <span>Walk order</span>
          <select className="input input-small" value={order} onChange={(event) => setOrder(event.target.value as WalkOrder)}>
            {Object.entries(walkOrderLabels).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <p className="toolbar-summary" data-testid="study-progress">
          <strong>{formatCount(totalRecorded)}</strong> of {formatCount(totalCells)} values recorded
          {totalCells > 0 ? ` (${Math.floor((totalRecorded / totalCells) * 100)}%)` : ''}
        </p>
      </div>
      {variables.length === 0 || rows.length === 0 ? (
        <div className="empty-state">
          <h2>{rows.length === 0 ? 'This study has no plots yet' : 'No traits are set up for this study'}</h2>
          <p>There is nothing to record here until the study’s {rows.length === 0 ? 'plots are laid out' : 'traits are chosen'}.</p>
        </div>
      ) : (
        <div className="study-body" ref={body}>
          <PlotTable
            plots={rows}
            variables={variables}
            recorded={recorded}
            selectedRow={rowIndex}
            selectedVariable={variableIndex}
            focusToken={tableFocus}
            onCellClick={onCellClick}
            onMove={moveBy}
            onEntryKey={onEntryKey}
          />
          {plot && variable ? (
            <EntryPanel
              plot={plot}
              position={{ index: rowIndex, count: rows.length }}
              variable={variable}
              variables={variables}
              recorded={recorded}
              recorder={recorder}
              unusualNote={unusual}
              confirmingUnusual={unusual !== null && warned === warnKey}
              actions={actions}
              onVariableChange={(variableId) => select(plot, variableId, true)}
            />
          ) : (
            <aside className="entry-panel entry-panel-empty">
              <p>Click a cell in the table, or go to a plot, to record a value.</p>
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
