import { handleEntryKey } from '../recording/entry-keys';
import type { EntryWidgetProps } from '../recording/entry-widget-props';

/** Free text (remarks): Enter saves, Shift+Enter starts a new line. */
export function TextEntry({ entry, label, describedBy, actions, onEdit }: EntryWidgetProps) {
  return (
    <textarea
      data-entry-focus
      className="entry-input entry-text"
      rows={3}
      maxLength={2000}
      aria-label={label}
      aria-describedby={describedBy}
      aria-invalid={entry.status === 'refused'}
      readOnly={entry.status === 'saving'}
      value={entry.draft}
      onChange={(event) => onEdit(event.target.value)}
      onKeyDown={(event) => handleEntryKey(event, actions, { multiline: true, arrows: false })}
      data-testid="entry-input"
    />
  );
}
