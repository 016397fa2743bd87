import type { VariableSummary } from '../../common/api-contract';
import { displayValue } from '../format/value-text';
import { canUndo, type CellEntry } from '../recording/cell-entry';
import { Spinner } from './Spinner';

interface EntryStatusProps {
  entry: CellEntry;
  variable: VariableSummary;
  plotNumber: number;
  onUndo(): void;
}

/** What became of the last save of this cell: saving, saved (with Undo), or undone. */
export function EntryStatus({ entry, variable, plotNumber, onUndo }: EntryStatusProps) {
  const savedShown = (entry.status === 'saved' || entry.status === 'undo-failed' || entry.status === 'undoing') && entry.savedValue !== null;
  return (
    <>
      <div className="entry-status" role="status" data-testid="entry-status" data-state={entry.status}>
        {entry.status === 'saving' ? (
          <>
            <Spinner /> Saving…
          </>
        ) : savedShown && entry.savedValue !== null ? (
          <>
            <span className="status-saved">✓ Saved</span>
            <span className="status-detail">
              {displayValue(variable, entry.savedValue, true)} for plot {plotNumber}. Enter: next plot.
            </span>
            <button
              type="button"
              className="link-button entry-undo"
              disabled={!canUndo(entry)}
              title="Take this value back (Ctrl+Z)"
              onClick={onUndo}
              data-testid="entry-undo"
            >
              {entry.status === 'undoing' ? 'Undoing…' : 'Undo'}
            </button>
          </>
        ) : entry.status === 'undone' ? (
          <>
            <span className="status-undone">↶ Undone</span>
            <span className="status-detail">
              {entry.restoredValue
                ? `Plot ${plotNumber} is back to ${displayValue(variable, entry.restoredValue, true)}.`
                : `Plot ${plotNumber} has no ${variable.name} again.`}
            </span>
          </>
        ) : null}
      </div>
      {entry.status === 'undo-failed' ? (
        <p className="entry-check" role="alert" data-testid="entry-undo-problem">
          Not undone: {entry.message}
        </p>
      ) : null}
    </>
  );
}
