import type { LedgerEntry } from '../../../common/stock/stock-results';
import type { StockUnit } from '../../../common/vocabulary';
import { formatDateTime } from '../../format/value-text';
import { movementLabels, quantityText } from '../../stock/stock-text';

/** One movement in a sentence: what, how much, from where to where, who on which device, when. */
export function LedgerLine({ entry, unit }: { entry: LedgerEntry; unit: StockUnit }) {
  const where = [entry.from ? `from ${entry.from.code}` : null, entry.to ? `to ${entry.to.code}` : null].filter(Boolean).join(' ');
  return (
    <span className="stock-ledger-line">
      <strong>
        {movementLabels[entry.kind]} {quantityText(entry.quantity, unit)}
      </strong>{' '}
      {where}
      {entry.study ? ` for ${entry.study.name}` : ''}
      <span className="stock-sub">
        {formatDateTime(entry.occurredAt)} · {entry.recordedBy ?? 'someone'}
        {entry.device ? ` on ${entry.device}` : ''}
        {entry.reason ? ` · ${entry.reason}` : ''}
      </span>
    </span>
  );
}
