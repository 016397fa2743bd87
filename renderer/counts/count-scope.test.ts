import { describe, expect, it } from 'vitest';
import { subtreeIds } from './count-scope';

describe('a count’s scope', () => {
  it('is the counted location and everything below it', () => {
    const nodes = [
      { id: 'st', parentId: null },
      { id: 'gh1', parentId: 'st' },
      { id: 'b1', parentId: 'gh1' },
      { id: 'bin-a', parentId: 'b1' },
      { id: 'gh2', parentId: 'st' },
      { id: 'bin-d', parentId: 'gh2' },
    ];
    expect([...subtreeIds(nodes, 'gh1')].sort()).toEqual(['b1', 'bin-a', 'gh1']);
    expect(subtreeIds(nodes, 'bin-d')).toEqual(new Set(['bin-d']));
    expect(subtreeIds(nodes, 'st').size).toBe(6);
  });
});
