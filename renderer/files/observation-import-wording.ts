import type { ObservationFilePreview, ObservationImportResult } from '../../common/api-contract';
import { formatCount } from '../format/value-text';

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

type Counts = Pick<ObservationFilePreview, 'validCount' | 'newCount' | 'alreadyThereCount' | 'replaceCount' | 'errorCount'>;

/**
 * What the import button does ("Import 120 values", "Import 118 new values and replace 2, leave
 * out 3 rows with errors"), or null when it can do nothing: no value to add, or values that would
 * replace what the study shows and the person has not said they may.
 */
export function observationButtonLabel(counts: Counts, replaceExisting: boolean): string | null {
  const { newCount, replaceCount, errorCount } = counts;
  if (newCount + replaceCount === 0 || (replaceCount > 0 && !replaceExisting)) return null;
  const what =
    replaceCount === 0
      ? `Import ${plural(newCount, 'value', 'values')}`
      : newCount === 0
        ? `Replace ${plural(replaceCount, 'value', 'values')}`
        : `Import ${plural(newCount, 'new value', 'new values')} and replace ${formatCount(replaceCount)}`;
  return errorCount === 0 ? what : `${what}, leave out ${plural(errorCount, 'row with errors', 'rows with errors')}`;
}

/** Why the import button cannot be pressed, when it cannot. */
export function observationBlockedReason(counts: Counts, replaceExisting: boolean): string | null {
  if (counts.validCount === 0) {
    return counts.errorCount > 0 ? 'Every row of the file has an error: fix the file and choose it again.' : 'The file has no value to import.';
  }
  if (counts.newCount + counts.replaceCount === 0) return 'Every value of the file is already in this study: there is nothing to import.';
  if (counts.replaceCount > 0 && !replaceExisting) {
    return `${plural(counts.replaceCount, 'value of the file differs', 'values of the file differ')} from what this study shows now. Tick the box to replace ${counts.replaceCount === 1 ? 'it' : 'them'}; nothing is imported otherwise.`;
  }
  return null;
}

/** What an import did, in full. */
export function observationResultText(result: ObservationImportResult, fileName: string): string {
  const done: string[] = [];
  if (result.added > 0) done.push(`${plural(result.added, 'value', 'values')} added`);
  if (result.replaced > 0) done.push(`${plural(result.replaced, 'value', 'values')} replaced (the earlier ones stay in each plot’s history)`);
  const parts = [`From “${fileName}”: ${done.length > 0 ? done.join(', ') : 'nothing changed'}.`];
  if (result.alreadyThere > 0) parts.push(`${plural(result.alreadyThere, 'value was', 'values were')} already there.`);
  if (result.skipped > 0) parts.push(`${plural(result.skipped, 'row with errors was', 'rows with errors were')} left out.`);
  return parts.join(' ');
}

/** What an import did, short enough for the toolbar: "120 values added from “scores.csv”". */
export function observationShortText(result: ObservationImportResult, fileName: string): string {
  const done: string[] = [];
  if (result.added > 0) done.push(`${plural(result.added, 'value', 'values')} added`);
  if (result.replaced > 0) done.push(`${result.added > 0 ? formatCount(result.replaced) : plural(result.replaced, 'value', 'values')} replaced`);
  return `${done.length > 0 ? done.join(', ') : 'Nothing changed'} from “${fileName}”`;
}
