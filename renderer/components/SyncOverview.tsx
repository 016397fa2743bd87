import { useState } from 'react';
import type { SyncStatus } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';
import { timeAgo } from '../format/relative-time';
import { formatCount, formatDateTime } from '../format/value-text';
import { useNow } from '../hooks/use-now';
import { progressText, stateLabel, statusHeadline } from '../sync/sync-text';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';
import { SyncProgress } from './SyncProgress';

/** A connected station's sync state: the server, the numbers, what went wrong, and "Sync now". */
export function SyncOverview({ status }: { status: SyncStatus }) {
  const now = useNow(15_000);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<ApiCallError | null>(null);
  const busy = status.state === 'syncing' || status.state === 'connecting';

  const syncNow = async (): Promise<void> => {
    setAsking(true);
    setProblem(null);
    try {
      await api.call('sync:sync-now', {});
    } catch (error) {
      setProblem(asApiCallError(error, 'sync:sync-now'));
    } finally {
      setAsking(false);
    }
  };

  return (
    <section className={`card sync-overview sync-overview-${status.state}`} aria-label="Sync status" data-testid="sync-overview" data-state={status.state}>
      <div className="sync-overview-head">
        <div className="sync-overview-state">
          {busy ? <Spinner size="large" /> : <span className="sync-dot sync-dot-large" aria-hidden="true" />}
          <div>
            <p className="sync-overview-label" data-testid="sync-state">
              {stateLabel(status)}
            </p>
            <p className="sync-overview-headline">{statusHeadline(status)}</p>
          </div>
        </div>
        <button type="button" className="button" disabled={asking || busy} onClick={() => void syncNow()} data-testid="sync-now">
          {asking || busy ? <Spinner /> : null} Sync now
        </button>
      </div>

      {status.pullProgress ? (
        <div className="sync-overview-progress" role="status">
          <SyncProgress progress={status.pullProgress} label={progressText(status.pullProgress)} className="progress-bar" />
          <span className="progress-note">{progressText(status.pullProgress)} so far</span>
        </div>
      ) : null}

      <dl className="sync-facts">
        <div>
          <dt>Server</dt>
          <dd className="sync-fact-server">{status.serverUrl ?? '—'}</dd>
        </div>
        <div>
          <dt>Last synced</dt>
          <dd>
            {status.lastSyncAt ? (
              <>
                {timeAgo(status.lastSyncAt, now)}{' '}
                <span className="sync-fact-note">{formatDateTime(status.lastSyncAt)}</span>
              </>
            ) : (
              'Not yet'
            )}
          </dd>
        </div>
        <div>
          <dt>Waiting to send</dt>
          <dd data-testid="sync-pending">
            <span className="sync-fact-number">{formatCount(status.pending)}</span>{' '}
            <span className="sync-fact-note">{status.pending === 1 ? 'change on this computer' : 'changes on this computer'}</span>
          </dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd data-testid="sync-rejected">
            <span className={status.rejected > 0 ? 'sync-fact-number sync-fact-alert' : 'sync-fact-number'}>{formatCount(status.rejected)}</span>{' '}
            <span className="sync-fact-note">{status.rejected > 0 ? 'need your decision, below' : 'by the server'}</span>
          </dd>
        </div>
      </dl>

      {status.error && (status.state === 'offline' || status.state === 'error') ? (
        <div className={status.state === 'error' ? 'notice notice-problem' : 'notice notice-warning'} role="status" data-testid="sync-error">
          <p className="notice-title">{status.state === 'error' ? 'Why sync stopped' : 'The server cannot be reached'}</p>
          <p className="notice-body">{status.error}</p>
        </div>
      ) : null}
      {problem ? <ProblemNotice error={problem} /> : null}
    </section>
  );
}
