import type { NoteSubject } from '../../common/notes/note-id';
import { useNote } from '../notes/use-note';
import { NoteEditor } from './NoteEditor';

interface NotePanelProps {
  subject: NoteSubject;
  label: string;
  placeholder: string;
  testId: string;
}

/** Loads a study's or plot's note and shows it in the editor (or why it could not be read). */
export function NotePanel({ subject, label, placeholder, testId }: NotePanelProps) {
  const note = useNote(subject);
  if (note.problem) {
    return (
      <div className="note-problem" role="alert">
        <p>The note could not be read: {note.problem}</p>
        <button type="button" className="button button-small" onClick={note.retry}>
          Try again
        </button>
      </div>
    );
  }
  if (!note.session) return <p className="history-note">Loading the note…</p>;
  return <NoteEditor session={note.session} label={label} placeholder={placeholder} testId={testId} />;
}
