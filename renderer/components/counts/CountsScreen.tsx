import { useState } from 'react';
import type { CountStatus } from '../../../common/vocabulary';
import { useApiData } from '../../api/use-api-data';
import { countListTables } from '../../counts/count-tables';
import { countStatusLabels } from '../../counts/count-wording';
import { formatDateTime } from '../../format/value-text';
import { hrefOf } from '../../navigation/route';
import { LoadingState } from '../LoadingState';
import { ProblemNotice } from '../ProblemNotice';
import { CountStatusChip } from './CountStatusChip';
import { StartCountForm } from './StartCountForm';
import '../../styles/counts.css';

type Shown = CountStatus | 'all';
const shownChoices: Shown[] = ['open', 'approved', 'cancelled', 'all'];

/** The station's stock counts (open, approved, cancelled), and starting a new one. */
export function CountsScreen() {
  const [shown, setShown] = useState<Shown>('open');
  const [starting, setStarting] = useState(false);
  const counts = useApiData('counts:list', shown === 'all' ? {} : { status: shown }, countListTables);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Counts</h1>
          <p className="page-subtitle">Count what is physically there, compare it with what the movements say, explain and approve.</p>
        </div>
        {starting ? null : (
          <button type="button" className="button button-primary" onClick={() => setStarting(true)} data-testid="start-count">
            Start a count
          </button>
        )}
      </div>
      {starting ? <StartCountForm onCancel={() => setStarting(false)} /> : null}
      <div className="count-list-bar">
        <div className="view-switch" role="group" aria-label="Show counts">
          {shownChoices.map((choice) => (
            <button
              key={choice}
              type="button"
              className={`view-switch-button${shown === choice ? ' view-switch-on' : ''}`}
              aria-pressed={shown === choice}
              onClick={() => setShown(choice)}
              data-testid={`counts-show-${choice}`}
            >
              {choice === 'all' ? 'All' : countStatusLabels[choice]}
            </button>
          ))}
        </div>
      </div>
      {counts.data === null ? (
        counts.error ? (
          <ProblemNotice error={counts.error}>
            <button type="button" className="button" onClick={counts.reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading counts…" />
        )
      ) : counts.data.length === 0 ? (
        <div className="empty-state">
          <h2>{shown === 'all' ? 'No counts yet' : `No ${countStatusLabels[shown].toLowerCase()} counts`}</h2>
          <p>
            {shown === 'open' || shown === 'all'
              ? 'Start a count for a bin, a bench or a whole greenhouse, then scan what is there.'
              : 'Counts appear here once they are ' + countStatusLabels[shown].toLowerCase() + '.'}
          </p>
        </div>
      ) : (
        <table className="list-table" data-testid="count-list">
          <thead>
            <tr>
              <th scope="col">Count</th>
              <th scope="col">Location</th>
              <th scope="col">As of</th>
              <th scope="col">Status</th>
              <th scope="col">Started by</th>
              <th scope="col">Approved</th>
            </tr>
          </thead>
          <tbody>
            {counts.data.map((count) => (
              <tr key={count.id} data-testid={`count-row-${count.id}`}>
                <th scope="row">
                  <a href={hrefOf({ screen: 'count', countId: count.id })}>{count.name}</a>
                </th>
                <td>
                  <span className="count-code">{count.location.code}</span> <span className="muted">{count.location.name}</span>
                </td>
                <td>{formatDateTime(count.snapshotAt)}</td>
                <td>
                  <CountStatusChip status={count.status} />
                </td>
                <td>{count.startedBy ?? '—'}</td>
                <td>{count.approvedAt ? `${formatDateTime(count.approvedAt)}${count.approvedBy ? ` by ${count.approvedBy}` : ''}` : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
