import type { LedgerEntry, MovementResult } from '../../common/stock/stock-results';
import { quantityText } from './stock-text';

/** What a saved movement did, in one sentence for the screen's status line. */
export function movementResultText(result: MovementResult): string {
  const { batch, newBatch } = result;
  const first: LedgerEntry | undefined = result.movements.find((m) => m.batchId === batch.id) ?? result.movements[0];
  if (!first) return `Saved for ${batch.code}.`;
  const amount = quantityText(first.quantity, batch.unit);
  const from = first.from?.code;
  const to = first.to?.code;
  switch (first.kind) {
    case 'receive':
      return `Received ${batch.code}: ${amount} into ${to ?? 'stock'}.`;
    case 'transfer':
      return `Moved ${amount} of ${batch.code} from ${from ?? '?'} to ${to ?? '?'}.`;
    case 'sow':
      return `Sowed ${amount} of ${batch.code} from ${from ?? '?'}${first.study ? ` for ${first.study.name}` : ''}.`;
    case 'split': {
      const into = result.movements.find((m) => m.batchId !== batch.id)?.to?.code;
      return `Split ${amount} of ${batch.code} from ${from ?? '?'} into the new batch ${newBatch?.code ?? '?'}${into ? ` in ${into}` : ''}.`;
    }
    case 'dispose':
      return `Disposed of ${amount} of ${batch.code} from ${from ?? '?'}.`;
    case 'adjust':
      return to ? `Adjusted ${batch.code} in ${to}: ${amount} added.` : `Adjusted ${batch.code} in ${from ?? '?'}: ${amount} removed.`;
  }
}
