import { describe, expect, it } from 'vitest';
import type { CountLineView } from '../../common/stock/stock-results';
import { lineFilterCounts } from './line-filter';

describe('count line filters', () => {
  it('counts the lines each filter shows', () => {
    const base: Omit<CountLineView, 'batchId' | 'counted' | 'status' | 'variance'> = {
      batchCode: 'X', unit: 'seeds', location: { id: 'l', code: 'L', name: 'L' }, expected: 1, posted: 0, outstanding: 0, value: null, explanation: null, entries: [],
    };
    const lines: CountLineView[] = [
      { ...base, batchId: '1', counted: 1, status: 'counted', variance: 0 },
      { ...base, batchId: '2', counted: 0, status: 'counted', variance: -1 },
      { ...base, batchId: '3', counted: null, status: 'disputed', variance: null },
      { ...base, batchId: '4', counted: null, status: 'not-counted', variance: null },
    ];
    expect(lineFilterCounts(lines)).toEqual({ all: 4, variances: 1, disputed: 1, 'not-counted': 1 });
  });
});
