import type { CountVariances } from '../../../common/stock/stock-results';
import { quantityText, valueText, varianceWithUnit } from '../../counts/count-wording';

/** The count in figures: lines counted and not, disputes, and the variance per unit with its value. */
export function CountSummary({ variances }: { variances: CountVariances }) {
  const { lines, totals, disputed, uncounted } = variances;
  const counted = lines.length - uncounted - disputed;
  const value = totals.reduce<number | null>((sum, total) => (total.value === null ? sum : (sum ?? 0) + total.value), null);
  return (
    <dl className="count-facts" aria-label="The count in figures" data-testid="count-summary">
      <div>
        <dt>Lines</dt>
        <dd className="count-fact-number" data-testid="count-fact-lines">
          {quantityText(lines.length)}
        </dd>
      </div>
      <div>
        <dt>Counted</dt>
        <dd className="count-fact-number" data-testid="count-fact-counted">
          {quantityText(counted)}
        </dd>
      </div>
      <div>
        <dt>Not counted</dt>
        <dd className="count-fact-number" data-testid="count-fact-uncounted">
          {quantityText(uncounted)}
        </dd>
      </div>
      <div className={disputed > 0 ? 'count-fact-alert' : undefined}>
        <dt>Disputed</dt>
        <dd className="count-fact-number" data-testid="count-fact-disputed">
          {quantityText(disputed)}
        </dd>
      </div>
      <div className="count-fact-wide">
        <dt>Variance</dt>
        <dd data-testid="count-fact-variance">
          {totals.length === 0 ? (
            <span className="muted">nothing counted yet</span>
          ) : (
            totals.map((total) => (
              <span key={total.unit} className="count-fact-total" data-unit={total.unit}>
                {varianceWithUnit(total.variance, total.unit)}
                {total.value !== null && totals.length > 1 ? <span className="muted"> · value {valueText(total.value)}</span> : null}
              </span>
            ))
          )}
        </dd>
      </div>
      <div>
        <dt>Value</dt>
        <dd className="count-fact-number" data-testid="count-fact-value">
          {value === null ? <span className="muted">—</span> : valueText(value)}
        </dd>
      </div>
    </dl>
  );
}
