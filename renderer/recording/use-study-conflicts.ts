import { useEffect, useRef } from 'react';
import type { ObservationConflict } from '../../common/api-contract';
import { useApiEvent } from '../api/use-api-event';
import { useApiData, type ApiData } from '../api/use-api-data';

/** Quiet time after the last change of observations before the list is read again, and the longest wait. */
const quietMs = 1500;
const maxWaitMs = 10_000;
const firstLoadMs = 1000;

/**
 * The study's differences between devices, kept current without slowing recording: values that
 * disagree only arrive by sync, while every save also changes observations, so the (whole-study)
 * query runs once changes pause, or every ten seconds during a long run of saves.
 */
export function useStudyConflicts(studyId: string): ApiData<ObservationConflict[]> {
  // A whole-study query, only counted on the toolbar: it waits until the plots are drawn.
  const conflicts = useApiData('observations:list-conflicts', { studyId }, [], { firstLoadAfterMs: firstLoadMs });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const firstChangeAt = useRef<number | null>(null);
  const { reload } = conflicts;

  useApiEvent('data:changed', ({ tables }) => {
    if (!tables.includes('*') && !tables.includes('observations')) return;
    const now = Date.now();
    firstChangeAt.current ??= now;
    if (timer.current !== null) clearTimeout(timer.current);
    const wait = Math.max(0, Math.min(quietMs, firstChangeAt.current + maxWaitMs - now));
    timer.current = setTimeout(() => {
      timer.current = null;
      firstChangeAt.current = null;
      reload();
    }, wait);
  });
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
    },
    [],
  );
  return conflicts;
}
