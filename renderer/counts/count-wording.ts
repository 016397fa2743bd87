import type { CountLineView, CountSummary } from '../../common/stock/stock-results';
import type { CountStatus, StockUnit } from '../../common/vocabulary';

const quantityFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const minus = '\u2212';

/** A quantity as people read it: "1,250". */
export function quantityText(value: number): string {
  return quantityFormat.format(value).replace('-', minus);
}

/** A quantity with its unit: "1,250 seeds", "1 tray", "12.5 grams". */
export function quantityWithUnit(value: number, unit: StockUnit): string {
  const singular = value === 1 && unit !== 'grams' ? unit.replace(/s$/, '') : unit;
  return `${quantityText(value)} ${singular}`;
}

/** A variance with its sign: "+20", "−20", "0"; a dash while nothing is counted. */
export function varianceText(value: number | null): string {
  if (value === null) return '—';
  if (value === 0) return '0';
  return value > 0 ? `+${quantityText(value)}` : quantityText(value);
}

/** The value of a variance at the batch's unit cost: "−5.00"; empty without a unit cost. */
export function valueText(value: number | null): string {
  if (value === null) return '';
  const text = moneyFormat.format(value);
  return value > 0 ? `+${text}` : text.replace('-', minus);
}

export const countStatusLabels: Record<CountStatus, string> = {
  open: 'Open',
  approved: 'Approved',
  cancelled: 'Cancelled',
};

export const lineStatusLabels: Record<CountLineView['status'], string> = {
  counted: 'Counted',
  'not-counted': 'Not counted',
  disputed: 'Disputed',
};

/** How a line stands, for its colour: as expected, short, over, disputed or not counted yet. */
export type LineTone = 'match' | 'short' | 'over' | 'disputed' | 'uncounted';

export function lineTone(line: Pick<CountLineView, 'status' | 'variance'>): LineTone {
  if (line.status === 'disputed') return 'disputed';
  if (line.status === 'not-counted' || line.variance === null) return 'uncounted';
  if (line.variance === 0) return 'match';
  return line.variance < 0 ? 'short' : 'over';
}

/** The differing quantities of a disputed line, each with where it came from: "480 by Ana on Tablet 2, 500 by Ben on This computer". */
export function disputeText(line: CountLineView): string {
  return line.entries
    .filter((entry) => entry.current)
    .map((entry) => `${quantityText(entry.quantity)}${entry.countedBy ? ` by ${entry.countedBy}` : ''}${entry.device ? ` on ${entry.device}` : ''}`)
    .join(', ');
}

/** One line's outcome after it was entered, in a sentence. */
export function recordedText(line: CountLineView): string {
  const where = `${line.batchCode} in ${line.location.code}`;
  if (line.status === 'disputed') {
    return `${where} is disputed: devices counted ${disputeText(line)}. Count it again and enter the agreed quantity.`;
  }
  const counted = line.counted === null ? 'nothing' : quantityWithUnit(line.counted, line.unit);
  const variance = line.variance === null || line.variance === 0 ? 'no variance' : `variance ${varianceText(line.variance)}`;
  return `Saved: ${where}, counted ${counted} (expected ${quantityText(line.expected)}, ${variance}).`;
}

/** What approving will do, said on its button. */
export function approveButtonLabel(count: Pick<CountSummary, 'status'>, adjustments: number): string {
  const posts = adjustments === 0 ? 'no adjustments' : adjustments === 1 ? '1 adjustment' : `${adjustments} adjustments`;
  if (count.status === 'approved') return `Post the remaining ${posts}`;
  return adjustments === 0 ? 'Approve the count (no adjustments to post)' : `Approve and post ${posts}`;
}

/**
 * The adjustments approval would post: every line with an outstanding variance, plus, when
 * uncounted lines are taken as zero, each uncounted line that was expected to hold stock.
 */
export function adjustmentsToPost(lines: readonly CountLineView[], uncounted: 'leave' | 'zero'): number {
  let posts = 0;
  for (const line of lines) {
    if (line.status === 'not-counted') {
      if (uncounted === 'zero' && line.expected !== 0 && line.expected + line.posted !== 0) posts += 1;
    } else if (line.outstanding !== 0) {
      posts += 1;
    }
  }
  return posts;
}

/** "1 line", "12 lines". */
export function linesText(count: number): string {
  return count === 1 ? '1 line' : `${quantityFormat.format(count)} lines`;
}

/**
 * Why approving with this choice would be refused now (the services' own words). Taking uncounted
 * lines as zero counts them, so "nothing has been counted" no longer stands in the way then, as
 * the services decide too.
 */
export function approvalBlockers(blockers: readonly string[], uncounted: 'leave' | 'zero'): string[] {
  return blockers.filter((blocker) => !(uncounted === 'zero' && blocker.startsWith('Nothing has been counted')));
}

/** A variance with its sign and unit: "−20 seeds", "+1 tray", "0 grams". */
export function varianceWithUnit(value: number, unit: StockUnit): string {
  const word = quantityWithUnit(Math.abs(value), unit).replace(/^\S+ /, '');
  return `${varianceText(value)} ${word}`;
}
