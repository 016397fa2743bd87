import type { MovementResult } from '../../../common/stock/stock-results';
import { hrefOf } from '../../navigation/route';
import { movementResultText } from '../../stock/movement-words';

/** What a receive, transfer or other movement just saved, with any balance it took below zero. */
export function ReceivedNotice({ result, onDismiss, currentBatchId }: { result: MovementResult; onDismiss(): void; currentBatchId?: string }) {
  const target = result.newBatch ?? result.batch;
  return (
    <div className={`notice stock-saved${result.warnings.length > 0 ? ' notice-warning' : ''}`} role="status" data-testid="movement-saved">
      <p className="notice-title">{movementResultText(result)}</p>
      {result.warnings.map((warning) => (
        <p key={warning} className="notice-body" data-testid="movement-warning">
          {warning}
        </p>
      ))}
      <div className="notice-actions">
        {target.id !== currentBatchId ? (
          <a className="button button-small button-primary" href={hrefOf({ screen: 'batch', batchId: target.id })} data-testid="saved-open-batch">
            Open batch {target.code}
          </a>
        ) : null}
        <button type="button" className="button button-small button-ghost" onClick={onDismiss}>
          Dismiss
        </button>
      </div>
    </div>
  );
}
