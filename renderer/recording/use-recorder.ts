import { useReducer } from 'react';
import type { RecordedObservation, UndoneObservation } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { busy, canUndo, freshEntry, reduceEntry, type CellEntry } from './cell-entry';

export type { CellEntry, EntryStatus } from './cell-entry';

export interface Recorder {
  entry: CellEntry;
  edit(draft: string): void;
  /** Saves `value` (or the draft) for the cell; "saved" shows only once the services confirmed it. True when saved. */
  save(value?: string): Promise<boolean>;
  /** Takes back the last save of this cell (a new observation restores what it replaced). */
  undo(): Promise<void>;
  cancel(): void;
}

export interface CellTarget {
  unitId: string;
  variableId: string;
  /** The timepoint values are recorded at ("28 DAS"), or null for none. */
  timepoint: string | null;
}

interface RecorderCallbacks {
  onRecorded(observation: RecordedObservation): void;
  onUndone(undone: UndoneObservation): void;
}

/** Records values through `observations:record`, for whichever cell is selected, and undoes the last save. */
export function useRecorder(cell: CellTarget | null, callbacks: RecorderCallbacks): Recorder {
  const cellKey = cell ? `${cell.unitId}/${cell.variableId}/${cell.timepoint ?? ''}` : '';
  const [state, dispatch] = useReducer(reduceEntry, freshEntry(cellKey));
  const entry = state.cellKey === cellKey ? state : freshEntry(cellKey);

  return {
    entry,
    edit: (draft) => dispatch({ type: 'edit', cellKey, draft }),
    cancel: () => dispatch({ type: 'cancel', cellKey }),
    async save(value) {
      if (!cell || busy(entry.status)) return false;
      const draft = value ?? entry.draft;
      dispatch({ type: 'saving', cellKey, draft });
      try {
        const recorded = await api.call('observations:record', {
          unitId: cell.unitId,
          variableId: cell.variableId,
          value: draft,
          timepoint: cell.timepoint,
        });
        callbacks.onRecorded(recorded);
        dispatch({ type: 'saved', cellKey, value: recorded.value, id: recorded.id });
        return true;
      } catch (error) {
        const failure = asApiCallError(error, 'observations:record');
        dispatch({ type: failure.code === 'validation' ? 'refused' : 'failed', cellKey, message: failure.message });
        return false;
      }
    },
    async undo() {
      if (!cell || !canUndo(entry) || entry.savedId === null) return;
      const observationId = entry.savedId;
      dispatch({ type: 'undoing', cellKey });
      try {
        const undone = await api.call('observations:undo', { observationId });
        callbacks.onUndone(undone);
        dispatch({ type: 'undone', cellKey, restoredValue: undone.restoredValue });
      } catch (error) {
        dispatch({ type: 'undo-failed', cellKey, message: asApiCallError(error, 'observations:undo').message });
      }
    },
  };
}
