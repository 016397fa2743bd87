import { describe, expect, it } from 'vitest';
import { viewShowing } from './use-virtual-rows';

const sticky = { top: 30, left: 60 };
const view = { top: 0, left: 0, height: 330, width: 660 };
const cell = (row: number, column: number) => ({ top: 30 + row * 30, height: 30, left: 60 + column * 60, width: 60 });

describe('keeping the selected cell in view while walking', () => {
  it('leaves the view alone while the cell is in it, with a cell of context above and below', () => {
    expect(viewShowing(view, cell(3, 4), sticky, 30)).toBe(view);
  });

  it('brings a cell at the edge to the middle, so walking on scrolls once every half screen', () => {
    const next = viewShowing(view, cell(9, 2), sticky, 30);
    expect(next.left).toBe(0);
    // 300 px of cells below the header: the cell's middle sits at the middle of them.
    expect(next.top + 30 + 150).toBe(cell(9, 2).top + 15);
    const walkedOn = viewShowing(next, cell(10, 2), sticky, 30);
    expect(walkedOn).toBe(next);
  });

  it('scrolls sideways to the middle for a column beyond the right edge, never before the start', () => {
    const right = viewShowing(view, cell(1, 12), sticky, 30);
    expect(right.top).toBe(0);
    expect(right.left + 60 + 300).toBe(cell(1, 12).left + 30);
    expect(viewShowing({ ...view, left: 600 }, cell(1, 0), sticky, 30).left).toBe(0);
  });
});
