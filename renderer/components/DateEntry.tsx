import { handleEntryKey } from '../recording/entry-keys';
import type { EntryWidgetProps } from '../recording/entry-widget-props';
import { todayIso } from '../format/value-text';

/** A calendar date, with a one-click "today" for scoring in the field. */
export function DateEntry({ entry, label, describedBy, actions, onEdit, onRecord }: EntryWidgetProps) {
  return (
    <div className="entry-date">
      <input
        data-entry-focus
        type="date"
        className="entry-input"
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={entry.status === 'refused'}
        readOnly={entry.status === 'saving'}
        value={entry.draft}
        onChange={(event) => onEdit(event.target.value)}
        onKeyDown={(event) => handleEntryKey(event, actions, { arrows: false })}
        data-testid="entry-input"
      />
      <button type="button" className="button" disabled={entry.status === 'saving'} onClick={() => onRecord(todayIso())}>
        Record today
      </button>
    </div>
  );
}
