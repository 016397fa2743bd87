import type { CountLineView } from '../../common/stock/stock-results';

/** Which lines of a count the table shows. */
export type LineFilter = 'all' | 'variances' | 'disputed' | 'not-counted';

export const lineFilterLabels: Record<LineFilter, string> = {
  all: 'All lines',
  variances: 'With a variance',
  disputed: 'Disputed',
  'not-counted': 'Not counted',
};

export function lineMatches(line: CountLineView, filter: LineFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'variances':
      return line.variance !== null && line.variance !== 0;
    case 'disputed':
      return line.status === 'disputed';
    case 'not-counted':
      return line.status === 'not-counted';
  }
}

/** How many lines each filter shows, for the filter buttons. */
export function lineFilterCounts(lines: readonly CountLineView[]): Record<LineFilter, number> {
  const counts: Record<LineFilter, number> = { all: 0, variances: 0, disputed: 0, 'not-counted': 0 };
  for (const line of lines) {
    for (const filter of Object.keys(counts) as LineFilter[]) if (lineMatches(line, filter)) counts[filter] += 1;
  }
  return counts;
}

/** The key of a line: a batch at a location. */
export function lineKey(line: Pick<CountLineView, 'batchId' | 'location'>): string {
  return `${line.batchId}:${line.location.id}`;
}
