import { describe, expect, it } from 'vitest';
import {
  defaultGridWalk,
  defaultWalkOrder,
  describeWalkOrder,
  nextUnscored,
  orderPlots,
  startCorners,
  walkDirections,
  walkOrderSchema,
  walkPatterns,
  type StartCorner,
  type WalkDirection,
  type WalkOrder,
  type WalkPattern,
} from './walk-order';

interface Plot {
  plotNumber: number;
  row: number | null;
  column: number | null;
}

const at = (plotNumber: number, row: number | null, column: number | null): Plot => ({ plotNumber, row, column });
const numbers = (plots: readonly Plot[]): number[] => plots.map((p) => p.plotNumber);
const walk = (start: StartCorner, direction: WalkDirection, pattern: WalkPattern): WalkOrder => ({ kind: 'grid', start, direction, pattern });

/**
 * A regular field of 3 rows × 4 columns, plots numbered along the rows from the top left:
 *    1  2  3  4
 *    5  6  7  8
 *    9 10 11 12
 * handed over in a scrambled order, so nothing passes by keeping the input order.
 */
const regular = [7, 12, 1, 10, 4, 5, 9, 2, 11, 6, 3, 8].map((n) => at(n, Math.ceil(n / 4), ((n - 1) % 4) + 1));

const expectedOnRegular: Record<`${StartCorner} ${WalkDirection} ${WalkPattern}`, number[]> = {
  'top-left row-wise linear': [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
  'top-left row-wise serpentine': [1, 2, 3, 4, 8, 7, 6, 5, 9, 10, 11, 12],
  'top-right row-wise linear': [4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9],
  'top-right row-wise serpentine': [4, 3, 2, 1, 5, 6, 7, 8, 12, 11, 10, 9],
  'bottom-left row-wise linear': [9, 10, 11, 12, 5, 6, 7, 8, 1, 2, 3, 4],
  'bottom-left row-wise serpentine': [9, 10, 11, 12, 8, 7, 6, 5, 1, 2, 3, 4],
  'bottom-right row-wise linear': [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
  'bottom-right row-wise serpentine': [12, 11, 10, 9, 5, 6, 7, 8, 4, 3, 2, 1],
  'top-left column-wise linear': [1, 5, 9, 2, 6, 10, 3, 7, 11, 4, 8, 12],
  'top-left column-wise serpentine': [1, 5, 9, 10, 6, 2, 3, 7, 11, 12, 8, 4],
  'top-right column-wise linear': [4, 8, 12, 3, 7, 11, 2, 6, 10, 1, 5, 9],
  'top-right column-wise serpentine': [4, 8, 12, 11, 7, 3, 2, 6, 10, 9, 5, 1],
  'bottom-left column-wise linear': [9, 5, 1, 10, 6, 2, 11, 7, 3, 12, 8, 4],
  'bottom-left column-wise serpentine': [9, 5, 1, 2, 6, 10, 11, 7, 3, 4, 8, 12],
  'bottom-right column-wise linear': [12, 8, 4, 11, 7, 3, 10, 6, 2, 9, 5, 1],
  'bottom-right column-wise serpentine': [12, 8, 4, 3, 7, 11, 10, 6, 2, 1, 5, 9],
};

describe('walking a regular 3 × 4 field', () => {
  it('walks by plot number', () => {
    expect(numbers(orderPlots(regular, { kind: 'plot-number' }))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  for (const start of startCorners) {
    for (const direction of walkDirections) {
      for (const pattern of walkPatterns) {
        const name = `${start} ${direction} ${pattern}` as const;
        it(`walks ${name}`, () => {
          expect(numbers(orderPlots(regular, walk(start, direction, pattern)))).toEqual(expectedOnRegular[name]);
        });
      }
    }
  }

  it('covers every corner, direction and pattern in the table above', () => {
    expect(Object.keys(expectedOnRegular)).toHaveLength(startCorners.length * walkDirections.length * walkPatterns.length);
  });

  it('leaves the plots it is given in their order', () => {
    const before = numbers(regular);
    orderPlots(regular, defaultGridWalk);
    expect(numbers(regular)).toEqual(before);
  });
});

describe('walking an irregular field', () => {
  it('steps over missing cells and turns at the last plot of each row', () => {
    //  1  2  3  4
    //  5  .  7  8
    //  9 10 11  .
    const holes = regular.filter((p) => p.plotNumber !== 6 && p.plotNumber !== 12);
    expect(numbers(orderPlots(holes, walk('top-left', 'row-wise', 'serpentine')))).toEqual([1, 2, 3, 4, 8, 7, 5, 9, 10, 11]);
    expect(numbers(orderPlots(holes, walk('bottom-right', 'column-wise', 'serpentine')))).toEqual([8, 4, 3, 7, 11, 10, 2, 1, 5, 9]);
  });

  it('does not count a wholly empty row as a line: the walk turns at each row it actually walks', () => {
    // Row 2 is a path with no plots; rows 1, 3 and 4 are walked left, right, left.
    const field = [at(1, 1, 1), at(2, 1, 2), at(3, 1, 3), at(4, 3, 1), at(5, 3, 2), at(6, 3, 3), at(7, 4, 1), at(8, 4, 2), at(9, 4, 3)];
    expect(numbers(orderPlots(field, walk('top-left', 'row-wise', 'serpentine')))).toEqual([1, 2, 3, 6, 5, 4, 7, 8, 9]);
    expect(numbers(orderPlots(field, walk('bottom-left', 'row-wise', 'serpentine')))).toEqual([7, 8, 9, 6, 5, 4, 1, 2, 3]);
    // Column-wise, the empty row is just a gap along each column.
    expect(numbers(orderPlots(field, walk('top-left', 'column-wise', 'serpentine')))).toEqual([1, 4, 7, 8, 5, 2, 3, 6, 9]);
  });

  it('walks ragged rows of different lengths, turning at the end of each', () => {
    //  1  2  3  4
    //  5  6
    //  .  7  8  9
    const ragged = [at(1, 1, 1), at(2, 1, 2), at(3, 1, 3), at(4, 1, 4), at(5, 2, 1), at(6, 2, 2), at(7, 3, 2), at(8, 3, 3), at(9, 3, 4)];
    expect(numbers(orderPlots(ragged, walk('top-left', 'row-wise', 'serpentine')))).toEqual([1, 2, 3, 4, 6, 5, 7, 8, 9]);
    expect(numbers(orderPlots(ragged, walk('top-right', 'row-wise', 'linear')))).toEqual([4, 3, 2, 1, 6, 5, 9, 8, 7]);
    expect(numbers(orderPlots(ragged, walk('top-left', 'column-wise', 'serpentine')))).toEqual([1, 5, 7, 6, 2, 3, 8, 9, 4]);
    expect(numbers(orderPlots(ragged, walk('bottom-left', 'column-wise', 'serpentine')))).toEqual([5, 1, 2, 6, 7, 8, 3, 4, 9]);
  });

  it('puts plots with no position (or half a one) last, by plot number', () => {
    const field = [at(30, null, null), at(3, 1, 2), at(20, 2, null), at(1, 2, 1), at(2, 1, 1), at(10, null, 4), at(4, 2, 2)];
    expect(numbers(orderPlots(field, walk('top-left', 'row-wise', 'serpentine')))).toEqual([2, 3, 4, 1, 10, 20, 30]);
    expect(numbers(orderPlots(field, walk('bottom-right', 'column-wise', 'linear')))).toEqual([4, 3, 1, 2, 10, 20, 30]);
    expect(numbers(orderPlots(field, { kind: 'plot-number' }))).toEqual([1, 2, 3, 4, 10, 20, 30]);
  });

  it('walks two plots sharing a position one after the other, by plot number', () => {
    const field = [at(1, 1, 1), at(9, 1, 2), at(2, 1, 2), at(3, 2, 1), at(4, 2, 2)];
    expect(numbers(orderPlots(field, walk('top-left', 'row-wise', 'serpentine')))).toEqual([1, 2, 9, 4, 3]);
  });

  it('works on positions that do not start at 1', () => {
    const field = [at(1, 10, 0), at(2, 10, 5), at(3, 11, 0), at(4, 11, 5)];
    expect(numbers(orderPlots(field, walk('top-right', 'row-wise', 'serpentine')))).toEqual([2, 1, 3, 4]);
  });

  it('gives an empty walk for no plots, and plot-number order when no plot has a position', () => {
    expect(orderPlots([], defaultGridWalk)).toEqual([]);
    expect(numbers(orderPlots([at(3, null, null), at(1, null, null)], defaultGridWalk))).toEqual([1, 3]);
  });
});

describe('walk order settings', () => {
  it('accepts plot number and every grid walk, and the defaults', () => {
    expect(walkOrderSchema.parse(defaultWalkOrder)).toEqual({ kind: 'plot-number' });
    expect(walkOrderSchema.parse(defaultGridWalk)).toEqual(defaultGridWalk);
    expect(walkOrderSchema.safeParse(walk('bottom-right', 'column-wise', 'linear')).success).toBe(true);
  });

  it('refuses an unknown corner, a missing part, or extra fields', () => {
    expect(walkOrderSchema.safeParse({ kind: 'grid', start: 'middle', direction: 'row-wise', pattern: 'linear' }).success).toBe(false);
    expect(walkOrderSchema.safeParse({ kind: 'grid', start: 'top-left', direction: 'row-wise' }).success).toBe(false);
    expect(walkOrderSchema.safeParse({ kind: 'plot-number', start: 'top-left' }).success).toBe(false);
    expect(walkOrderSchema.safeParse({ kind: 'serpentine' }).success).toBe(false);
  });

  it('describes a walk in words', () => {
    expect(describeWalkOrder(defaultWalkOrder)).toBe('By plot number');
    expect(describeWalkOrder(walk('bottom-left', 'column-wise', 'serpentine'))).toBe('Serpentine, column by column, from the bottom left');
    expect(describeWalkOrder(walk('top-right', 'row-wise', 'linear'))).toBe('Straight, row by row, from the top right');
  });
});

describe('the next unscored plot', () => {
  const done = (flags: boolean[]) => (_: boolean, index: number) => flags[index] === true;
  const isDone = (flag: boolean) => flag;

  it('is the next plot not yet done, jumping over done ones', () => {
    const flags = [false, true, true, false, false];
    expect(nextUnscored(flags, 0, isDone)).toBe(3);
    expect(nextUnscored(flags, 3, isDone)).toBe(4);
  });

  it('wraps around to the start once', () => {
    const flags = [true, false, true, true, false];
    expect(nextUnscored(flags, 4, isDone)).toBe(1);
    expect(nextUnscored(flags, 2, done(flags))).toBe(4);
  });

  it('comes back to the current plot only when it is the last one left', () => {
    expect(nextUnscored([true, false, true], 1, isDone)).toBe(1);
    expect(nextUnscored([true, true, true], 1, isDone)).toBeNull();
  });

  it('is null when everything is done, or there is nothing to walk', () => {
    expect(nextUnscored([true, true], 0, isDone)).toBeNull();
    expect(nextUnscored([], 0, isDone)).toBeNull();
    expect(nextUnscored([], -1, isDone)).toBeNull();
  });

  it('starts at the first plot when no plot is current', () => {
    expect(nextUnscored([false, false], -1, isDone)).toBe(0);
    expect(nextUnscored([true, false], 7, isDone)).toBe(1);
  });

  it('looks at each plot at most once', () => {
    const seen: number[] = [];
    nextUnscored([true, true, true, true], 2, (_, index) => {
      seen.push(index);
      return true;
    });
    expect(seen).toEqual([3, 0, 1, 2]);
  });

  it('finds the next unscored plot along a serpentine walk', () => {
    const ordered = orderPlots(regular, walk('top-left', 'row-wise', 'serpentine'));
    const scored = new Set([8, 7, 6]);
    const index = nextUnscored(ordered, ordered.findIndex((p) => p.plotNumber === 4), (p) => scored.has(p.plotNumber));
    expect(index === null ? null : ordered[index]?.plotNumber).toBe(5);
  });
});
