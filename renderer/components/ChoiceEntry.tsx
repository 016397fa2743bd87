import type { KeyboardEvent } from 'react';
import { choiceForKey, choicesOf, handleEntryKey } from '../recording/entry-keys';
import type { EntryWidgetProps } from '../recording/entry-widget-props';

/** Categories, named scores and yes/no: one button each; a click or its key records it at once. */
export function ChoiceEntry({ variable, entry, currentValue, label, describedBy, actions, onRecord }: EntryWidgetProps) {
  const choices = choicesOf(variable);
  const shown = entry.status === 'saving' || entry.status === 'refused' ? entry.draft : currentValue;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    const onButton = event.target instanceof HTMLButtonElement;
    if (onButton && (event.key === 'Enter' || event.key === ' ')) return;
    const choice = choiceForKey(variable, event.key);
    if (choice) {
      event.preventDefault();
      onRecord(choice.value);
      return;
    }
    handleEntryKey(event, actions);
  };

  return (
    <div
      data-entry-focus
      className={`entry-choices${choices.length > 4 ? ' entry-choices-list' : ''}`}
      role="group"
      tabIndex={0}
      aria-label={label}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
      data-testid="entry-choices"
    >
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          className="choice"
          aria-pressed={shown === choice.value}
          disabled={entry.status === 'saving'}
          onClick={() => onRecord(choice.value)}
        >
          {choice.key ? <kbd>{choice.key}</kbd> : null}
          <span className="choice-label">
            {variable.scaleType === 'ordinal' && choice.value !== choice.key && choice.value !== choice.label
              ? `${choice.value} · ${choice.label}`
              : choice.label}
          </span>
        </button>
      ))}
    </div>
  );
}
