import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { PlotRow, StudyDetail } from '../../common/api-contract';
import { defaultWalkOrder, nextUnscored, orderPlots } from '../../common/walk-order';
import { isChoiceScale } from '../format/scale-text';
import { formatCount } from '../format/value-text';
import { cellAfterSave, useAfterSave } from '../recording/after-save';
import { choiceForKey, type EntryKeyActions } from '../recording/entry-keys';
import { filterPlots, isScored, noFilter, type PlotFilter } from '../recording/plot-filter';
import { withLatest } from '../recording/plot-values';
import { countRecorded, findPlot, findPlotByBarcode, resumePoint, type Selection } from '../recording/study-progress';
import { typicalRange, unusualValueNote } from '../recording/typical-range';
import { useRecorder } from '../recording/use-recorder';
import { useScanMatch } from '../recording/use-scan-match';
import { useStudyConflicts } from '../recording/use-study-conflicts';
import { useStudyView } from '../recording/use-study-view';
import { useUndoShortcut } from '../recording/use-undo-shortcut';
import { useStableCallback } from '../hooks/use-stable-callback';
import { ConflictReview } from './ConflictReview';
import { EntryPanel } from './EntryPanel';
import { GridView } from './GridView';
import { PlotFilters } from './PlotFilters';
import { PlotTable } from './PlotTable';
import { StudyActions } from './StudyActions';
import { StudyHeader } from './StudyHeader';
import { StudyNotebook } from './StudyNotebook';
import { StudyToolbar } from './StudyToolbar';
import { TraitProgress } from './TraitProgress';
import '../styles/field-capture.css';

interface StudyWorkspaceProps {
  study: StudyDetail;
  plots: PlotRow[];
  patchPlots(update: (plots: PlotRow[]) => PlotRow[]): void;
  /** The timepoint values are recorded at and shown for (null: none). */
  timepoint: string | null;
  onTimepointChange(timepoint: string | null): void;
  /** The chosen timepoint's values are still loading (the previous ones are shown meanwhile). */
  timepointLoading: boolean;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));

/** The recording screen: the plots as a list or a field grid, the entry box for the selected cell, and moving between plots. */
export function StudyWorkspace({ study, plots, patchPlots, timepoint, onTimepointChange, timepointLoading }: StudyWorkspaceProps) {
  const { variables } = study;
  const [initialSelection] = useState(() => resumePoint(orderPlots(plots, defaultWalkOrder), variables));
  const [selection, setSelection] = useState<Selection | null>(initialSelection);
  const view = useStudyView(study.id, variables, plots, selection?.unitId ?? null);
  // Once the study's saved walk is known, pick up along it (unless someone already moved).
  const [resumedAlongWalk, setResumedAlongWalk] = useState(false);
  if (!resumedAlongWalk && view.orderKnown) {
    setResumedAlongWalk(true);
    if (selection === initialSelection && view.order.kind !== 'plot-number') setSelection(resumePoint(view.ordered, variables));
  }
  const { rows, walkVariableIds } = view;
  const indexById = useMemo(() => new Map(rows.map((row, i) => [row.id, i])), [rows]);
  const walkIndexById = useMemo(() => new Map(view.ordered.map((row, i) => [row.id, i])), [view.ordered]);
  const studyRecorded = view.recorded;
  const rowsRecorded = useMemo(
    () => (rows === view.ordered ? studyRecorded : countRecorded(rows, variables)),
    [rows, view.ordered, studyRecorded, variables],
  );
  const [entryFocus, setEntryFocus] = useState(0);
  const [viewFocus, setViewFocus] = useState(0);
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

  // Whether the box shown holds nothing unsaved: a save refused after Enter moved on may take the person back.
  const cleanNow = useRef(true);
  const recorder = useRecorder(plot && variable ? { unitId: plot.id, plotNumber: plot.plotNumber, variableId: variable.id, timepoint, scale: variable } : null, {
    onRecorded: (saved) => patchPlots((current) => withLatest(current, saved.unitId, saved.variableId, saved.value)),
    onUndone: (undone) => patchPlots((current) => withLatest(current, undone.unitId, undone.variableId, undone.restoredValue)),
    onProblem: (cell) => {
      if (!cleanNow.current || cell.timepoint !== timepoint) return;
      setSelection({ unitId: cell.unitId, variableId: cell.variableId });
      setEntryFocus((n) => n + 1);
    },
  });
  const { entry } = recorder;
  useUndoShortcut(recorder.canUndo, () => void recorder.undo());
  const conflicts = useStudyConflicts(study.id);
  const [reviewing, setReviewing] = useState(false);
  const [notebookOpen, setNotebookOpen] = useState(false);
  // An unusual value (a slipped digit?) is saved on the second Enter, after the note was shown.
  const unusual = variable && entry.status === 'editing' ? unusualValueNote(variable, entry.draft, typical) : null;
  const [warned, setWarned] = useState<string | null>(null);
  const [afterSave, setAfterSave] = useAfterSave();
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
  // The grid shows plots, not cells: a click keeps the trait being recorded.
  const currentVariableId = variable?.id ?? variables[0]?.id ?? null;
  const onGridClick = useCallback(
    (unitId: string) => {
      if (currentVariableId === null) return;
      setSelection({ unitId, variableId: currentVariableId });
      setEntryFocus((n) => n + 1);
    },
    [currentVariableId],
  );
  const onGridSelect = (unitId: string): void => {
    if (currentVariableId !== null) setSelection({ unitId, variableId: currentVariableId });
  };

  const moveBy = (rowDelta: number, variableDelta: number, absoluteRow?: number): void => {
    if (rows.length === 0 || variables.length === 0) return;
    const nextRow = clamp(absoluteRow ?? Math.max(0, rowIndex) + rowDelta, 0, rows.length - 1);
    const nextVariable = clamp(Math.max(0, variableIndex) + variableDelta, 0, variables.length - 1);
    select(rows[nextRow], variables[nextVariable]?.id, false);
  };

  const unscoredIndex = useMemo(() => nextUnscored(rows, rowIndex, (p) => isScored(p, walkVariableIds)), [rows, rowIndex, walkVariableIds]);
  const goToNextUnscored = (): void => {
    const target = unscoredIndex === null ? undefined : rows[unscoredIndex];
    if (!target) return;
    // Stay on the trait being recorded when the plot still needs it; else the first it misses.
    const keep = variable !== null && walkVariableIds.includes(variable.id) && !target.latest[variable.id];
    select(target, keep ? variable.id : (walkVariableIds.find((id) => !target.latest[id]) ?? variable?.id), true);
  };

  const changeFilter = (next: PlotFilter): void => {
    view.setFilter(next);
    if (!selection) return;
    const passing = filterPlots(view.ordered, next, walkVariableIds);
    if (passing === view.ordered || passing.some((p) => p.id === selection.unitId)) return;
    // The selected plot is filtered out: go on to the next plot along the walk that is not.
    const from = walkIndexById.get(selection.unitId) ?? -1;
    const target = passing.find((p) => (walkIndexById.get(p.id) ?? 0) > from) ?? passing[0];
    if (target) setSelection({ unitId: target.id, variableId: selection.variableId });
  };

  // Enter saves; then stays, or goes on to the next plot or trait (the person's setting). Going on
  // does not wait for the write: the value shows as saved on its plot once it is committed, and a
  // refusal brings the person back to it.
  const saveAndAdvance = (value?: string): void => {
    const next = cellAfterSave(afterSave, rowIndex, rows.length, Math.max(0, variableIndex), variables.length);
    if (!next) {
      void recorder.save(value);
      return;
    }
    if (recorder.saveAndMoveOn(value)) select(rows[next.row], variables[next.variable]?.id, false);
  };

  const clean = entry.draft.trim() === '' || (entry.status === 'saved' && entry.draft === entry.savedValue);
  useLayoutEffect(() => {
    cleanNow.current = clean;
  });
  const actions: EntryKeyActions = {
    clean,
    submit() {
      if (entry.status === 'saving') return;
      if (clean) {
        if (rowIndex + 1 < rows.length) select(rows[rowIndex + 1], variable?.id, false);
        return;
      }
      const scanned = scanMatch.find(view.ordered, entry.draft, findPlotByBarcode);
      if (scanned) {
        recorder.cancel();
        select(scanned, variable?.id, false);
        return;
      }
      if (unusual && warned !== warnKey) {
        setWarned(warnKey);
        return;
      }
      saveAndAdvance();
    },
    cancel() {
      if (!clean || entry.status === 'refused' || entry.status === 'failed') recorder.cancel();
      else setViewFocus((n) => n + 1);
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
        saveAndAdvance(choice.value);
      }
    } else if (event.key.length === 1 && variable.scaleType !== 'date') {
      event.preventDefault();
      recorder.edit(event.key);
      setEntryFocus((n) => n + 1);
    }
  };

  // Go-to and a scanned barcode reach every plot, filtered out or not: the selected plot always shows.
  // Both match the plot attribute chosen in "Match scans on" first.
  const scanMatch = useScanMatch(study.id);
  const goTo = (code: string): boolean => {
    const target = scanMatch.find(view.ordered, code, findPlot);
    if (target) setReviewing(false);
    select(target ?? undefined, variable?.id ?? variables[0]?.id, true);
    return target !== null;
  };

  // The same functions from render to render, so the toolbar and the filters are not drawn again on every move.
  const onGo = useStableCallback(goTo);
  const onNextUnscored = useStableCallback(goToNextUnscored);
  const onOrderChange = useStableCallback(view.setOrder);
  const onFilterChange = useStableCallback(changeFilter);
  const toggleNotebook = useCallback(() => setNotebookOpen((open) => !open), []);
  const toggleReview = useCallback(() => setReviewing((open) => !open), []);

  const totalRecorded = [...studyRecorded.values()].reduce((sum, n) => sum + n, 0);
  const totalCells = plots.length * variables.length;
  const empty = variables.length === 0 || plots.length === 0;

  return (
    <div className="study">
      <div className="study-top">
        <StudyHeader study={study} />
        <StudyActions
          studyId={study.id}
          timepoint={timepoint}
          onTimepointChange={onTimepointChange}
          timepointLoading={timepointLoading}
          notebookOpen={notebookOpen}
          onNotebookToggle={toggleNotebook}
          conflictCount={conflicts.data?.length ?? 0}
          reviewing={reviewing}
          onReviewToggle={toggleReview}
        />
      </div>
      <StudyToolbar
        onGo={onGo}
        scanMatch={scanMatch}
        mode={view.mode}
        onModeChange={view.setMode}
        order={view.order}
        onOrderChange={onOrderChange}
        orderProblem={view.orderProblem}
        nextUnscored={unscoredIndex === null ? 'none' : unscoredIndex === rowIndex ? 'here' : 'elsewhere'}
        onNextUnscored={onNextUnscored}
      />
      {empty || reviewing ? null : (
        <div className="study-filters">
          <PlotFilters
            filter={view.filter}
            blocks={view.choices.blocks}
            replicates={view.choices.replicates}
            shown={view.matching.length}
            total={plots.length}
            onChange={onFilterChange}
          />
          <TraitProgress
            variables={variables}
            recorded={view.layoutRecorded}
            plotCount={view.inLayout.length}
            walkVariableIds={walkVariableIds}
            currentVariable={variable}
            onWalkVariablesChange={view.setWalkVariableIds}
          />
          <p className="toolbar-summary" data-testid="study-progress">
            <strong>{formatCount(totalRecorded)}</strong> of {formatCount(totalCells)} values recorded
            {totalCells > 0 ? ` (${Math.floor((totalRecorded / totalCells) * 100)}%)` : ''}
          </p>
        </div>
      )}
      {reviewing ? (
        <div className="study-body">
          <ConflictReview study={study} conflicts={conflicts} onClose={() => setReviewing(false)} />
          {notebookOpen ? <StudyNotebook studyId={study.id} studyName={study.name} onClose={() => setNotebookOpen(false)} /> : null}
        </div>
      ) : empty ? (
        <div className="empty-state">
          <h2>{plots.length === 0 ? 'This study has no plots yet' : 'No traits are set up for this study'}</h2>
          <p>There is nothing to record here until the study’s {plots.length === 0 ? 'plots are laid out' : 'traits are chosen'}.</p>
        </div>
      ) : (
        <div className="study-body" ref={body}>
          {view.mode === 'grid' && view.grid ? (
            <GridView
              grid={view.grid}
              variables={variables}
              selected={plot}
              matchingIds={view.matchingIds}
              walkVariables={view.walkVariables}
              colourVariable={view.colourVariable}
              colours={view.colours}
              onColourChange={view.setColourVariableId}
              focusToken={viewFocus}
              onCellClick={onGridClick}
              onSelect={onGridSelect}
              onEntryKey={onEntryKey}
            />
          ) : rows.length === 0 ? (
            <div className="empty-state empty-state-filtered">
              <h2>No plot matches the filters</h2>
              <button type="button" className="button" onClick={() => changeFilter(noFilter)}>
                Clear filters
              </button>
            </div>
          ) : (
            <PlotTable
              plots={rows}
              plotCount={view.inLayout.length}
              variables={variables}
              recorded={view.layoutRecorded}
              selectedRow={rowIndex}
              selectedVariable={variableIndex}
              focusToken={viewFocus}
              onCellClick={onCellClick}
              onMove={moveBy}
              onEntryKey={onEntryKey}
            />
          )}
          {notebookOpen ? <StudyNotebook studyId={study.id} studyName={study.name} onClose={() => setNotebookOpen(false)} /> : null}
          {plot && variable ? (
            <EntryPanel
              plot={plot}
              position={{ index: rowIndex, count: rows.length }}
              variable={variable}
              variables={variables}
              recorded={rowsRecorded}
              recorder={recorder}
              timepoint={timepoint}
              unusualNote={unusual}
              confirmingUnusual={unusual !== null && warned === warnKey}
              actions={actions}
              afterSave={afterSave}
              onAfterSaveChange={setAfterSave}
              onRecord={saveAndAdvance}
              onEarlierSelect={(cell) => select(plots.find((p) => p.id === cell.unitId), cell.variableId, true)}
              onVariableChange={(variableId) => select(plot, variableId, true)}
            />
          ) : (
            <aside className="entry-panel entry-panel-empty">
              <p>Click a plot in the {view.mode === 'grid' ? 'grid' : 'table'}, or go to a plot, to record a value.</p>
            </aside>
          )}
        </div>
      )}
    </div>
  );
}
