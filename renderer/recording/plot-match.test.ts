import { describe, expect, it } from 'vitest';
import type { PlotRow } from '../../common/api-contract';
import { describeMatch, indexAttributeValues, matchPlot } from './plot-match';
import { findPlot, findPlotByBarcode } from './study-progress';

const plot = (plotNumber: number, germplasmName: string | null = null): PlotRow => ({
  id: `p${plotNumber}`,
  plotNumber,
  block: 1,
  replicate: 1,
  row: 1,
  column: plotNumber,
  entryNumber: plotNumber,
  germplasmName,
  barcode: `BC-${plotNumber}`,
  latest: {},
});

// Walking order 3, 1, 2, 4 (say, a serpentine): "first along the walk" is not the lowest plot number.
const walk = [plot(3, 'Apex'), plot(1, 'Brio'), plot(2), plot(4)];
const trays = indexAttributeValues('tray_id', [
  { unitId: 'p1', value: 'T-07' },
  { unitId: 'p2', value: 'T-02' },
  { unitId: 'p3', value: 'T-07' },
  { unitId: 'p4', value: '  Bc-1 ' },
]);

describe('matching a scan on a chosen plot attribute', () => {
  it('finds the plot whose chosen attribute holds the code', () => {
    expect(matchPlot(walk, 'T-02', trays, findPlot)).toEqual({ plot: walk[2], count: 1, attribute: 'tray_id' });
  });

  it('compares trimmed and without regard to case, on both the code and the values', () => {
    expect(matchPlot(walk, '  t-02\t', trays, findPlot)?.plot.id).toBe('p2');
    // The value "  Bc-1 " is held by plot 4; the attribute is matched before plot 1's barcode BC-1.
    expect(matchPlot(walk, 'bc-1', trays, findPlot)).toMatchObject({ plot: { id: 'p4' }, attribute: 'tray_id' });
  });

  it('goes to the first plot along the walk when several share the value, and counts them', () => {
    const match = matchPlot(walk, 't-07', trays, findPlot);
    expect(match).toEqual({ plot: walk[0], count: 2, attribute: 'tray_id' });
    expect(describeMatch(match, ' t-07 ')).toBe('2 plots have tray_id “t-07”: this is the first along the walk (plot 3).');
    expect(describeMatch(matchPlot(walk, 'T-02', trays, findPlot), 'T-02')).toBeNull();
  });

  it('falls back to the usual matching when no plot has the value', () => {
    expect(matchPlot(walk, 'BC-2', trays, findPlot)).toEqual({ plot: walk[2], count: 1, attribute: null });
    expect(matchPlot(walk, '4', trays, findPlot)?.plot.id).toBe('p4');
    expect(matchPlot(walk, 'brio', trays, findPlot)?.plot.id).toBe('p1');
    expect(matchPlot(walk, 'T-99', trays, findPlot)).toBeNull();
    expect(matchPlot(walk, '   ', trays, findPlot)).toBeNull();
  });

  it('in the entry box falls back to barcodes only, so a typed value is not taken for a plot number', () => {
    expect(matchPlot(walk, 'T-07', trays, findPlotByBarcode)?.plot.id).toBe('p3');
    expect(matchPlot(walk, 'bc-2', trays, findPlotByBarcode)?.plot.id).toBe('p2');
    expect(matchPlot(walk, '4', trays, findPlotByBarcode)).toBeNull();
  });

  it('matches only plots of the list given, and as before when no attribute is chosen', () => {
    // A value held only by a plot that is not in the list (deleted since the values were read).
    const gone = indexAttributeValues('tray_id', [{ unitId: 'p9', value: 'T-09' }]);
    expect(matchPlot(walk, 'T-09', gone, findPlot)).toBeNull();
    expect(matchPlot(walk, 'BC-3', null, findPlot)).toEqual({ plot: walk[0], count: 1, attribute: null });
    expect(matchPlot(walk, 'T-07', null, findPlot)).toBeNull();
  });

  it('leaves empty values out of the index', () => {
    const index = indexAttributeValues('accession', [{ unitId: 'p1', value: '  ' }, { unitId: 'p2', value: 'PI 1' }]);
    expect([...index.unitIdsByValue.keys()]).toEqual(['pi 1']);
  });
});
