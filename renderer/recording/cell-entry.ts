/**
 * editing → saving → saved (or refused / failed); a save can then be undone: saved → undoing →
 * undone (or undo-failed, which keeps the save and lets the user try again).
 */
export type EntryStatus = 'editing' | 'saving' | 'saved' | 'refused' | 'failed' | 'undoing' | 'undone' | 'undo-failed';

/** The entry box of one plot, variable and timepoint: what is typed, and what became of the last save. */
export interface CellEntry {
  cellKey: string;
  draft: string;
  status: EntryStatus;
  message: string | null;
  /** The value as stored by the last save of this cell, in its canonical form. */
  savedValue: string | null;
  /** The observation the last save recorded: what "Undo" takes back. */
  savedId: string | null;
  /** After an undo: the value the plot holds again ('' when it has none). */
  restoredValue: string | null;
}

export type EntryAction =
  | { type: 'edit'; cellKey: string; draft: string }
  | { type: 'saving'; cellKey: string; draft: string }
  | { type: 'saved'; cellKey: string; value: string; id: string }
  | { type: 'refused' | 'failed'; cellKey: string; message: string }
  | { type: 'undoing'; cellKey: string }
  | { type: 'undone'; cellKey: string; restoredValue: string | null }
  | { type: 'undo-failed'; cellKey: string; message: string }
  | { type: 'cancel'; cellKey: string };

export const freshEntry = (cellKey: string): CellEntry => ({
  cellKey,
  draft: '',
  status: 'editing',
  message: null,
  savedValue: null,
  savedId: null,
  restoredValue: null,
});

export const busy = (status: EntryStatus): boolean => status === 'saving' || status === 'undoing';

/** Whether the entry holds a save that "Undo" (or Ctrl+Z) can take back. */
export function canUndo(entry: CellEntry): boolean {
  return (entry.status === 'saved' || entry.status === 'undo-failed') && entry.savedId !== null;
}

export function reduceEntry(state: CellEntry, action: EntryAction): CellEntry {
  const current = state.cellKey === action.cellKey ? state : freshEntry(action.cellKey);
  switch (action.type) {
    case 'edit':
      return busy(current.status) ? current : { ...current, draft: action.draft, status: 'editing', message: null, savedId: null };
    case 'saving':
      return { ...current, draft: action.draft, status: 'saving', message: null };
    case 'saved':
      return { ...current, draft: action.value, status: 'saved', message: null, savedValue: action.value, savedId: action.id, restoredValue: null };
    case 'refused':
    case 'failed':
      return { ...current, status: action.type, message: action.message };
    case 'undoing':
      return canUndo(current) ? { ...current, status: 'undoing', message: null } : current;
    case 'undone':
      // The box empties, ready for another value; the value the plot holds again is shown beside it.
      return { ...freshEntry(action.cellKey), status: 'undone', restoredValue: action.restoredValue ?? '' };
    case 'undo-failed':
      return { ...current, status: 'undo-failed', message: action.message };
    case 'cancel':
      return freshEntry(action.cellKey);
  }
}
