import type { CountStatus } from '../../../common/vocabulary';
import { countStatusLabels } from '../../counts/count-wording';

/** A count's status as a coloured chip: open, approved or cancelled. */
export function CountStatusChip({ status }: { status: CountStatus }) {
  return (
    <span className={`chip count-status count-status-${status}`} data-testid="count-status">
      {countStatusLabels[status]}
    </span>
  );
}
