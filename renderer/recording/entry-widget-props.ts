import type { VariableSummary } from '../../common/api-contract';
import type { EntryKeyActions } from './entry-keys';
import type { CellEntry } from './use-recorder';

/**
 * What every entry widget (number, choice, date, text) gets from the entry panel. Each marks the
 * element that takes the keyboard focus with `data-entry-focus` (see StudyWorkspace).
 */
export interface EntryWidgetProps {
  variable: VariableSummary;
  entry: CellEntry;
  /** The current stored value of this plot and variable, if any. */
  currentValue: string | null;
  /** The accessible name: "Plant height for plot 12". */
  label: string;
  describedBy: string;
  actions: EntryKeyActions;
  onEdit(draft: string): void;
  /** Saves a value straight away (a chosen category, today's date). */
  onRecord(value: string): void;
}
