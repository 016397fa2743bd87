import type { LocationNode } from '../../../common/stock/stock-results';
import { problemTitle } from '../../format/problem-text';
import { holdingsOf } from '../../stock/holdings';
import { numberText } from '../../stock/stock-text';
import { useApiAction } from '../../stock/use-api-action';
import { Spinner } from '../Spinner';
import { StockDialog } from './StockDialog';

interface ArchiveLocationDialogProps {
  node: LocationNode;
  /** How many locations in use sit inside it (archived with it). */
  inside: number;
  onClose(): void;
  onArchived(node: LocationNode): void;
}

/**
 * Archives a location and everything inside it: nothing new can be put there. Refused while any of
 * it still holds stock, with the list of what is there.
 */
export function ArchiveLocationDialog({ node, inside, onClose, onArchived }: ArchiveLocationDialogProps) {
  const action = useApiAction();
  const holdings = holdingsOf(action.error);

  const archive = async (): Promise<void> => {
    const archived = await action.run('locations:archive', { locationId: node.id });
    if (archived) onArchived(archived);
  };

  return (
    <StockDialog title={`Archive ${node.code}?`} lead={node.path} busy={action.busy} onClose={onClose} testId="archive-location-dialog">
      <div className="stock-form">
        <p>
          {inside > 0 ? `${node.code} and the ${inside} location${inside === 1 ? '' : 's'} inside it` : node.code} will be archived: nothing new can be put there, and
          {inside > 0 ? ' they are' : ' it is'} hidden from the tree unless you show archived locations. Their history stays.
        </p>
        {action.error ? (
          <div className="notice notice-problem stock-archive-refusal" role="alert" data-testid="archive-refusal">
            <p className="notice-title">{holdings.length > 0 ? `${node.code} still holds stock` : problemTitle(action.error)}</p>
            <p className="notice-body">{action.error.message}</p>
            {holdings.length > 0 ? (
              <table className="stock-holdings" data-testid="archive-holdings">
                <caption className="visually-hidden">What is still there</caption>
                <thead>
                  <tr>
                    <th scope="col">Batch</th>
                    <th scope="col">In</th>
                    <th scope="col" className="numeric">
                      Quantity
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {holdings.map((h) => (
                    <tr key={`${h.batchCode}|${h.locationCode}`}>
                      <th scope="row">{h.batchCode}</th>
                      <td>{h.locationCode}</td>
                      <td className="numeric">
                        {numberText(h.quantity)} {h.unit}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
        ) : null}
        <div className="stock-dialog-actions">
          <button type="button" className="button button-ghost" disabled={action.busy} data-autofocus onClick={onClose}>
            {action.error ? 'Close' : 'Cancel'}
          </button>
          <button type="button" className="button button-danger" disabled={action.busy} onClick={() => void archive()} data-testid="archive-confirm">
            {action.busy ? (
              <>
                <Spinner /> Archiving…
              </>
            ) : (
              `Archive ${node.code}`
            )}
          </button>
        </div>
      </div>
    </StockDialog>
  );
}
