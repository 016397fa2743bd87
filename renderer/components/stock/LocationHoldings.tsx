import { useApiData } from '../../api/use-api-data';
import { hrefOf } from '../../navigation/route';
import { numberText, quantityText } from '../../stock/stock-text';
import { Spinner } from '../Spinner';

const tables = ['stock_batches', 'stock_movements', 'locations'];
const listed = 8;

/** What a location and everything inside it hold now: totals per unit and the first batches. */
export function LocationHoldings({ locationId }: { locationId: string }) {
  const onHand = useApiData('stock:on-hand', { location: locationId }, tables);
  const data = onHand.data;
  if (data === null) {
    return (
      <p className="stock-holdings-note" role="status">
        {onHand.error ? onHand.error.message : <><Spinner /> Adding up what is here…</>}
      </p>
    );
  }
  if (data.rows.length === 0) return <p className="stock-holdings-note" data-testid="location-empty">Holds no stock.</p>;
  const batches = new Set(data.rows.map((r) => r.batchId)).size;
  return (
    <div className="stock-location-holdings" data-testid="location-holdings">
      <p className="stock-holdings-note">
        Holds {data.totals.map((t) => quantityText(t.quantity, t.unit)).join(', ')} in {batches} batch{batches === 1 ? '' : 'es'}
        {data.rows.length > batches ? ` at ${new Set(data.rows.map((r) => r.locationId)).size} locations` : ''}:
      </p>
      <ul className="stock-holdings-list">
        {data.rows.slice(0, listed).map((row) => (
          <li key={`${row.batchId}|${row.locationId}`}>
            <a href={hrefOf({ screen: 'batch', batchId: row.batchId })}>{row.batchCode}</a> · {numberText(row.quantity)} {row.unit} in {row.locationCode}
          </li>
        ))}
        {data.rows.length > listed ? <li className="muted">and {data.rows.length - listed} more lines</li> : null}
      </ul>
    </div>
  );
}
