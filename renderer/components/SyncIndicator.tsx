import { useNow } from '../hooks/use-now';
import { hrefOf } from '../navigation/route';
import { indicatorDetail, lastSyncText, stateLabel } from '../sync/sync-text';
import { useSyncStatus } from '../sync/use-sync-status';
import { Spinner } from './Spinner';
import { SyncProgress } from './SyncProgress';

/**
 * The station's sync state in the top bar, always in view: online or not, what waits to be sent,
 * when it last synced, the progress of a large pull, and what went wrong. It opens the Sync screen.
 */
export function SyncIndicator({ current }: { current: boolean }) {
  const { status } = useSyncStatus();
  const now = useNow(15_000);
  if (!status) return null;

  const busy = status.state === 'syncing' || status.state === 'connecting';
  const showLastSync = (status.state === 'online' || status.state === 'offline') && status.lastSyncAt !== null;
  const detail = indicatorDetail(status);
  return (
    <a
      className={`sync-indicator sync-indicator-${status.state}`}
      href={hrefOf({ screen: 'sync' })}
      aria-current={current ? 'page' : undefined}
      title={status.error ?? undefined}
      data-testid="sync-indicator"
      data-state={status.state}
      data-pending={status.pending}
    >
      {busy ? <Spinner /> : <span className="sync-dot" aria-hidden="true" />}
      <span className="sync-indicator-text">
        <span className="sync-indicator-state">
          {stateLabel(status)}
          {showLastSync ? <span className="sync-indicator-when"> · {lastSyncText(status, now)}</span> : null}
        </span>
        <span className="sync-indicator-detail" data-testid="sync-indicator-detail">
          {detail}
        </span>
      </span>
      {status.rejected > 0 ? (
        <span className="sync-indicator-refused" data-testid="sync-indicator-refused">
          {status.rejected}
          <span className="sync-indicator-refused-words"> {status.rejected === 1 ? 'change' : 'changes'}</span> refused
        </span>
      ) : null}
      {status.pullProgress ? <SyncProgress progress={status.pullProgress} label={detail} className="sync-indicator-progress" /> : null}
    </a>
  );
}
