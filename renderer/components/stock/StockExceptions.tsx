import type { ApiArgs } from '../../../common/api-contract';
import { useApiData } from '../../api/use-api-data';
import { formatDateTime } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { quantityText } from '../../stock/stock-text';
import { LedgerLine } from './LedgerLine';
import { Spinner } from '../Spinner';

const tables = ['stock_movements', 'stock_batches', 'locations'];

/**
 * Balances that went below zero (two devices moved the same stock while offline, say), each with
 * the movements that took it there and, once it recovered, the one that brought it back. Nothing
 * was refused for being late: they are listed here to be counted or explained.
 */
export function StockExceptions({ location }: { location: string }) {
  const args: ApiArgs<'stock:exceptions'> = location.trim() === '' ? {} : { location: location.trim() };
  const exceptions = useApiData('stock:exceptions', args, tables);
  const list = exceptions.data ?? [];
  const open = list.filter((e) => e.stillNegative).length;
  return (
    <details className="stock-section stock-exceptions" open={open > 0} data-testid="stock-exceptions">
      <summary>
        <h2 className="stock-section-title">Exceptions</h2>
        <span className={`stock-section-note${open > 0 ? ' stock-section-alert' : ''}`} data-testid="exceptions-summary">
          {exceptions.data === null ? (
            exceptions.error ? (
              exceptions.error.message
            ) : (
              <>
                <Spinner /> Looking for balances below zero…
              </>
            )
          ) : list.length === 0 ? (
            'No balance has gone below zero'
          ) : (
            `${open} below zero now, ${list.length - open} recovered`
          )}
        </span>
      </summary>
      {list.length > 0 ? (
        <ul className="stock-exception-list">
          {list.map((exception) => (
            <li
              key={`${exception.batch.id}|${exception.location.id}|${exception.wentNegativeAt}`}
              className={`stock-exception${exception.stillNegative ? ' stock-exception-open' : ''}`}
              data-testid={`exception-${exception.batch.code}-${exception.location.code}`}
            >
              <p className="stock-exception-head">
                <a href={hrefOf({ screen: 'batch', batchId: exception.batch.id })}>{exception.batch.code}</a> in {exception.location.code}:{' '}
                {exception.stillNegative ? (
                  <strong>{quantityText(exception.balance, exception.batch.unit)} now</strong>
                ) : (
                  <span>back to {quantityText(exception.balance, exception.batch.unit)}</span>
                )}
                <span className="stock-sub">
                  Went below zero on {formatDateTime(exception.wentNegativeAt)}, lowest {quantityText(exception.lowest, exception.batch.unit)}.
                </span>
              </p>
              <p className="stock-exception-label">Movements that took it below zero</p>
              <ul className="stock-exception-causes">
                {exception.causes.map((cause) => (
                  <li key={cause.id}>
                    <LedgerLine entry={cause} unit={exception.batch.unit} />
                  </li>
                ))}
              </ul>
              {exception.resolvedBy ? (
                <p className="stock-exception-resolved">
                  Brought back by: <LedgerLine entry={exception.resolvedBy} unit={exception.batch.unit} />
                </p>
              ) : (
                <p className="stock-exception-hint">Count it, or record the movement that is missing; a station manager can adjust it.</p>
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}
