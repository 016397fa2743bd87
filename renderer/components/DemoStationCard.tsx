import type { StationSummary } from '../../common/api-contract';
import type { ApiCallError } from '../api/api-call-error';
import { ProblemNotice } from './ProblemNotice';
import { Spinner } from './Spinner';

interface DemoStationCardProps {
  existing: StationSummary | null;
  busy: boolean;
  creating: boolean;
  elapsedSeconds: number;
  disabled: boolean;
  error: ApiCallError | null;
  onOpen(): void;
  onCreateCopy(): void;
}

/** Try Field Station on realistic data: opens the demo station, creating it the first time. */
export function DemoStationCard(props: DemoStationCardProps) {
  const { existing, busy, creating, elapsedSeconds, disabled, error, onOpen, onCreateCopy } = props;
  return (
    <div className="card action-card" aria-busy={busy}>
      <h2>Open the demo station</h2>
      <p>
        A wheat breeding station with two trials of 480 plots, eight traits and a season of observations. Try
        recording here; it never touches your own stations.
      </p>
      <div className="action-card-footer">
        <button type="button" className="button button-primary" disabled={disabled} onClick={onOpen} data-testid="open-demo">
          {busy ? <Spinner /> : null}
          {creating ? 'Creating the demo station…' : busy ? 'Opening…' : 'Open the demo station'}
        </button>
        {existing && !busy ? (
          <button type="button" className="button button-link" disabled={disabled} onClick={onCreateCopy}>
            Create a fresh copy
          </button>
        ) : null}
      </div>
      {creating ? (
        <p className="progress-note" role="status">
          Laying out plots and generating observations. This takes a few seconds
          {elapsedSeconds > 0 ? ` (${elapsedSeconds} s so far)` : ''}.
        </p>
      ) : null}
      {creating ? <div className="progress-bar progress-indeterminate" aria-hidden="true" /> : null}
      {error ? <ProblemNotice error={error} /> : null}
    </div>
  );
}
