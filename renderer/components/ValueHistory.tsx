import { useState } from 'react';
import type { ObservationHistoryEntry, VariableSummary } from '../../common/api-contract';
import { api } from '../api/api';
import { ApiCallError } from '../api/api-call-error';
import { useApiData } from '../api/use-api-data';
import { displayValue, formatDateTime } from '../format/value-text';

const historyTables = ['observations', 'sync_outbox'];
// Every save changes observations, mostly of other plots: read this plot's list again once saving pauses.
const savesSettle = { ms: 400, tables: historyTables };
const shown = 6;

const syncWords: Record<ObservationHistoryEntry['syncState'], string | null> = {
  pending: 'waiting to sync',
  rejected: 'refused by the server',
  sent: null,
};

function who(entry: ObservationHistoryEntry): string {
  return [entry.collectorName ?? 'Unknown person', entry.deviceName, formatDateTime(entry.observedAt)].filter(Boolean).join(' · ');
}

/**
 * Every value of this plot and variable, newest first: who recorded it, on which device, when, and
 * whether it has left this computer. The current value can be undone: the value it replaced comes
 * back (or none), and the undone value stays in the list.
 */
export function ValueHistory({ unitId, variable }: { unitId: string; variable: VariableSummary }) {
  const history = useApiData('observations:history', { unitId, variableId: variable.id }, historyTables, { settle: savesSettle });
  const [undoing, setUndoing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (history.data === null) return <p className="history-note">{history.error ? history.error.message : 'Loading…'}</p>;
  if (history.data.length === 0) return null;

  const undo = async (entry: ObservationHistoryEntry): Promise<void> => {
    setUndoing(true);
    setProblem(null);
    try {
      await api.call('observations:undo', { observationId: entry.id });
    } catch (error) {
      setProblem(error instanceof ApiCallError ? error.message : 'The undo could not be saved. Try again.');
    } finally {
      setUndoing(false);
    }
  };
  const hidden = history.data.length - shown;
  return (
    <div className="value-history" data-testid="value-history">
      <ol className="history-list">
        {history.data.slice(0, shown).map((entry) => (
          <li key={entry.id} className={`history-entry${entry.current ? ' history-current' : ''}`} data-testid="value-history-entry">
            <p className="history-what">
              <strong>{entry.cleared ? 'cleared' : displayValue(variable, entry.value, true)}</strong>
              {entry.timepoint ? <span className="history-timepoint"> · {entry.timepoint}</span> : null}
              {entry.current ? null : <span className="history-replaced"> · replaced</span>}
              {syncWords[entry.syncState] ? <span className="history-pending">{syncWords[entry.syncState]}</span> : null}
              {entry.current && !entry.cleared ? (
                <button type="button" className="link-button" disabled={undoing} onClick={() => void undo(entry)} data-testid="value-undo">
                  Undo
                </button>
              ) : null}
            </p>
            <p className="history-meta">{who(entry)}</p>
          </li>
        ))}
      </ol>
      {hidden > 0 ? <p className="history-note">{hidden} older {hidden === 1 ? 'value' : 'values'} not shown.</p> : null}
      {problem ? <p className="history-note" role="alert">{problem}</p> : null}
    </div>
  );
}
