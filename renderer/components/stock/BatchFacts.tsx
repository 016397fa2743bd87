import type { BatchDetail } from '../../../common/stock/stock-results';
import { formatDate } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { moneyText, quantityText, unitCostText } from '../../stock/stock-text';

/** A batch's summary: total, value, barcode, germplasm, source, when received, and its lineage. */
export function BatchFacts({ detail }: { detail: BatchDetail }) {
  const { batch, children } = detail;
  const value = batch.unitCost === null ? null : Math.round(batch.total * batch.unitCost * 100) / 100;
  return (
    <dl className="stock-facts" data-testid="batch-facts">
      <div className="stock-fact stock-fact-main">
        <dt>On hand</dt>
        <dd className={batch.total < 0 ? 'stock-negative' : undefined} data-testid="batch-total">
          {quantityText(batch.total, batch.unit)}
        </dd>
      </div>
      <div className="stock-fact">
        <dt>Value</dt>
        <dd>{value === null ? 'no unit cost' : `${moneyText(value)} (${unitCostText(batch.unitCost ?? 0)} per ${batch.unit.replace(/s$/, '')})`}</dd>
      </div>
      <div className="stock-fact">
        <dt>Barcode</dt>
        <dd>{batch.barcode ?? 'none: the label carries the code'}</dd>
      </div>
      <div className="stock-fact">
        <dt>Germplasm</dt>
        <dd>{batch.germplasmName ?? '—'}</dd>
      </div>
      <div className="stock-fact">
        <dt>Source</dt>
        <dd>{batch.source ?? '—'}</dd>
      </div>
      <div className="stock-fact">
        <dt>Received on</dt>
        <dd>{batch.receivedOn ? formatDate(batch.receivedOn) : '—'}</dd>
      </div>
      <div className="stock-fact" data-testid="batch-lineage">
        <dt>Lineage</dt>
        <dd>
          {batch.parentBatchId ? (
            <>
              Split from <a href={hrefOf({ screen: 'batch', batchId: batch.parentBatchId })}>{batch.parentBatchCode ?? 'its parent'}</a>
            </>
          ) : (
            'Received, not split from another batch'
          )}
          {children.length > 0 ? (
            <>
              {'. Split into '}
              {children.map((child, i) => (
                <span key={child.id}>
                  {i > 0 ? ', ' : ''}
                  <a href={hrefOf({ screen: 'batch', batchId: child.id })}>{child.code}</a>
                </span>
              ))}
            </>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
