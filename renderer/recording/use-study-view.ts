import { useMemo, useRef, useState } from 'react';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { buildStudyGrid, type StudyGrid } from '../../common/study-grid';
import { defaultWalkOrder, orderPlots, type WalkOrder } from '../../common/walk-order';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { useApiData } from '../api/use-api-data';
import { useLocalChoice } from '../hooks/use-local-choice';
import { filterChoices, filterPlots, layoutMatcher, noFilter, withSelected, type PlotFilter } from './plot-filter';
import { countRecorded } from './study-progress';
import { valueColours, type ValueColours } from './value-colours';

const studyViewModes = ['list', 'grid'] as const;
export type StudyViewMode = (typeof studyViewModes)[number];

/** How the study is looked at (grid or list, walk, filters, traits, colours) and what that shows. */
export interface StudyView {
  mode: StudyViewMode;
  setMode(mode: StudyViewMode): void;
  order: WalkOrder;
  /** False until the study's saved walk has been read (or could not be). */
  orderKnown: boolean;
  /** Uses the walk at once and keeps it for the study on this computer. */
  setOrder(order: WalkOrder): void;
  /** Why the chosen walk could not be kept for next time, if it could not. */
  orderProblem: string | null;
  filter: PlotFilter;
  setFilter(filter: PlotFilter): void;
  walkVariables: readonly VariableSummary[];
  walkVariableIds: readonly string[];
  setWalkVariableIds(ids: string[]): void;
  colourVariable: VariableSummary | null;
  setColourVariableId(id: string | null): void;
  /** Every plot in walking order. */
  ordered: readonly PlotRow[];
  /** The plots passing the block, replicate and entry filters: what the completion bars count. */
  inLayout: readonly PlotRow[];
  /** The plots passing every filter, and their ids (null when nothing filters). */
  matching: readonly PlotRow[];
  matchingIds: ReadonlySet<string> | null;
  /** What the list shows and "next plot" walks: `matching` plus the selected plot. */
  rows: readonly PlotRow[];
  /** Values recorded per variable in the whole study. */
  recorded: Map<string, number>;
  /** Values recorded per variable among `inLayout`. */
  layoutRecorded: Map<string, number>;
  choices: { blocks: number[]; replicates: number[] };
  /** Built only while the grid is shown. */
  grid: StudyGrid<PlotRow> | null;
  colours: ValueColours | null;
}

// Only this screen changes a study's walk, and it keeps the choice itself: no reloading on the
// replica_state writes that sync makes all the time (a reconnect still reloads everything).
const walkOrderTables: string[] = [];

export function useStudyView(
  studyId: string,
  variables: readonly VariableSummary[],
  plots: readonly PlotRow[],
  selectedId: string | null,
): StudyView {
  // List or grid is the person's way of working, the same for every study (a study without
  // positions shows its list whatever the choice).
  const [mode, setMode] = useLocalChoice<StudyViewMode>('fieldstation.studyView', studyViewModes, 'list');
  // The walk is kept per study on this computer; filters, traits and colours last while the study is open.
  const saved = useApiData('studies:get-walk-order', { studyId }, walkOrderTables);
  const [chosenOrder, setChosenOrder] = useState<WalkOrder | null>(null);
  const [orderProblem, setOrderProblem] = useState<string | null>(null);
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const order = chosenOrder ?? saved.data ?? defaultWalkOrder;
  const orderKnown = chosenOrder !== null || saved.data !== null || saved.error !== null;
  const setOrder = (next: WalkOrder): void => {
    setChosenOrder(next);
    setOrderProblem(null);
    // One save after the other, so the last choice is the one kept.
    saving.current = saving.current.then(() =>
      api.call('studies:set-walk-order', { studyId, order: next }).catch((error: unknown) => {
        setOrderProblem(asApiCallError(error, 'studies:set-walk-order').message);
      }),
    );
  };
  const [filter, setFilter] = useState<PlotFilter>(noFilter);
  const [chosenIds, setWalkVariableIds] = useState<string[] | null>(null);
  const [colourVariableId, setColourVariableId] = useState<string | null>(null);

  const walkVariables = useMemo(() => {
    const chosen = chosenIds === null ? variables : variables.filter((v) => chosenIds.includes(v.id));
    return chosen.length > 0 ? chosen : variables;
  }, [variables, chosenIds]);
  const walkVariableIds = useMemo(() => walkVariables.map((v) => v.id), [walkVariables]);
  const ordered = useMemo(() => orderPlots(plots, order), [plots, order]);
  const inLayout = useMemo(() => {
    const layout = layoutMatcher(filter);
    return layout ? ordered.filter(layout) : ordered;
  }, [ordered, filter]);
  const matching = useMemo(() => filterPlots(ordered, filter, walkVariableIds), [ordered, filter, walkVariableIds]);
  const matchingIds = useMemo(() => (matching === ordered ? null : new Set(matching.map((p) => p.id))), [matching, ordered]);
  const rows = useMemo(() => withSelected(ordered, matching, matchingIds, selectedId), [ordered, matching, matchingIds, selectedId]);
  const recorded = useMemo(() => countRecorded(plots, variables), [plots, variables]);
  const layoutRecorded = useMemo(() => (inLayout === ordered ? recorded : countRecorded(inLayout, variables)), [inLayout, ordered, recorded, variables]);
  const choices = useMemo(() => filterChoices(plots), [plots]);
  const grid = useMemo(() => (mode === 'grid' ? buildStudyGrid(plots) : null), [mode, plots]);
  const colourVariable = variables.find((v) => v.id === colourVariableId) ?? null;
  const colours = useMemo(() => (mode === 'grid' && colourVariable ? valueColours(colourVariable, plots) : null), [mode, colourVariable, plots]);

  return {
    mode,
    setMode,
    order,
    orderKnown,
    setOrder,
    orderProblem,
    filter,
    setFilter,
    walkVariables,
    walkVariableIds,
    setWalkVariableIds,
    colourVariable,
    setColourVariableId,
    ordered,
    inLayout,
    matching,
    matchingIds,
    rows,
    recorded,
    layoutRecorded,
    choices,
    grid,
    colours,
  };
}
