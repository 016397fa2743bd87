import { describe, expect, it } from 'vitest';
import { isWithin, placeLocations, placementProblem } from './location-tree';

const l = (id: string, parentId: string | null, code = id.toUpperCase()): { id: string; parentId: string | null; code: string } => ({ id, parentId, code });

describe('the location tree', () => {
  it('lists parents before children, children by code with numbers in order', () => {
    const placed = placeLocations([l('b10', 'gh'), l('gh', 'st'), l('b2', 'gh'), l('st', null)]);
    expect(placed.map((p) => [p.location.id, p.depth, p.path.join(' / ')])).toEqual([
      ['st', 0, 'ST'], ['gh', 1, 'ST / GH'], ['b2', 2, 'ST / GH / B2'], ['b10', 2, 'ST / GH / B10'],
    ]);
  });

  it('shows orphans and locations caught in a parent cycle at the top instead of losing them', () => {
    const placed = placeLocations([l('x', 'y'), l('y', 'x'), l('o', 'gone')]);
    expect(placed.map((p) => p.location.id).sort()).toEqual(['o', 'x', 'y']);
    expect(placed.find((p) => p.location.id === 'o')?.depth).toBe(0);
  });

  it('knows a location lies below itself, its children and their children', () => {
    const parents = new Map<string, string | null>([['bin', 'bench'], ['bench', 'gh'], ['gh', null]]);
    expect(isWithin('bin', 'gh', parents)).toBe(true);
    expect(isWithin('gh', 'gh', parents)).toBe(true);
    expect(isWithin('gh', 'bin', parents)).toBe(false);
  });

  it('keeps kinds in their order, in words', () => {
    expect(placementProblem('station', null)).toBeNull();
    expect(placementProblem('bin', { kind: 'bench', code: 'B1' })).toBeNull();
    expect(placementProblem('bin', { kind: 'field', code: 'F1' })).toBeNull();
    expect(placementProblem('greenhouse', { kind: 'bin', code: 'BIN1' })).toMatch(/cannot sit inside a bin \(BIN1\).*station/);
    expect(placementProblem('station', { kind: 'station', code: 'ST' })).toMatch(/at the top/);
    expect(placementProblem('bench', null)).toMatch(/Choose where it is/);
  });
});
