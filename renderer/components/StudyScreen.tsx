import { useState } from 'react';
import { useApiData } from '../api/use-api-data';
import { hrefOf } from '../navigation/route';
import { useStudyTimepoint } from '../recording/study-timepoint';
import { LoadingState } from './LoadingState';
import { ProblemNotice } from './ProblemNotice';
import { StudyWorkspace } from './StudyWorkspace';

const studyTables = ['studies', 'trials', 'locations', 'study_variables', 'observation_variables', 'observation_units'];
const plotTables = ['observations', 'observation_units', 'germplasm'];
const savesSettle = { ms: 1500, tables: ['observations', 'sync_outbox', 'change_history'] };

/** A study: its plots and their values, and the entry box to record more. */
export function StudyScreen({ studyId }: { studyId: string }) {
  const study = useApiData('studies:get', { studyId }, studyTables);
  const [timepoint, setTimepoint] = useStudyTimepoint(studyId);
  // Each save patches the plots on screen; after saves alone the full list (thousands of plots) is
  // read again only once saving pauses, so fast scoring never waits behind it.
  const plots = useApiData('plots:list-with-latest', { studyId, timepoint }, plotTables, { settle: savesSettle });
  // Another timepoint's values are on their way: keep showing the plots meanwhile.
  const [lastPlots, setLastPlots] = useState(plots.data);
  if (plots.data !== null && plots.data !== lastPlots) setLastPlots(plots.data);
  const shownPlots = plots.data ?? lastPlots;

  if (study.data === null || shownPlots === null) {
    const error = study.error ?? plots.error;
    return error ? (
      <div className="page page-narrow">
        <ProblemNotice error={error}>
          <button
            type="button"
            className="button"
            onClick={() => {
              study.reload();
              plots.reload();
            }}
          >
            Try again
          </button>
          <a className="button button-ghost" href={hrefOf({ screen: 'trials' })}>
            Back to trials
          </a>
        </ProblemNotice>
      </div>
    ) : (
      <LoadingState label="Loading the study’s plots…" />
    );
  }
  return (
    <StudyWorkspace
      study={study.data}
      plots={shownPlots}
      patchPlots={plots.patch}
      timepoint={timepoint}
      onTimepointChange={setTimepoint}
      timepointLoading={plots.data === null}
    />
  );
}
