import type { FieldFilePreview, FieldImportResult } from '../../common/api-contract';
import { formatCount } from '../format/value-text';

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

type Counts = Pick<FieldFilePreview, 'validCount' | 'errorCount' | 'existingCount'>;

/**
 * What the import button does, in its own words ("Import 4,812 plots", "Import the 4,812 good
 * rows, leave out 3"), or null when it can do nothing yet: no good row, or plots of the study
 * that the file would change and the person has not said they may be updated.
 */
export function importButtonLabel(counts: Counts, updateExisting: boolean): string | null {
  const { validCount, errorCount, existingCount } = counts;
  if (validCount === 0 || (existingCount > 0 && !updateExisting)) return null;
  const fresh = validCount - existingCount;
  if (errorCount === 0) {
    if (existingCount === 0) return `Import ${plural(fresh, 'plot', 'plots')}`;
    if (fresh === 0) return `Update ${plural(existingCount, 'plot', 'plots')}`;
    return `Import ${plural(fresh, 'new plot', 'new plots')} and update ${formatCount(existingCount)}`;
  }
  const leaveOut = `leave out ${formatCount(errorCount)}`;
  if (existingCount === 0) return `Import the ${plural(validCount, 'good row', 'good rows')}, ${leaveOut}`;
  const withErrors = errorCount === 1 ? 'row with errors' : 'rows with errors';
  if (fresh === 0) return `Update ${plural(existingCount, 'plot', 'plots')}, ${leaveOut} ${withErrors}`;
  return `Import ${plural(fresh, 'new plot', 'new plots')}, update ${formatCount(existingCount)}, ${leaveOut} ${withErrors}`;
}

/** Why the import button cannot be pressed, when it cannot. */
export function importBlockedReason(counts: Counts, updateExisting: boolean): string | null {
  if (counts.validCount === 0) {
    return counts.errorCount > 0 ? 'Every row of the file has an error: fix the file and choose it again.' : 'The file has no plot to import.';
  }
  if (counts.existingCount > 0 && !updateExisting) {
    const these = counts.existingCount === 1 ? 'this plot' : 'these plots';
    return `${plural(counts.existingCount, 'plot of the file is', 'plots of the file are')} already in this study. Tick the box to update ${these} from the file; nothing is changed otherwise.`;
  }
  return null;
}

/** The importing button's text while the one request runs. */
export function importingLabel(counts: Counts, updateExisting: boolean): string {
  const plots = counts.validCount - (updateExisting ? 0 : counts.existingCount);
  return `Importing ${plural(plots, 'plot', 'plots')}…`;
}

/** What an import did, in one sentence. */
export function importResultText(result: FieldImportResult, fileName: string): string {
  const done: string[] = [];
  if (result.created > 0) done.push(`${plural(result.created, 'plot', 'plots')} added`);
  if (result.updated > 0) done.push(`${plural(result.updated, 'plot', 'plots')} updated`);
  const parts = [`From “${fileName}”: ${done.length > 0 ? done.join(', ') : 'nothing changed'}.`];
  if (result.skipped > 0) parts.push(`${plural(result.skipped, 'row with errors was', 'rows with errors were')} left out.`);
  if (result.createdGermplasm > 0) parts.push(`${plural(result.createdGermplasm, 'new germplasm name was', 'new germplasm names were')} added to the station.`);
  return parts.join(' ');
}

/** What an import did, short enough for the toolbar: "78 plots added from “field.csv”". */
export function importShortText(result: FieldImportResult, fileName: string): string {
  const done: string[] = [];
  if (result.created > 0) done.push(`${plural(result.created, 'plot', 'plots')} added`);
  if (result.updated > 0) done.push(`${result.created > 0 ? formatCount(result.updated) : plural(result.updated, 'plot', 'plots')} updated`);
  return `${done.length > 0 ? done.join(', ') : 'Nothing changed'} from “${fileName}”`;
}

/** What an export wrote: values for the database format and JSON, plots for the table format. */
export function exportResultText(format: 'database' | 'table' | 'json', rows: number, fileName: string): string {
  const what = format === 'table' ? plural(rows, 'plot', 'plots') : plural(rows, 'value', 'values');
  return `Exported ${what} to “${fileName}”.`;
}
