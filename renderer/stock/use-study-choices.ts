import { useEffect, useState } from 'react';
import type { StudySummary } from '../../common/api-contract';
import { api } from '../api/api';
import { asApiCallError, type ApiCallError } from '../api/api-call-error';

export interface StudyGroup {
  trialId: string;
  trialName: string;
  studies: StudySummary[];
}

export interface StudyChoices {
  groups: StudyGroup[] | null;
  error: ApiCallError | null;
}

/** Every study of the station, by trial: what a sowing can be linked to. Loaded once per form. */
export function useStudyChoices(): StudyChoices {
  const [state, setState] = useState<StudyChoices>({ groups: null, error: null });
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const trials = await api.call('trials:list', {});
        const groups = await Promise.all(
          trials.map(async (trial) => ({ trialId: trial.id, trialName: trial.name, studies: await api.call('studies:list', { trialId: trial.id }) })),
        );
        if (live) setState({ groups: groups.filter((g) => g.studies.length > 0), error: null });
      } catch (error) {
        if (live) setState({ groups: null, error: asApiCallError(error, 'studies:list') });
      }
    })();
    return () => {
      live = false;
    };
  }, []);
  return state;
}

export function findStudy(groups: readonly StudyGroup[] | null, studyId: string): StudySummary | null {
  for (const group of groups ?? []) {
    const study = group.studies.find((s) => s.id === studyId);
    if (study) return study;
  }
  return null;
}
