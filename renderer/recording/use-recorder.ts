import { useEffect, useReducer } from 'react';
import type { RecordedObservation, UndoneObservation } from '../../common/api-contract';
import { checkValue, type Scale } from '../../common/scale-validation';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { nextPaint } from '../hooks/next-paint';
import { busy, canUndo, entryOf, noEntries, reduceEntries, type CellEntry } from './cell-entry';

export type { CellEntry, EntryStatus } from './cell-entry';

export interface CellTarget {
  unitId: string;
  /** The plot's number, to name it in words. */
  plotNumber: number;
  variableId: string;
  /** The timepoint values are recorded at ("28 DAS"), or null for none. */
  timepoint: string | null;
  /** The variable's scale: a value it refuses is refused at once, without asking the services. */
  scale: Scale;
}

/** A save of a cell other than the one shown: still on its way, made, refused or failed. */
export interface EarlierSave {
  cell: CellTarget;
  entry: CellEntry;
}

export interface Recorder {
  /** The entry of the cell shown. */
  entry: CellEntry;
  /** The latest save, when it was of another cell (Enter saved and moved on): its outcome shows beside the new cell. */
  earlier: EarlierSave | null;
  edit(draft: string): void;
  /** Saves `value` (or the draft) for the cell; "saved" shows only once the services confirmed it. True when saved. */
  save(value?: string): Promise<boolean>;
  /**
   * Starts saving `value` (or the draft) and returns at once, so the person can move on while the
   * write lands: true when the value passed its scale and the save is on its way. A refusal by
   * the services comes back through `onProblem`.
   */
  saveAndMoveOn(value?: string): boolean;
  /** Whether Ctrl+Z has a save to take back: the shown cell's, else the latest one. */
  canUndo: boolean;
  /** Takes back the shown cell's last save, else the latest save (a new observation restores what it replaced). */
  undo(): Promise<void>;
  cancel(): void;
}

interface RecorderCallbacks {
  onRecorded(observation: RecordedObservation): void;
  onUndone(undone: UndoneObservation): void;
  /** A save the person had moved on from was refused or failed: its cell now holds the value and the reason. */
  onProblem(cell: CellTarget): void;
}

const keyOf = (cell: CellTarget | null): string => (cell ? `${cell.unitId}/${cell.variableId}/${cell.timepoint ?? ''}` : '');

/** The cells saved lately, by key (as many as their entries are kept, and some). */
function rememberCell(known: Readonly<Record<string, CellTarget>>, target: CellTarget): Readonly<Record<string, CellTarget>> {
  const key = keyOf(target);
  return Object.fromEntries([...Object.entries(known).filter(([k]) => k !== key).slice(-49), [key, target]]);
}

/**
 * Records values through `observations:record`, for whichever cell is selected, and undoes the
 * last save. Each save's outcome stays with its cell, so Enter can save and go on to the next
 * plot at once: "Saved" still shows only after the services committed the value.
 */
export function useRecorder(cell: CellTarget | null, callbacks: RecorderCallbacks): Recorder {
  const cellKey = keyOf(cell);
  const [state, dispatch] = useReducer(reduceEntries, noEntries);
  const [cells, remember] = useReducer(rememberCell, {});
  useEffect(() => dispatch({ type: 'arrive', cellKey }), [cellKey]);
  const entry = entryOf(state, cellKey);
  const lastCell = state.last !== null && state.last !== cellKey ? cells[state.last] : undefined;
  const earlier = lastCell ? { cell: lastCell, entry: entryOf(state, keyOf(lastCell)) } : null;

  /** Sends the save; resolves true once committed. `background`: the person has moved on from the cell. */
  const send = async (target: CellTarget, draft: string, background: boolean): Promise<boolean> => {
    const key = keyOf(target);
    remember(target);
    dispatch({ type: 'saving', cellKey: key, draft });
    const checked = checkValue(target.scale, draft);
    if (!checked.ok) {
      dispatch({ type: 'refused', cellKey: key, message: checked.message });
      if (background) callbacks.onProblem(target);
      return false;
    }
    try {
      // The person is moving on to another cell: its frame is drawn first, then the write starts
      // (on two cores the write's work would otherwise delay that frame). The value waits in this
      // window for one frame, as it did the seconds it was being typed.
      if (background) await nextPaint();
      const recorded = await api.call('observations:record', { unitId: target.unitId, variableId: target.variableId, value: draft, timepoint: target.timepoint });
      if (background) await nextPaint();
      callbacks.onRecorded(recorded);
      dispatch({ type: 'saved', cellKey: key, value: recorded.value, id: recorded.id });
      return true;
    } catch (error) {
      const failure = asApiCallError(error, 'observations:record');
      dispatch({ type: failure.code === 'validation' ? 'refused' : 'failed', cellKey: key, message: failure.message });
      if (background) callbacks.onProblem(target);
      return false;
    }
  };

  const undoOf = async (target: CellTarget, saved: CellEntry): Promise<void> => {
    if (!canUndo(saved) || saved.savedId === null) return;
    const key = keyOf(target);
    dispatch({ type: 'undoing', cellKey: key });
    try {
      const undone = await api.call('observations:undo', { observationId: saved.savedId });
      callbacks.onUndone(undone);
      dispatch({ type: 'undone', cellKey: key, restoredValue: undone.restoredValue });
    } catch (error) {
      dispatch({ type: 'undo-failed', cellKey: key, message: asApiCallError(error, 'observations:undo').message });
    }
  };

  return {
    entry,
    earlier,
    edit: (draft) => dispatch({ type: 'edit', cellKey, draft }),
    cancel: () => dispatch({ type: 'cancel', cellKey }),
    save: (value) => (!cell || busy(entry.status) ? Promise.resolve(false) : send(cell, value ?? entry.draft, false)),
    saveAndMoveOn(value) {
      if (!cell || busy(entry.status)) return false;
      const draft = value ?? entry.draft;
      if (!checkValue(cell.scale, draft).ok) {
        void send(cell, draft, false);
        return false;
      }
      void send(cell, draft, true);
      return true;
    },
    canUndo: canUndo(entry) || (earlier !== null && canUndo(earlier.entry)),
    async undo() {
      if (cell && canUndo(entry)) await undoOf(cell, entry);
      else if (earlier) await undoOf(earlier.cell, earlier.entry);
    },
  };
}
