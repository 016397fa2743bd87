import type { BatchDetail } from '../../../common/stock/stock-results';
import { formatDateTime } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { movementLabels, numberText, signedText } from '../../stock/stock-text';

const syncWords = { pending: 'Not sent yet', rejected: 'Refused by the server: see Sync', synced: '' } as const;

/** Every movement of the batch, oldest first: what, where, who on which device, when, and the total after it. */
export function BatchLedger({ detail }: { detail: BatchDetail }) {
  const { ledger, batch } = detail;
  return (
    <section className="stock-section" aria-labelledby="ledger-heading">
      <h2 id="ledger-heading" className="section-heading">
        Ledger · {ledger.length} movement{ledger.length === 1 ? '' : 's'}
      </h2>
      <div className="stock-table-wrap">
        <table className="list-table stock-table stock-ledger" data-testid="batch-ledger">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Movement</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col" className="numeric">
                Quantity
              </th>
              <th scope="col" className="numeric">
                Change to total
              </th>
              <th scope="col" className="numeric">
                Total after
              </th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {ledger.map((entry) => (
              <tr key={entry.id} data-testid={`ledger-${entry.kind}`}>
                <td className="stock-nowrap">{formatDateTime(entry.occurredAt)}</td>
                <th scope="row">
                  {movementLabels[entry.kind]}
                  {entry.study ? (
                    <span className="stock-sub">
                      into <a href={hrefOf({ screen: 'study', studyId: entry.study.id })}>{entry.study.name}</a>
                    </span>
                  ) : null}
                  {entry.reason ? <span className="stock-sub">{entry.reason}</span> : null}
                  {entry.sync !== 'synced' ? <span className={`stock-sync stock-sync-${entry.sync}`}>{syncWords[entry.sync]}</span> : null}
                </th>
                <td>{entry.from?.code ?? '—'}</td>
                <td>{entry.to?.code ?? '—'}</td>
                <td className="numeric">
                  {numberText(entry.quantity)} <span className="stock-unit">{batch.unit}</span>
                </td>
                <td className={`numeric${entry.change < 0 ? ' stock-negative' : ''}`}>{signedText(entry.change)}</td>
                <td className={`numeric${entry.totalAfter < 0 ? ' stock-negative' : ''}`} data-testid="ledger-total">
                  {numberText(entry.totalAfter)}
                </td>
                <td>
                  {entry.recordedBy ?? 'unknown'}
                  <span className="stock-sub">
                    {entry.device ? `on ${entry.device}` : 'device unknown'}
                    {entry.recordedAt.slice(0, 16) !== entry.occurredAt.slice(0, 16) ? `, recorded ${formatDateTime(entry.recordedAt)}` : ''}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
