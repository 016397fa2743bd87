import { useState } from 'react';

/**
 * The timepoint values are recorded at, per study, for this session: kept in sessionStorage so a
 * reload of the window keeps it, and in memory when storage is not available. A new session
 * starts at "no timepoint", so nobody records at last month's timepoint by accident.
 */
const remembered = new Map<string, string | null>();
const storageKey = (studyId: string): string => `field-station:timepoint:${studyId}`;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function rememberedTimepoint(studyId: string): string | null {
  if (remembered.has(studyId)) return remembered.get(studyId) ?? null;
  const stored = storage()?.getItem(storageKey(studyId)) ?? null;
  return stored === null || stored.trim() === '' ? null : stored;
}

export function rememberTimepoint(studyId: string, timepoint: string | null): void {
  remembered.set(studyId, timepoint);
  try {
    if (timepoint === null) storage()?.removeItem(storageKey(studyId));
    else storage()?.setItem(storageKey(studyId), timepoint);
  } catch {
    // Storage full or refused: the choice still lasts while this window is open.
  }
}

/** The study's chosen timepoint (null: none) and a setter that remembers it for the session. */
export function useStudyTimepoint(studyId: string): [string | null, (timepoint: string | null) => void] {
  const [timepoint, setTimepoint] = useState(() => rememberedTimepoint(studyId));
  const choose = (next: string | null): void => {
    const clean = next === null ? null : next.trim() || null;
    rememberTimepoint(studyId, clean);
    setTimepoint(clean);
  };
  return [timepoint, choose];
}

/** A name the user typed for a new timepoint: trimmed, inner spaces collapsed; the problem, if any. */
export function checkTimepointName(raw: string): { ok: true; name: string } | { ok: false; message: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (name === '') return { ok: false, message: 'Name the timepoint, for example “28 DAS”.' };
  if (name.length > 60) return { ok: false, message: 'Use at most 60 characters for a timepoint.' };
  return { ok: true, name };
}
