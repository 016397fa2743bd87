import { describe, expect, it } from 'vitest';
import type { PlotRow } from '../../common/api-contract';
import { entryMatcher, filterChoices, filterPlots, isFiltering, isScored, noFilter, withSelected } from './plot-filter';

const value = { observationId: 'o', value: '1', observedAt: '2026-05-01T10:00:00Z' };
const plot = (plotNumber: number, overrides: Partial<PlotRow> = {}): PlotRow => ({
  id: `p${plotNumber}`,
  plotNumber,
  block: 1,
  replicate: 1,
  row: 1,
  column: plotNumber,
  entryNumber: plotNumber,
  germplasmName: `FS-2026-${String(plotNumber).padStart(4, '0')}`,
  barcode: null,
  latest: {},
  ...overrides,
});
const numbers = (plots: readonly PlotRow[]): number[] => plots.map((p) => p.plotNumber);

describe('plot filters', () => {
  const plots = [
    plot(1, { block: 1, replicate: 1, latest: { h: value, d: value } }),
    plot(2, { block: 1, replicate: 2, latest: { h: value } }),
    plot(3, { block: 2, replicate: 1 }),
    plot(4, { block: 2, replicate: 2, entryNumber: null, germplasmName: 'Skyfall' }),
  ];

  it('passes every plot, as the same list, when nothing filters', () => {
    expect(isFiltering(noFilter)).toBe(false);
    expect(filterPlots(plots, noFilter, ['h'])).toBe(plots);
    expect(isFiltering({ ...noFilter, entry: '  ' })).toBe(false);
  });

  it('narrows by block, replicate, and both', () => {
    expect(numbers(filterPlots(plots, { ...noFilter, block: 2 }, ['h']))).toEqual([3, 4]);
    expect(numbers(filterPlots(plots, { ...noFilter, replicate: 2 }, ['h']))).toEqual([2, 4]);
    expect(numbers(filterPlots(plots, { ...noFilter, block: 1, replicate: 2 }, ['h']))).toEqual([2]);
  });

  it('matches entry numbers, lists and ranges, or part of a germplasm name', () => {
    const match = (text: string): number[] => plots.filter(entryMatcher(text) ?? (() => true)).map((p) => p.plotNumber);
    expect(match('3')).toEqual([3]);
    expect(match('1, 3')).toEqual([1, 3]);
    expect(match('2 - 3')).toEqual([2, 3]);
    expect(match('3-1; 9')).toEqual([1, 2, 3]);
    expect(match('sky')).toEqual([4]);
    expect(match('FS-2026-000')).toEqual([1, 2, 3]);
    expect(entryMatcher('   ')).toBeNull();
  });

  it('keeps only plots missing a value of a trait of the walk when asked for unscored ones', () => {
    expect(isScored(plots[0] as PlotRow, ['h', 'd'])).toBe(true);
    expect(isScored(plots[1] as PlotRow, ['h', 'd'])).toBe(false);
    expect(numbers(filterPlots(plots, { ...noFilter, unscoredOnly: true }, ['h', 'd']))).toEqual([2, 3, 4]);
    expect(numbers(filterPlots(plots, { ...noFilter, unscoredOnly: true }, ['h']))).toEqual([3, 4]);
    expect(numbers(filterPlots(plots, { ...noFilter, unscoredOnly: true, block: 1 }, ['h']))).toEqual([]);
  });

  it('keeps the selected plot among the rows after it was scored, in its walking place', () => {
    const matching = filterPlots(plots, { ...noFilter, unscoredOnly: true }, ['h']);
    const ids = new Set(matching.map((p) => p.id));
    expect(numbers(withSelected(plots, matching, ids, 'p2'))).toEqual([2, 3, 4]);
    expect(withSelected(plots, matching, ids, 'p3')).toBe(matching);
    expect(withSelected(plots, matching, ids, 'gone')).toBe(matching);
    expect(withSelected(plots, plots, null, 'p1')).toBe(plots);
  });

  it('offers the blocks and replicates the plots are in', () => {
    expect(filterChoices([...plots, plot(5, { block: null, replicate: 3 })])).toEqual({ blocks: [1, 2], replicates: [1, 2, 3] });
  });
});
