import type { NoteSubject } from '../../common/notes/note-id';
import { api } from '../api/api';
import { asApiCallError } from '../api/api-call-error';
import { bytesToBase64 } from '../files/base64';
import { fromBase64 } from './base64';
import { NoteClosedError, NoteSession, type NoteAnswer } from './note-session';

/**
 * The notes open in this window, one session per subject, shared by every editor showing it. A
 * session whose edits are not all saved outlives its editor (moving to the next plot): it keeps
 * sending, and an editor that opens the same note again takes it up with the unsaved text.
 */
interface OpenNote {
  session: NoteSession;
  users: number;
}

const open = new Map<string, OpenNote>();
const keyOf = (subject: NoteSubject): string => `${subject.subjectKind}:${subject.subjectId}`;

function sender(subject: NoteSubject): (update: Uint8Array) => Promise<NoteAnswer> {
  return async (update) => {
    try {
      const view = await api.call('notes:apply-update', { ...subject, update: bytesToBase64(update) });
      return { state: fromBase64(view.state), deleted: view.deleted };
    } catch (error) {
      const failure = asApiCallError(error, 'notes:apply-update');
      // Deleted elsewhere, or refused as it is: sending the same edits again would not help.
      if (failure.code === 'not-found' || failure.code === 'validation') throw new NoteClosedError(failure.message);
      throw new Error(failure.message);
    }
  };
}

/** Reads the note from the services and merges it into its open session (creating that if needed). */
export async function loadNote(subject: NoteSubject): Promise<NoteSession> {
  const view = await api.call('notes:get', subject);
  const state = fromBase64(view.state);
  const key = keyOf(subject);
  const existing = open.get(key);
  if (existing) {
    existing.session.merge(state, view.deleted);
    return existing.session;
  }
  const session = new NoteSession(state, sender(subject));
  if (view.deleted) session.merge(state, true);
  open.set(key, { session, users: 0 });
  return session;
}

/** Merges the note as the services now hold it into its open session, if it has one. */
export async function refreshNote(subject: NoteSubject): Promise<void> {
  if (!open.has(keyOf(subject))) return;
  const view = await api.call('notes:get', subject);
  open.get(keyOf(subject))?.session.merge(fromBase64(view.state), view.deleted);
}

export function acquire(subject: NoteSubject, session: NoteSession): void {
  const entry = open.get(keyOf(subject));
  if (entry?.session === session) entry.users++;
}

/** An editor closed: the session goes once nobody shows it and everything in it is saved. */
export function release(subject: NoteSubject, session: NoteSession): void {
  const key = keyOf(subject);
  const entry = open.get(key);
  if (entry?.session !== session) return;
  entry.users--;
  if (entry.users > 0) return;
  void session.flush().then(() => {
    if (entry.users > 0 || open.get(key) !== entry || session.hasUnsaved()) return;
    open.delete(key);
    session.destroy();
  });
}

/** Sends every note's waiting edits now (the window is being hidden or closed). */
export function flushAllNotes(): void {
  for (const { session } of open.values()) void session.flush();
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushAllNotes);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushAllNotes();
  });
}
