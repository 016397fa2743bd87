import type { OnHand } from '../../../common/stock/stock-results';
import { formatCount } from '../../format/value-text';
import { moneyText, numberText } from '../../stock/stock-text';

/** The totals of what is listed, per unit, with their value at unit cost. */
export function OnHandTotals({ onHand }: { onHand: OnHand }) {
  const batches = new Set(onHand.rows.map((row) => row.batchId)).size;
  return (
    <dl className="stock-totals" aria-label="Totals" data-testid="on-hand-totals">
      <div className="stock-total">
        <dt>Batches</dt>
        <dd>{formatCount(batches)}</dd>
      </div>
      {onHand.totals.map((total) => (
        <div key={total.unit} className={`stock-total${total.quantity < 0 ? ' stock-total-negative' : ''}`} data-testid={`total-${total.unit}`}>
          <dt>{total.unit}</dt>
          <dd>
            {numberText(total.quantity)}
            {total.value !== null ? <span className="stock-total-value">value {moneyText(total.value)}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
