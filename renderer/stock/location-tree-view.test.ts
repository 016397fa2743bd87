import { describe, expect, it } from 'vitest';
import type { LocationNode } from '../../common/stock/stock-results';
import type { LocationKind } from '../../common/vocabulary';
import { binsWithin, childKinds, idsWithChildren, initialExpansion, moveTargets, searchExpansion, visibleNodes } from './location-tree-view';

function node(id: string, parentId: string | null, kind: LocationKind, depth: number, archived = false): LocationNode {
  return { id, parentId, kind, code: id.toUpperCase(), name: `${kind} ${id}`, depth, path: id, archivedAt: archived ? '2026-01-01T00:00:00.000Z' : null, hasGeometry: false };
}

// st → gh → c1 → b1 → (x1, x2); gh → c2 → b2 → x3 (archived)
const tree = [
  node('st', null, 'station', 0),
  node('gh', 'st', 'greenhouse', 1),
  node('c1', 'gh', 'compartment', 2),
  node('b1', 'c1', 'bench', 3),
  node('x1', 'b1', 'bin', 4),
  node('x2', 'b1', 'bin', 4),
  node('c2', 'gh', 'compartment', 2),
  node('b2', 'c2', 'bench', 3),
  node('x3', 'b2', 'bin', 4, true),
];
const ids = (nodes: LocationNode[]): string[] => nodes.map((n) => n.id);

describe('the location tree as shown', () => {
  it('opens on the top two levels and shows a row only when every ancestor is unfolded', () => {
    const open = initialExpansion(tree);
    expect([...open]).toEqual(['st', 'gh']);
    expect(ids(visibleNodes(tree, open))).toEqual(['st', 'gh', 'c1', 'c2']);
    expect(ids(visibleNodes(tree, new Set([...open, 'c1'])))).toEqual(['st', 'gh', 'c1', 'b1', 'c2']);
    expect(ids(visibleNodes(tree, new Set(['gh', 'c1', 'b1'])))).toEqual(['st']);
  });

  it('shows what a search finds with its ancestors, unfolded, whatever is folded', () => {
    expect(ids(visibleNodes(tree, new Set(), 'x2'))).toEqual(['st', 'gh', 'c1', 'b1', 'x2']);
    expect(ids(visibleNodes(tree, new Set(), 'bench'))).toEqual(['st', 'gh', 'c1', 'b1', 'c2', 'b2']);
    expect([...searchExpansion(tree, 'x3')].sort()).toEqual(['b2', 'c2', 'gh', 'st']);
  });

  it('knows which rows have children and the bins in use below a location', () => {
    expect([...idsWithChildren(tree)].sort()).toEqual(['b1', 'b2', 'c1', 'c2', 'gh', 'st']);
    expect(ids(binsWithin(tree, 'gh'))).toEqual(['x1', 'x2']);
    expect(ids(binsWithin(tree, 'x1'))).toEqual(['x1']);
  });

  it('offers only the kinds a parent can hold, and only places a location may move to', () => {
    expect(childKinds(null)).toEqual(['station']);
    expect(childKinds(tree[3] ?? null)).toEqual(['bin']);
    expect(childKinds(tree[1] ?? null)).toEqual(['compartment', 'bench', 'bin']);
    // A bench may go under the station, the greenhouse or another compartment; not where it is, not inside itself.
    const bench = tree[3];
    if (!bench) throw new Error('no bench');
    expect(ids(moveTargets(tree, bench))).toEqual(['st', 'gh', 'c2']);
  });
});
