import type { VariableSummary } from '../../common/api-contract';
import { displayValue } from '../format/value-text';
import { useEffect, useState } from 'react';
import { canUndo, type CellEntry } from '../recording/cell-entry';
import type { CellTarget, EarlierSave } from '../recording/use-recorder';
import { Spinner } from './Spinner';

interface EarlierSaveStatusProps {
  save: EarlierSave;
  variables: readonly VariableSummary[];
  onUndo(): void;
  onSelect(cell: CellTarget): void;
}

const slowSaveMs = 300;

/**
 * What became of the save Enter made before it moved on: on its way, saved (with Undo), undone, or
 * not saved (with the reason and a way back to the value, which is kept in its box).
 */
export function EarlierSaveStatus({ save, variables, onUndo, onSelect }: EarlierSaveStatusProps) {
  const { cell, entry } = save;
  // A save takes a few milliseconds: "Saving…" shows only when one takes long enough to be seen.
  const [slowEntry, setSlowEntry] = useState<CellEntry | null>(null);
  useEffect(() => {
    if (entry.status !== 'saving') return;
    const timer = setTimeout(() => setSlowEntry(entry), slowSaveMs);
    return () => clearTimeout(timer);
  }, [entry]);
  const slow = entry.status === 'saving' && slowEntry === entry;
  const variable = variables.find((v) => v.id === cell.variableId);
  if (!variable) return null;
  const where = `${variable.name} of plot ${cell.plotNumber}${cell.timepoint ? ` at ${cell.timepoint}` : ''}`;
  const value = entry.savedValue ?? entry.draft;
  const shown = value === '' ? '' : displayValue(variable, value, true);
  const failed = entry.status === 'refused' || entry.status === 'failed' || entry.status === 'undo-failed';
  return (
    <div className={`earlier-save${failed ? ' earlier-save-failed' : ''}`} role={failed ? 'alert' : 'status'} data-testid="earlier-save" data-state={entry.status}>
      {slow ? (
        <>
          <Spinner /> Saving {shown} for {where}…
        </>
      ) : entry.status === 'saved' || entry.status === 'undoing' ? (
        <>
          <span className="status-saved">✓ Saved</span> {shown} for {where}.
          <button type="button" className="link-button" disabled={!canUndo(entry)} title="Take this value back (Ctrl+Z)" onClick={onUndo} data-testid="earlier-undo">
            {entry.status === 'undoing' ? 'Undoing…' : 'Undo'}
          </button>
        </>
      ) : entry.status === 'undone' ? (
        <>
          <span className="status-undone">↶ Undone</span> {where} {entry.restoredValue ? `is back to ${displayValue(variable, entry.restoredValue, true)}` : 'has no value again'}.
        </>
      ) : failed ? (
        <>
          <span className="earlier-save-title">{entry.status === 'undo-failed' ? 'Not undone' : 'Not saved'}:</span> {shown} for {where}. {entry.message}
          <button type="button" className="link-button" onClick={() => onSelect(cell)} data-testid="earlier-go-back">
            Go back to plot {cell.plotNumber}
          </button>
        </>
      ) : null}
    </div>
  );
}
