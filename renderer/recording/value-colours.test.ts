import { describe, expect, it } from 'vitest';
import type { PlotRow, VariableSummary } from '../../common/api-contract';
import { isColourable, valueColours } from './value-colours';

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
const withValue = (value: string | null, i = 0): PlotRow => ({
  id: `p${i}`,
  plotNumber: i,
  block: null,
  replicate: null,
  row: null,
  column: null,
  entryNumber: null,
  germplasmName: null,
  barcode: null,
  latest: value === null ? {} : { v: { value } },
});

describe('grid colours', () => {
  it('spreads numbers over a light-to-dark scale between the lowest and highest recorded', () => {
    const colours = valueColours(variable({}), ['80', '120', '100', null].map(withValue));
    expect(colours?.legend).toMatchObject({ kind: 'range', low: '80 cm', high: '120 cm' });
    const low = colours?.colourOf('80');
    const high = colours?.colourOf('120');
    expect(low?.background).toBe('#ffffd9');
    expect(high?.background).toBe('#081d58');
    expect(low?.text).not.toBe(high?.text);
    expect(colours?.colourOf('100')?.background).not.toBe(low?.background);
    // Outside the recorded range (a value just typed) clamps to the ends.
    expect(colours?.colourOf('300')?.background).toBe('#081d58');
  });

  it('leaves unscored plots neutral', () => {
    const colours = valueColours(variable({}), [withValue('80')]);
    expect(colours?.colourOf(undefined)).toBeNull();
    expect(colours?.colourOf('not a number')).toBeNull();
  });

  it('gives each category its own colour, and values outside the list one too', () => {
    const vigour = variable({ scaleType: 'categorical', categories: [{ value: 'low', label: 'Low' }, { value: 'high', label: 'High' }] });
    const colours = valueColours(vigour, [withValue('low'), withValue('odd', 1)]);
    const seen = ['low', 'high', 'odd'].map((v) => colours?.colourOf(v)?.background);
    expect(new Set(seen).size).toBe(3);
    expect(colours?.legend).toMatchObject({ kind: 'categories', items: [{ label: 'Low' }, { label: 'High' }, { label: 'odd' }] });
  });

  it('colours ordinal scores in distinct steps, and yes/no in two colours', () => {
    const score = variable({ scaleType: 'ordinal', categories: ['1', '5', '9'].map((v) => ({ value: v, label: v })) });
    const steps = ['1', '5', '9'].map((v) => valueColours(score, [])?.colourOf(v)?.background);
    expect(new Set(steps).size).toBe(3);
    const lodging = valueColours(variable({ scaleType: 'boolean' }), []);
    expect(lodging?.colourOf('true')?.background).not.toBe(lodging?.colourOf('false')?.background);
  });

  it('places dates on the scale by day', () => {
    const flowering = valueColours(variable({ scaleType: 'date', unit: null }), ['2026-06-01', '2026-06-21'].map(withValue));
    expect(flowering?.legend).toMatchObject({ low: '2026-06-01', high: '2026-06-21' });
    expect(flowering?.colourOf('2026-06-11')?.background).not.toBe(flowering?.colourOf('2026-06-01')?.background);
  });

  it('does not colour by free text or photos', () => {
    expect(isColourable(variable({ scaleType: 'text' }))).toBe(false);
    expect(valueColours(variable({ scaleType: 'photo' }), [])).toBeNull();
    expect(isColourable(variable({ scaleType: 'counter' }))).toBe(true);
  });
});
