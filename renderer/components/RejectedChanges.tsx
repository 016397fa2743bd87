import { useEffect, useState } from 'react';
import { useApiData } from '../api/use-api-data';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';
import { RejectedChangeItem } from './RejectedChangeItem';

const outboxTables = ['sync_outbox'];

/** The changes the server refused, kept on this computer until the user fixes or discards each. */
export function RejectedChanges({ rejectedCount }: { rejectedCount: number }) {
  // Asked again whenever the outbox changes, and when the count in the status moves.
  const rejected = useApiData('sync:list-rejected', {}, outboxTables);
  const { reload } = rejected;
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => reload(), [rejectedCount, reload]);

  const list = rejected.data;
  return (
    <section className="rejected" aria-labelledby="rejected-heading" data-testid="rejected-changes">
      <div className="rejected-intro">
        <h2 id="rejected-heading">
          Refused changes{list && list.length > 0 ? <span className="count-badge">{list.length}</span> : null}
        </h2>
        <p>
          The server checks every change. One it refuses is kept here, with the reason, until you fix and resend it or
          discard it. It never holds up the others.
        </p>
      </div>
      {done ? (
        <p className="rejected-done" role="status" data-testid="rejected-done">
          {done}
        </p>
      ) : null}
      {list === null ? (
        rejected.error ? (
          <ProblemNotice error={rejected.error}>
            <button type="button" className="button" onClick={rejected.reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading refused changes…" />
        )
      ) : list.length === 0 ? (
        <p className="rejected-empty" data-testid="rejected-empty">
          No refused changes. The server accepted everything this station sent.
        </p>
      ) : (
        <ul className="rejected-list">
            {list.map((change) => (
              <RejectedChangeItem
                key={change.changeId}
                change={change}
                onDone={(message) => {
                  setDone(message);
                  rejected.reload();
                }}
              />
            ))}
        </ul>
      )}
    </section>
  );
}
