import { describe, expect, it } from 'vitest';
import { balanceKey } from './balances';
import { lineVariance, resolveCountLines, supersededByNewEntry, type CountEntry } from './count-lines';

function entry(id: string, quantity: number, deviceId: string, at: number, supersedesIds: string[] = [], batchId = 'lot1', locationId = 'bin1'): CountEntry {
  return { id, batchId, locationId, quantity: quantity * 1000, countedAt: at, countedBy: null, deviceId, supersedesIds };
}
const key = balanceKey('lot1', 'bin1');

describe('settling count lines entered on several devices', () => {
  it('takes the latest entry of a device that corrected itself', () => {
    const line = resolveCountLines([entry('a1', 40, 'A', 1), entry('a2', 42, 'A', 2, ['a1'])]).get(key);
    expect(line).toMatchObject({ counted: 42_000, disputed: false });
    expect(line?.current.map((e) => e.id)).toEqual(['a2']);
    expect(line?.history.map((e) => e.id)).toEqual(['a1', 'a2']);
  });

  it('keeps both entries of two devices that counted offline, settled when they agree', () => {
    const line = resolveCountLines([entry('a1', 40, 'A', 1), entry('b1', 40, 'B', 2)]).get(key);
    expect(line).toMatchObject({ counted: 40_000, disputed: false });
    expect(line?.current).toHaveLength(2);
  });

  it('shows a disagreement as a disputed line instead of picking a winner', () => {
    const line = resolveCountLines([entry('a1', 40, 'A', 1), entry('b1', 38, 'B', 2)]).get(key);
    expect(line).toMatchObject({ counted: null, disputed: true });
  });

  it('is settled by an entry made after seeing both', () => {
    const entries = [entry('a1', 40, 'A', 1), entry('b1', 38, 'B', 2)];
    const before = resolveCountLines(entries).get(key);
    const resolution = entry('m1', 39, 'M', 3, supersededByNewEntry(before));
    const line = resolveCountLines([...entries, resolution]).get(key);
    expect(line).toMatchObject({ counted: 39_000, disputed: false });
  });

  it('lands on the same lines whatever order the entries arrive in', () => {
    const entries = [entry('a1', 40, 'A', 1), entry('b1', 38, 'B', 2), entry('a2', 38, 'A', 3, ['a1']), entry('c1', 5, 'C', 1, [], 'lot2')];
    const forward = resolveCountLines(entries);
    const backward = resolveCountLines([...entries].reverse());
    expect([...backward.entries()].sort()).toEqual([...forward.entries()].sort());
    expect(forward.get(key)).toMatchObject({ counted: 38_000, disputed: false });
    expect(forward.get(balanceKey('lot2', 'bin1'))).toMatchObject({ counted: 5_000 });
  });
});

describe('count variance', () => {
  it('is counted minus expected, valued at the unit cost, with what approval still has to post', () => {
    expect(lineVariance({ expected: 100_000, counted: 88_000, posted: 0, unitCost: '0.25' })).toEqual({ variance: -12_000, outstanding: -12_000, value: -3 });
  });

  it('has nothing outstanding once the adjustment is posted, and the difference when the expected balance moved since', () => {
    expect(lineVariance({ expected: 100_000, counted: 88_000, posted: -12_000, unitCost: null })).toEqual({ variance: -12_000, outstanding: 0, value: null });
    // A sow of 30 dated before the snapshot arrived after approval: the count had already seen it.
    expect(lineVariance({ expected: 70_000, counted: 88_000, posted: -12_000, unitCost: null })).toEqual({ variance: 18_000, outstanding: 30_000, value: null });
  });

  it('has no variance for a line nobody counted', () => {
    expect(lineVariance({ expected: 100_000, counted: null, posted: 0, unitCost: '1' })).toEqual({ variance: null, outstanding: 0, value: null });
  });
});
