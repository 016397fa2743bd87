import { v5 } from 'uuid';
import type { noteSubjectKinds } from '../vocabulary';

export type NoteSubjectKind = (typeof noteSubjectKinds)[number];

/** The subject a note is written about: a study (its notebook), a plot, a trial or a location. */
export interface NoteSubject {
  subjectKind: NoteSubjectKind;
  subjectId: string;
}

/** Fixed for good: every note id ever issued derives from it. */
const noteIdNamespace = '0d33e9eb-fdb5-4e22-af49-917f32676fd8';

/**
 * A subject has one note, and its row id follows from the subject (UUID v5 of kind and id), so two
 * devices that start the note of the same plot offline create the same row, and their documents
 * merge instead of clashing.
 */
export function noteRowId(subject: NoteSubject): string {
  return v5(`${subject.subjectKind}:${subject.subjectId.toLowerCase()}`, noteIdNamespace);
}
