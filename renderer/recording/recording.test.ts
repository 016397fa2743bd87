import { describe, expect, it } from 'vitest';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { choiceForKey } from './entry-keys';
import { findPlot, resumePoint } from './study-progress';
import { typicalRange, unusualValueNote } from './typical-range';

const plot = (plotNumber: number, row: number, column: number, latest: PlotRow['latest'] = {}): PlotRow => ({
  id: `p${plotNumber}`,
  plotNumber,
  block: 1,
  replicate: 1,
  row,
  column,
  entryNumber: plotNumber,
  germplasmName: null,
  barcode: `BC-${plotNumber}`,
  latest,
});

const variable = (overrides: Partial<VariableSummary>): VariableSummary => ({
  id: 'v',
  name: 'Plant height',
  trait: 'Plant height',
  scaleType: 'numeric',
  unit: 'cm',
  minimum: 0,
  maximum: 250,
  decimalPlaces: 1,
  categories: null,
  ...overrides,
});

const value = (v: string) => ({ value: v });

describe('recording helpers', () => {
  it('resumes at the first plot without a value of the first unfinished variable', () => {
    const plots = [plot(1, 1, 1, { v: value('80') }), plot(2, 1, 2)];
    expect(resumePoint(plots, [variable({})])).toEqual({ unitId: 'p2', variableId: 'v' });
  });

  it('finds a plot by number, scanned barcode, id or germplasm name', () => {
    const plots = [plot(7, 1, 1), { ...plot(12, 1, 2), germplasmName: 'Apex' }, { ...plot(13, 1, 3), germplasmName: 'Apex' }];
    expect(findPlot(plots, '12')?.id).toBe('p12');
    expect(findPlot(plots, 'bc-7')?.id).toBe('p7');
    expect(findPlot(plots, 'P7')?.id).toBe('p7');
    expect(findPlot(plots, ' apex ')?.id).toBe('p12');
    expect(findPlot(plots, '99')).toBeNull();
  });

  it('notes a slipped digit but not an ordinary value', () => {
    const plots = Array.from({ length: 40 }, (_, i) => plot(i + 1, 1, i + 1, { v: value(String(80 + (i % 20))) }));
    const height = variable({});
    const range = typicalRange(plots, height);
    expect(unusualValueNote(height, '92.5', range)).toBeNull();
    expect(unusualValueNote(height, '185', range)).toMatch(/185 cm is unusual for this study/);
  });

  it('maps number keys to categories and Y/N to yes/no', () => {
    const vigour = variable({ scaleType: 'categorical', categories: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }] });
    expect(choiceForKey(vigour, '2')?.value).toBe('high');
    expect(choiceForKey(vigour, '3')).toBeNull();
    expect(choiceForKey(variable({ scaleType: 'boolean' }), 'n')?.value).toBe('false');
  });
});
