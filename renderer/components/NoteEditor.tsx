import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { NoteMark } from '../../common/notes/note-document';
import { NoteDomBinding } from '../notes/note-dom-binding';
import type { NoteSaveState, NoteSession } from '../notes/note-session';
import { noMarks, type Marks } from '../notes/note-text';
import { Spinner } from './Spinner';

interface NoteEditorProps {
  session: NoteSession;
  /** The accessible name of the text: "Note on plot 12". */
  label: string;
  placeholder: string;
  testId: string;
}

const markButtons: { mark: NoteMark; label: string; keys: string }[] = [
  { mark: 'bold', label: 'Bold', keys: 'Ctrl+B' },
  { mark: 'italic', label: 'Italic', keys: 'Ctrl+I' },
];

function statusText(state: NoteSaveState): string | null {
  switch (state.kind) {
    case 'idle':
      return null;
    case 'saving':
      return 'Saving…';
    case 'saved':
      return '✓ Saved';
    case 'failed':
      return `Not saved yet: ${state.message} What you wrote is kept here and sent again.`;
    case 'read-only':
      return state.message;
  }
}

/**
 * A note as plain rich text (paragraphs, bold, italic), bound to its Yjs document: every edit is
 * saved a moment after typing pauses, and "Saved" shows only once the services answered.
 */
export function NoteEditor({ session, label, placeholder, testId }: NoteEditorProps) {
  const element = useRef<HTMLDivElement>(null);
  const binding = useRef<NoteDomBinding | null>(null);
  const [marks, setMarks] = useState<Marks>(noMarks);
  const saveState = useSyncExternalStore(session.subscribe, session.getSaveState);
  const readOnly = saveState.kind === 'read-only';

  useEffect(() => {
    if (!element.current) return;
    const bound = new NoteDomBinding(element.current, session, setMarks);
    binding.current = bound;
    const detach = bound.attach();
    return () => {
      detach();
      binding.current = null;
    };
  }, [session]);

  const status = statusText(saveState);
  return (
    <div className="note-editor">
      <div className="note-toolbar" role="toolbar" aria-label={`Formatting: ${label}`}>
        {markButtons.map(({ mark, label: name, keys }) => (
          <button
            key={mark}
            type="button"
            className={`note-mark note-mark-${mark}`}
            aria-pressed={marks[mark]}
            aria-label={name}
            title={`${name} (${keys})`}
            disabled={readOnly}
            // Keep the selection in the text: the mark applies to it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => binding.current?.toggle(mark)}
          >
            {name.charAt(0)}
          </button>
        ))}
        <span
          className={`note-status note-status-${saveState.kind}`}
          role={saveState.kind === 'failed' ? 'alert' : 'status'}
          data-state={saveState.kind}
          data-testid={`${testId}-status`}
        >
          {saveState.kind === 'saving' ? <Spinner /> : null}
          {status}
          {saveState.kind === 'failed' ? (
            <button type="button" className="button-link" onClick={() => void session.flush()}>
              Try again now
            </button>
          ) : null}
        </span>
      </div>
      <div
        ref={element}
        className="note-text"
        contentEditable={readOnly ? false : 'plaintext-only'}
        suppressContentEditableWarning
        role="textbox"
        aria-multiline="true"
        aria-label={label}
        aria-readonly={readOnly}
        data-placeholder={placeholder}
        spellCheck
        data-testid={testId}
      />
    </div>
  );
}
