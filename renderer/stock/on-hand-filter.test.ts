import { describe, expect, it } from 'vitest';
import type { LocationNode } from '../../common/stock/stock-results';
import { endOfDayIso, isFiltered, noFilter, onHandArgs, rollUpRows } from './on-hand-filter';

describe('stock on hand filters', () => {
  it('sends only the filters that are set', () => {
    expect(onHandArgs(noFilter)).toEqual({});
    expect(isFiltered(noFilter)).toBe(false);
    expect(onHandArgs({ location: ' GH1 ', kind: 'seed-lot', germplasmId: 'g', nonPositiveOnly: true, asOfDay: '' })).toEqual({
      location: 'GH1',
      kind: 'seed-lot',
      germplasmId: 'g',
      nonPositiveOnly: true,
    });
  });

  it('reads an as-of day as the end of that day on this computer', () => {
    const iso = endOfDayIso('2026-03-01');
    expect(iso).not.toBeNull();
    const end = new Date(iso ?? '');
    expect([end.getFullYear(), end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2026, 2, 1, 23, 59]);
    expect(onHandArgs({ ...noFilter, asOfDay: '2026-03-01' }).asOf).toBe(iso);
    expect(endOfDayIso('01/03/2026')).toBeNull();
  });

  it('rolls the totals up in the tree’s order, indented from the top location that holds stock', () => {
    const tree: LocationNode[] = ['st', 'gh', 'b1', 'b2'].map((id, i) => ({
      id, parentId: i === 0 ? null : i === 1 ? 'st' : 'gh', kind: 'bench', code: id, name: id, depth: Math.min(i, 2), path: id, archivedAt: null, hasGeometry: false,
    }));
    const rows = rollUpRows(tree, [
      { locationId: 'b2', unit: 'seeds', quantity: 5 },
      { locationId: 'gh', unit: 'seeds', quantity: 5 },
      { locationId: 'gh', unit: 'grams', quantity: 2 },
      { locationId: 'b1', unit: 'seeds', quantity: 0 },
    ]);
    expect(rows.map((r) => [r.node.id, r.depth, r.totals])).toEqual([
      ['gh', 0, [{ unit: 'seeds', quantity: 5 }, { unit: 'grams', quantity: 2 }]],
      ['b2', 1, [{ unit: 'seeds', quantity: 5 }]],
    ]);
  });
});
