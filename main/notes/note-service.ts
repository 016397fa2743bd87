import type { NoteView } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { emptyNoteState, mergeNoteStates, mergeStoredNote, noteDocumentProblem, readNote } from '../../common/notes/note-document';
import { noteRowId, type NoteSubject } from '../../common/notes/note-id';
import type { StationSession } from '../stations/station-session';
import { documentsWrittenSince, readStoredNote, subjectExists, type StoredNote } from './note-queries';

const subjectWords: Record<NoteSubject['subjectKind'], string> = {
  study: 'study',
  'observation-unit': 'plot',
  trial: 'trial',
  location: 'location',
};

async function requireSubject(session: StationSession, subject: NoteSubject): Promise<void> {
  if (!(await subjectExists(session.replica, subject))) {
    const what = subjectWords[subject.subjectKind];
    throw new AppError('not-found', `That ${what} is not part of this station any more, so it has no note here.`, { field: 'subjectId' });
  }
}

/** The stored document as a note state: bytes an older app wrote that do not decode read as an empty note. */
function stateOf(stored: StoredNote): Uint8Array | null {
  return stored.row ? mergeStoredNote(null, stored.row.ydoc) : null;
}

function viewOf(subject: NoteSubject, stored: StoredNote): NoteView {
  const state = stateOf(stored) ?? emptyNoteState();
  const { text, spans } = readNote(state);
  return {
    id: noteRowId(subject),
    subjectKind: subject.subjectKind,
    subjectId: subject.subjectId,
    exists: stored.row !== null,
    deleted: stored.row?.deleted ?? false,
    text,
    spans,
    state: Buffer.from(state).toString('base64'),
  };
}

/** The note of a study or plot (or trial, location), empty until someone writes in it. */
export async function getNote(session: StationSession, subject: NoteSubject): Promise<NoteView> {
  await requireSubject(session, subject);
  return viewOf(subject, await readStoredNote(session.replica, noteRowId(subject)));
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));
const maxRounds = 10;

/**
 * Merges an update from the editor (or any Yjs update or full state) into the subject's note and
 * writes the merged full state through the one write path; the outbox change carries that full
 * state (docs/sync-protocol.md, notes). The row is created on the first edit, under the id that
 * follows from the subject, so two computers starting the same note offline end with one.
 *
 * The write path takes values, not a read-modify-write, so a pulled change (or another edit of
 * the same note) may commit between reading the note and writing the merge, and be overwritten on
 * this computer. Every such write records its document in change_history, so after writing, the
 * documents written since the read are merged in again; a round that finds nothing new ends.
 */
export async function applyNoteUpdate(session: StationSession, subject: NoteSubject, update: Uint8Array): Promise<NoteView> {
  const problem = noteDocumentProblem(update);
  if (problem !== null) {
    throw new AppError('validation', 'The note could not be saved: the editor sent something that is not a note update. Reload the note and try again.', {
      field: 'update',
      problem,
    });
  }
  await requireSubject(session, subject);
  const id = noteRowId(subject);
  let pending = update;
  for (let round = 0; round < maxRounds; round++) {
    const stored = await readStoredNote(session.replica, id);
    if (stored.row?.deleted) {
      throw new AppError('not-found', 'This note was deleted on another computer, so it can no longer be changed. Its text is still shown.');
    }
    const current = stateOf(stored);
    const merged = mergeNoteStates(current ? [current, pending] : [pending]);
    if (!stored.row || !sameBytes(merged, stored.row.ydoc)) {
      const ydoc = Buffer.from(merged).toString('base64');
      try {
        await session.write([
          stored.row
            ? { entity: 'notes', operation: 'update', rowId: id, fields: { ydoc } }
            : { entity: 'notes', operation: 'insert', rowId: id, fields: { subject_kind: subject.subjectKind, subject_id: subject.subjectId, ydoc } },
        ]);
      } catch (error) {
        // The note's row arrived from the server between the read and the insert: merge into it.
        if (!stored.row && error instanceof AppError && error.code === 'conflict') continue;
        throw error;
      }
    }
    const since = (await documentsWrittenSince(session.replica, id, stored.historyMark)).map((text) => Buffer.from(text, 'base64'));
    const written = since.filter((document) => noteDocumentProblem(document) === null);
    const all = mergeNoteStates([merged, ...written]);
    if (sameBytes(all, merged)) break;
    pending = all;
  }
  return viewOf(subject, await readStoredNote(session.replica, id));
}
