import type { KeyboardEvent } from 'react';
import type { VariableSummary } from '../../common/api-contract';

export interface EntryKeyActions {
  /** True when nothing unsaved is typed: arrows may move to another plot. */
  clean: boolean;
  submit(): void;
  cancel(): void;
  move(delta: number): void;
}

/** Enter saves (or moves on once saved), Escape cancels, ↑/↓ move between plots when nothing is typed. */
export function handleEntryKey(event: KeyboardEvent, actions: EntryKeyActions, options: { multiline?: boolean; arrows?: boolean } = {}): void {
  if (event.key === 'Enter' && !(options.multiline && event.shiftKey)) {
    event.preventDefault();
    actions.submit();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    actions.cancel();
  } else if ((options.arrows ?? true) && actions.clean && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
    event.preventDefault();
    actions.move(event.key === 'ArrowDown' ? 1 : -1);
  }
}

export interface Choice {
  value: string;
  label: string;
  key: string;
}

/** The buttons of a category, score or yes/no variable, each with the key that picks it. */
export function choicesOf(variable: VariableSummary): Choice[] {
  if (variable.scaleType === 'boolean') {
    return [
      { value: 'true', label: 'Yes', key: 'Y' },
      { value: 'false', label: 'No', key: 'N' },
    ];
  }
  return (variable.categories ?? []).map((category, i) => ({
    value: category.value,
    label: category.label,
    key: i < 9 ? String(i + 1) : i === 9 ? '0' : '',
  }));
}

/** The choice a key press picks (number keys; Y/N and 1/0 for yes/no), if any. */
export function choiceForKey(variable: VariableSummary, key: string): Choice | null {
  const choices = choicesOf(variable);
  if (variable.scaleType === 'boolean') {
    const wanted = key.toLowerCase();
    if (wanted === 'y' || wanted === '1') return choices[0] ?? null;
    if (wanted === 'n' || wanted === '0') return choices[1] ?? null;
    return null;
  }
  return choices.find((c) => c.key !== '' && c.key === key) ?? null;
}
