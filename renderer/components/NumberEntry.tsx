import { handleEntryKey } from '../recording/entry-keys';
import type { EntryWidgetProps } from '../recording/entry-widget-props';

/** A number with its unit: numeric, percent, counter and scores without named categories. */
export function NumberEntry({ variable, entry, label, describedBy, actions, onEdit }: EntryWidgetProps) {
  const wholeNumber = variable.scaleType === 'counter' || variable.scaleType === 'ordinal' || variable.decimalPlaces === 0;
  return (
    <div className="entry-number">
      <input
        data-entry-focus
        className="entry-input"
        inputMode={wholeNumber ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        aria-label={label}
        aria-describedby={describedBy}
        aria-invalid={entry.status === 'refused'}
        readOnly={entry.status === 'saving'}
        value={entry.draft}
        onChange={(event) => onEdit(event.target.value)}
        onKeyDown={(event) => handleEntryKey(event, actions)}
        data-testid="entry-input"
      />
      {variable.unit ? <span className="entry-unit">{variable.unit}</span> : null}
    </div>
  );
}
