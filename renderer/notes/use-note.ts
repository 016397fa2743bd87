import { useEffect, useState } from 'react';
import type { NoteSubject } from '../../common/notes/note-id';
import { asApiCallError } from '../api/api-call-error';
import { useApiEvent } from '../api/use-api-event';
import type { NoteSession } from './note-session';
import { acquire, loadNote, refreshNote, release } from './open-notes';

export interface NoteState {
  session: NoteSession | null;
  /** Why the note could not be read, in words. */
  problem: string | null;
  retry(): void;
}

interface Loaded {
  key: string;
  session: NoteSession | null;
  problem: string | null;
}

/**
 * The open note of a study or plot: loaded once, then kept current by merging the note as the
 * services hold it whenever `data:changed` names notes (an answer, or another computer's edit
 * arriving by sync). Merging a state that holds nothing new changes nothing.
 */
export function useNote(subject: NoteSubject): NoteState {
  const { subjectKind, subjectId } = subject;
  const key = `${subjectKind}:${subjectId}`;
  const [loaded, setLoaded] = useState<Loaded>({ key, session: null, problem: null });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const target = { subjectKind, subjectId };
    const loadedKey = `${subjectKind}:${subjectId}`;
    let cancelled = false;
    let held: NoteSession | null = null;
    loadNote(target).then(
      (session) => {
        if (cancelled) return;
        acquire(target, session);
        held = session;
        setLoaded({ key: loadedKey, session, problem: null });
      },
      (error: unknown) => {
        if (!cancelled) setLoaded({ key: loadedKey, session: null, problem: asApiCallError(error, 'notes:get').message });
      },
    );
    return () => {
      cancelled = true;
      if (held) release(target, held);
    };
  }, [subjectKind, subjectId, attempt]);

  useApiEvent('data:changed', ({ tables }) => {
    if (!tables.includes('notes') && !tables.includes('*')) return;
    // A failure changes nothing shown: the note as last merged stays, and the next change reads again.
    refreshNote({ subjectKind, subjectId }).catch(() => undefined);
  });

  const current = loaded.key === key ? loaded : { session: null, problem: null };
  return { session: current.session, problem: current.problem, retry: () => setAttempt((n) => n + 1) };
}
