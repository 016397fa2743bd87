import { useApiData } from '../api/use-api-data';
import { formatCount } from '../format/value-text';
import { hrefOf } from '../navigation/route';
import { Breadcrumbs } from './Breadcrumbs';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';

/** One trial and its studies (a study is the trial at one location in one season). */
export function TrialScreen({ trialId }: { trialId: string }) {
  const trials = useApiData('trials:list', {}, ['trials', 'programs', 'studies']);
  const studies = useApiData('studies:list', { trialId }, ['studies', 'locations', 'observation_units']);
  const trial = trials.data?.find((t) => t.id === trialId) ?? null;
  const error = studies.error ?? trials.error;

  return (
    <div className="page">
      <Breadcrumbs crumbs={[{ label: 'Trials', route: { screen: 'trials' } }, { label: trial?.name ?? 'Trial' }]} />
      <div className="page-header">
        <div>
          <h1>{trial?.name ?? 'Trial'}</h1>
          {trial?.description ? <p className="page-subtitle">{trial.description}</p> : null}
        </div>
      </div>
      {studies.data === null || trials.data === null ? (
        error ? (
          <ProblemNotice error={error}>
            <a className="button" href={hrefOf({ screen: 'trials' })}>
              Back to trials
            </a>
          </ProblemNotice>
        ) : (
          <LoadingState label="Loading studies…" />
        )
      ) : studies.data.length === 0 ? (
        <div className="empty-state">
          <h2>This trial has no studies yet</h2>
          <p>A study places the trial at a location in a season, with its plots. None has been set up here.</p>
        </div>
      ) : (
        <section aria-labelledby="studies-heading">
          <h2 id="studies-heading" className="section-heading">
            Studies
          </h2>
          <table className="list-table">
            <thead>
              <tr>
                <th scope="col">Study</th>
                <th scope="col">Season</th>
                <th scope="col">Location</th>
                <th scope="col" className="numeric">
                  Plots
                </th>
              </tr>
            </thead>
            <tbody>
              {studies.data.map((study) => (
                <tr key={study.id}>
                  <th scope="row">
                    <a href={hrefOf({ screen: 'study', studyId: study.id })}>{study.name}</a>
                  </th>
                  <td>{study.season ?? '—'}</td>
                  <td>{study.locationName ?? '—'}</td>
                  <td className="numeric">{formatCount(study.plotCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
