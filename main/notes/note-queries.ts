import { entities, type EntityName } from '../../common/entities';
import type { NoteSubject, NoteSubjectKind } from '../../common/notes/note-id';
import type { Replica } from '../replica/replica';

const subjectEntities: Record<NoteSubjectKind, EntityName> = {
  study: 'studies',
  'observation-unit': 'observation_units',
  trial: 'trials',
  location: 'locations',
};

/** Whether the note's subject is a live row of this replica. */
export async function subjectExists(replica: Replica, subject: NoteSubject): Promise<boolean> {
  const rows = await replica.query(`SELECT 1 FROM ${entities[subjectEntities[subject.subjectKind]].table} WHERE id = $1 AND NOT deleted`, [
    subject.subjectId,
  ]);
  return rows.length > 0;
}

export interface StoredNote {
  /** Null when the note has no row yet. */
  row: { ydoc: Uint8Array; deleted: boolean } | null;
  /**
   * The newest change_history entry at the moment the row was read (read in the same statement):
   * every later write of the note, local or pulled, records an entry after it.
   */
  historyMark: string;
}

export async function readStoredNote(replica: Replica, noteId: string): Promise<StoredNote> {
  const [found] = await replica.query<{ ydoc: Uint8Array | null; deleted: boolean | null; mark: string }>(
    `SELECT n.ydoc, n.deleted, (SELECT coalesce(max(id), 0)::text FROM change_history) AS mark
       FROM (SELECT 1) AS one LEFT JOIN notes n ON n.id = $1`,
    [noteId],
  );
  const row = found?.ydoc ? { ydoc: found.ydoc, deleted: found.deleted === true } : null;
  return { row, historyMark: found?.mark ?? '0' };
}

/** The documents (base64, as recorded) that writes of the note after `historyMark` carried, local or pulled. */
export async function documentsWrittenSince(replica: Replica, noteId: string, historyMark: string): Promise<string[]> {
  const rows = await replica.query<{ ydoc: string }>(
    `SELECT fields->>'ydoc' AS ydoc FROM change_history
      WHERE entity = 'notes' AND row_id = $1 AND id > $2::bigint AND jsonb_typeof(fields->'ydoc') = 'string'
      ORDER BY id`,
    [noteId, historyMark],
  );
  return rows.map((row) => row.ydoc);
}
