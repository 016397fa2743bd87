import { useState } from 'react';
import type { HistoryEntry } from '../../common/api-contract';
import { useApiData } from '../api/use-api-data';
import { formatDateTime } from '../format/value-text';
import { fieldLabel } from '../sync/rejected-fields';

const historyTables = ['observation_units', 'sync_outbox'];
const shown = 8;

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (typeof value === 'object') return 'changed';
  const text = String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** What a change did, in words: "Created", "Deleted", "Block: 2, Barcode: P12". */
function whatChanged(entry: HistoryEntry): string {
  if (entry.operation === 'insert') return 'Created';
  if (entry.operation === 'delete') return 'Deleted';
  const parts = Object.entries(entry.fields).map(([name, value]) => (name.endsWith('_id') ? `${fieldLabel(name)} changed` : `${fieldLabel(name)}: ${valueText(value)}`));
  return parts.length > 0 ? parts.join(', ') : 'Changed';
}

function PlotHistoryList({ plotId }: { plotId: string }) {
  const history = useApiData('records:history', { entity: 'observation_units', rowId: plotId }, historyTables);
  if (history.data === null) {
    return <p className="history-note">{history.error ? history.error.message : 'Loading…'}</p>;
  }
  if (history.data.length === 0) {
    return <p className="history-note">No changes to this plot’s details are recorded on this computer.</p>;
  }
  const newestFirst = [...history.data].reverse();
  const hidden = newestFirst.length - shown;
  return (
    <>
      <ol className="history-list" data-testid="plot-history-list">
        {newestFirst.slice(0, shown).map((entry, i) => (
          <li key={`${entry.changedAt}-${i}`} className="history-entry">
            <p className="history-what">
              {whatChanged(entry)}
              {entry.pending ? <span className="history-pending">waiting to sync</span> : null}
            </p>
            <p className="history-meta">
              {[entry.userName ?? 'Unknown user', entry.deviceName, formatDateTime(entry.changedAt)].filter(Boolean).join(' · ')}
            </p>
          </li>
        ))}
      </ol>
      {hidden > 0 ? <p className="history-note">{hidden} older {hidden === 1 ? 'change' : 'changes'} not shown.</p> : null}
    </>
  );
}

/** A plot's history, folded away until asked for: who changed its details, on which device, and when. */
export function PlotHistory({ plotId, plotNumber }: { plotId: string; plotNumber: number }) {
  const [open, setOpen] = useState(false);
  return (
    <details className="entry-history" onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="plot-history">
      <summary>History of plot {plotNumber}</summary>
      {open ? <PlotHistoryList plotId={plotId} /> : null}
    </details>
  );
}
