import type { CountLineView } from '../../../common/stock/stock-results';
import { quantityWithUnit } from '../../counts/count-wording';
import { formatDateTime } from '../../format/value-text';

/** Every entry made for a line, oldest first: who counted what, on which device, and which still stand. */
export function CountLineEntries({ line }: { line: CountLineView }) {
  if (line.entries.length === 0) return <p className="muted">Nobody has counted this line yet.</p>;
  return (
    <ol className="count-entries" aria-label={`Entries for ${line.batchCode} in ${line.location.code}`}>
      {line.entries.map((entry) => (
        <li key={entry.id} className={entry.current ? 'count-entry' : 'count-entry count-entry-replaced'}>
          <span className="count-entry-quantity">{quantityWithUnit(entry.quantity, line.unit)}</span>
          <span>
            by {entry.countedBy ?? 'someone unknown'}
            {entry.device ? ` on ${entry.device}` : ''}
          </span>
          <span className="muted">{formatDateTime(entry.countedAt)}</span>
          <span className="count-entry-state">{entry.current ? (line.status === 'disputed' ? 'stands, disagrees' : 'stands') : 'replaced'}</span>
        </li>
      ))}
    </ol>
  );
}
