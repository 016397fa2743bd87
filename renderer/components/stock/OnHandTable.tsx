import { useState } from 'react';
import type { OnHand } from '../../../common/stock/stock-results';
import { formatCount } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { batchKindLabels, moneyText, numberText } from '../../stock/stock-text';

const firstRows = 200;

/** The lines of stock on hand: each batch at each location, with its quantity and value. */
export function OnHandTable({ onHand, onLocation }: { onHand: OnHand; onLocation(code: string): void }) {
  const [showAll, setShowAll] = useState(false);
  const rows = showAll ? onHand.rows : onHand.rows.slice(0, firstRows);
  if (onHand.rows.length === 0) {
    return (
      <div className="empty-state stock-empty" data-testid="on-hand-empty">
        <h2>No stock matches</h2>
        <p>Nothing is held with these filters{onHand.asOf ? ' on that day' : ''}. Change or clear the filters, or receive a batch.</p>
      </div>
    );
  }
  return (
    <div className="stock-table-wrap">
      <table className="list-table stock-table" data-testid="on-hand-table">
        <caption className="visually-hidden">Stock on hand, {formatCount(onHand.rows.length)} lines</caption>
        <thead>
          <tr>
            <th scope="col">Batch</th>
            <th scope="col">Kind</th>
            <th scope="col">Germplasm</th>
            <th scope="col">Location</th>
            <th scope="col" className="numeric">
              Quantity
            </th>
            <th scope="col" className="numeric">
              Value
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.batchId}|${row.locationId}`} className={row.quantity < 0 ? 'stock-row-negative' : undefined} data-testid={`on-hand-${row.batchCode}-${row.locationCode}`}>
              <th scope="row">
                <a href={hrefOf({ screen: 'batch', batchId: row.batchId })}>{row.batchCode}</a>
                {row.barcode && row.barcode !== row.batchCode ? <span className="stock-sub">{row.barcode}</span> : null}
              </th>
              <td>{batchKindLabels[row.kind]}</td>
              <td>{row.germplasmName ?? '—'}</td>
              <td>
                <button type="button" className="button button-link stock-location-link" title={`Show the stock in ${row.locationCode}`} onClick={() => onLocation(row.locationCode)}>
                  {row.locationCode}
                </button>
                <span className="stock-sub">{row.locationName}</span>
              </td>
              <td className="numeric" data-testid="on-hand-quantity">
                {numberText(row.quantity)} <span className="stock-unit">{row.unit}</span>
              </td>
              <td className="numeric">{moneyText(row.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length < onHand.rows.length ? (
        <p className="stock-more">
          Showing the first {formatCount(rows.length)} of {formatCount(onHand.rows.length)} lines.{' '}
          <button type="button" className="button button-link" onClick={() => setShowAll(true)}>
            Show all {formatCount(onHand.rows.length)}
          </button>
        </p>
      ) : null}
    </div>
  );
}
