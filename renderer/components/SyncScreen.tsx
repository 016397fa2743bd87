import type { StationSummary, SyncStatus } from '../../common/api-contract';
import { useSyncStatus } from '../sync/use-sync-status';
import { ConnectForm } from './ConnectForm';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';
import { RejectedChanges } from './RejectedChanges';
import { SyncOverview } from './SyncOverview';

interface SyncScreenProps {
  station: StationSummary;
  onConnect(serverUrl: string, code: string): Promise<SyncStatus>;
}

/** Connecting the station to the organisation's server, and how its sync is doing once it is. */
export function SyncScreen({ station, onConnect }: SyncScreenProps) {
  const { status, error, reload } = useSyncStatus();
  const connected = status !== null && status.serverUrl !== null;

  return (
    <div className="page sync-page" data-testid="sync-screen">
      <div className="page-header">
        <div>
          <h1>Sync</h1>
          <p className="page-subtitle">
            {connected
              ? `${station.name} exchanges its changes with your organisation’s server in the background.`
              : `${station.name} is kept on this computer only.`}
          </p>
        </div>
      </div>
      {status === null ? (
        error ? (
          <ProblemNotice error={error}>
            <button type="button" className="button" onClick={reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : (
          <LoadingState label="Asking how sync is doing…" />
        )
      ) : connected ? (
        <>
          <SyncOverview status={status} />
          {status.state === 'error' ? (
            <details className="reconnect">
              <summary>Asked to enrol this computer again? Connect with a new code</summary>
              <ConnectForm stationName={station.name} previousServerUrl={status.serverUrl} onConnect={onConnect} />
            </details>
          ) : null}
          <RejectedChanges rejectedCount={status.rejected} />
        </>
      ) : (
        <>
          {status.state === 'error' && status.error ? (
            <div className="notice notice-problem" role="alert">
              <p className="notice-title">Sync cannot start</p>
              <p className="notice-body">{status.error}</p>
            </div>
          ) : null}
          <ConnectForm stationName={station.name} onConnect={onConnect} />
        </>
      )}
    </div>
  );
}
