import type { StationSummary } from '../../common/api-contract';
import { useApiData } from '../api/use-api-data';
import { formatCount } from '../format/value-text';
import { hrefOf } from '../navigation/route';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';

const trialTables = ['trials', 'programs', 'studies', 'observation_units'];

/** The open station's trials. */
export function TrialsScreen({ station }: { station: StationSummary }) {
  const trials = useApiData('trials:list', {}, trialTables);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Trials</h1>
          <p className="page-subtitle">{station.name}</p>
        </div>
      </div>
      {trials.data === null ? (
        trials.error ? (
          <ProblemNotice error={trials.error}>
            <button type="button" className="button" onClick={trials.reload}>
              Try again
            </button>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading trials…" />
        )
      ) : trials.data.length === 0 ? (
        <div className="empty-state">
          <h2>No trials in this station yet</h2>
          <p>
            Trials arrive from your organisation’s server once this station is connected. To try recording now, open
            the demo station from the <a href={hrefOf({ screen: 'start' })}>start screen</a>.
          </p>
        </div>
      ) : (
        <ul className="tile-list" aria-label="Trials">
          {trials.data.map((trial) => (
            <li key={trial.id}>
              <a className="tile" href={hrefOf({ screen: 'trial', trialId: trial.id })}>
                <span className="tile-title">{trial.name}</span>
                {trial.programName ? <span className="tile-eyebrow">{trial.programName}</span> : null}
                {trial.description ? <span className="tile-body">{trial.description}</span> : null}
                <span className="tile-meta">
                  {trial.studyCount === 1 ? '1 study' : `${formatCount(trial.studyCount)} studies`} ·{' '}
                  {formatCount(trial.plotCount)} plots
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
