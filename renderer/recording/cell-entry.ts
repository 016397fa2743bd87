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

/**
 * The entries of the cells that have something to show: the one being typed in, and the saves
 * still on their way or just made (Enter can save and move on before the save lands, so a save's
 * outcome belongs to a cell the person may have left). `last` is the cell of the latest save.
 */
export interface CellEntries {
  entries: Readonly<Record<string, CellEntry>>;
  last: string | null;
}

export const noEntries: CellEntries = { entries: {}, last: null };

/** The person is now at this cell: what they typed elsewhere and never saved is dropped, as when a box is left. */
export type EntriesAction = EntryAction | { type: 'arrive'; cellKey: string };

/** How many cells' saves are remembered (their outcome, and what "Undo" takes back). */
const keptSaves = 20;

export function entryOf(state: CellEntries, cellKey: string): CellEntry {
  return state.entries[cellKey] ?? freshEntry(cellKey);
}

const isFresh = (entry: CellEntry): boolean => entry.status === 'editing' && entry.draft === '' && entry.savedId === null;

export function reduceEntries(state: CellEntries, action: EntriesAction): CellEntries {
  let others = Object.entries(state.entries).filter(([key]) => key !== action.cellKey);
  let own: CellEntry | null;
  if (action.type === 'arrive') {
    others = others.filter(([, entry]) => entry.status !== 'editing');
    own = state.entries[action.cellKey] ?? null;
  } else {
    own = reduceEntry(entryOf(state, action.cellKey), action);
  }
  // The oldest settled saves go first; typing, saves on their way and refusals are never dropped.
  while (others.length >= keptSaves) {
    const oldest = others.findIndex(([, entry]) => entry.status === 'saved' || entry.status === 'undone');
    if (oldest < 0) break;
    others.splice(oldest, 1);
  }
  const entries = Object.fromEntries(own === null || isFresh(own) ? others : [...others, [action.cellKey, own]]);
  const last = action.type === 'saving' ? action.cellKey : state.last !== null && state.last in entries ? state.last : null;
  return { entries, last };
}
