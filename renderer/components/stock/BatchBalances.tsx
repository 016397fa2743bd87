import type { BatchDetail } from '../../../common/stock/stock-results';
import { numberText } from '../../stock/stock-text';

interface BatchBalancesProps {
  detail: BatchDetail;
  /** Starts a transfer out of this location. */
  onTransfer(locationId: string): void;
}

/** Where the batch is now: its balance at each location that holds some (or is below zero). */
export function BatchBalances({ detail, onTransfer }: BatchBalancesProps) {
  const { balances, batch } = detail;
  return (
    <section className="stock-section" aria-labelledby="balances-heading">
      <h2 id="balances-heading" className="section-heading">
        Balance per location
      </h2>
      {balances.length === 0 ? (
        <p className="muted" data-testid="batch-no-balance">
          None left anywhere: everything received has been moved out, sown or disposed of.
        </p>
      ) : (
        <table className="list-table stock-table" data-testid="batch-balances">
          <thead>
            <tr>
              <th scope="col">Location</th>
              <th scope="col">Where</th>
              <th scope="col" className="numeric">
                Balance ({batch.unit})
              </th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {balances.map((balance) => (
              <tr key={balance.location.id} className={balance.quantity < 0 ? 'stock-row-negative' : undefined} data-testid={`balance-${balance.location.code}`}>
                <th scope="row">
                  {balance.location.code}
                  <span className="stock-sub">{balance.location.name}</span>
                </th>
                <td className="stock-path">{balance.location.path}</td>
                <td className="numeric" data-testid="balance-quantity">
                  {numberText(balance.quantity)}
                </td>
                <td className="stock-row-actions">
                  <button type="button" className="button button-small" onClick={() => onTransfer(balance.location.id)} aria-label={`Transfer from ${balance.location.code}`}>
                    Transfer from here
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
