import type { ObservationConflict, StudyDetail } from '../../common/api-contract';
import type { ApiData } from '../api/use-api-data';
import { ConflictItem } from './ConflictItem';

interface ConflictReviewProps {
  study: StudyDetail;
  conflicts: ApiData<ObservationConflict[]>;
  onClose(): void;
}

const keyOf = (conflict: ObservationConflict): string => `${conflict.unitId}|${conflict.variableId}|${conflict.timepoint ?? ''}`;

/**
 * Values two devices recorded differently for the same plot, variable and timepoint (neither
 * replaced the other). Nothing is settled without a person: each is kept, one is chosen, or a new
 * value is typed, and that choice is recorded as a value that replaces both.
 */
export function ConflictReview({ study, conflicts, onClose }: ConflictReviewProps) {
  const variables = new Map(study.variables.map((v) => [v.id, v]));
  const items = conflicts.data ?? [];
  const resolved = (done: ObservationConflict): void =>
    conflicts.patch((current) => current.filter((conflict) => keyOf(conflict) !== keyOf(done)));

  return (
    <section className="conflict-review" aria-labelledby="conflict-review-title" data-testid="conflict-review">
      <header className="conflict-review-header">
        <div>
          <h2 id="conflict-review-title">Differences to review</h2>
          <p className="conflict-review-lede">
            Two devices recorded different values for the same plot, trait and timepoint. Keep the right one, or record what the plot
            really shows. Every value stays in the plot’s history.
          </p>
        </div>
        <button type="button" className="button" onClick={onClose} data-testid="conflict-review-close">
          ← Back to recording
        </button>
      </header>
      {conflicts.data === null ? (
        <p className="history-note">{conflicts.error ? conflicts.error.message : 'Loading…'}</p>
      ) : items.length === 0 ? (
        <div className="empty-state" data-testid="conflict-review-empty">
          <h2>Nothing left to review</h2>
          <p>Every plot has one current value per trait and timepoint.</p>
        </div>
      ) : (
        <ol className="conflict-list">
          {items.map((conflict) => (
            <ConflictItem
              key={keyOf(conflict)}
              conflict={conflict}
              variable={variables.get(conflict.variableId)}
              onResolved={resolved}
              onStale={conflicts.reload}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
