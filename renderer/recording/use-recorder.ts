import { useReducer } from 'react';
import type { RecordedObservation } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';

export type EntryStatus = 'editing' | 'saving' | 'saved' | 'refused' | 'failed';

/** The entry box of one plot and variable: what is typed, and what became of the last save. */
export interface CellEntry {
  cellKey: string;
  draft: string;
  status: EntryStatus;
  message: string | null;
  /** The value as stored by the last save of this cell, in its canonical form. */
  savedValue: string | null;
}

type Action =
  | { type: 'edit'; cellKey: string; draft: string }
  | { type: 'saving'; cellKey: string; draft: string }
  | { type: 'saved'; cellKey: string; value: string }
  | { type: 'refused' | 'failed'; cellKey: string; message: string }
  | { type: 'cancel'; cellKey: string };

const fresh = (cellKey: string): CellEntry => ({ cellKey, draft: '', status: 'editing', message: null, savedValue: null });

function reduce(state: CellEntry, action: Action): CellEntry {
  const current = state.cellKey === action.cellKey ? state : fresh(action.cellKey);
  switch (action.type) {
    case 'edit':
      return current.status === 'saving' ? current : { ...current, draft: action.draft, status: 'editing', message: null };
    case 'saving':
      return { ...current, draft: action.draft, status: 'saving', message: null };
    case 'saved':
      return { ...current, draft: action.value, status: 'saved', message: null, savedValue: action.value };
    case 'refused':
    case 'failed':
      return { ...current, status: action.type, message: action.message };
    case 'cancel':
      return fresh(action.cellKey);
  }
}

export interface Recorder {
  entry: CellEntry;
  edit(draft: string): void;
  /** Saves `value` (or the draft) for the cell; "saved" shows only once the services confirmed it. */
  save(value?: string): Promise<void>;
  cancel(): void;
}

export interface CellTarget {
  unitId: string;
  variableId: string;
}

/** Records values through `observations:record`, for whichever cell is selected. */
export function useRecorder(cell: CellTarget | null, onRecorded: (observation: RecordedObservation) => void): Recorder {
  const cellKey = cell ? `${cell.unitId}/${cell.variableId}` : '';
  const [state, dispatch] = useReducer(reduce, fresh(cellKey));
  const entry = state.cellKey === cellKey ? state : fresh(cellKey);

  return {
    entry,
    edit: (draft) => dispatch({ type: 'edit', cellKey, draft }),
    cancel: () => dispatch({ type: 'cancel', cellKey }),
    async save(value) {
      if (!cell || entry.status === 'saving') return;
      const draft = value ?? entry.draft;
      dispatch({ type: 'saving', cellKey, draft });
      try {
        const recorded = await api.call('observations:record', { unitId: cell.unitId, variableId: cell.variableId, value: draft });
        onRecorded(recorded);
        dispatch({ type: 'saved', cellKey, value: recorded.value });
      } catch (error) {
        const failure = asApiCallError(error, 'observations:record');
        dispatch({ type: failure.code === 'validation' ? 'refused' : 'failed', cellKey, message: failure.message });
      }
    },
  };
}
