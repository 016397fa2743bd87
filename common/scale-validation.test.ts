import { describe, expect, it } from 'vitest';
import { checkValue, type Scale } from './scale-validation';

const scale = (overrides: Partial<Scale>): Scale => ({
  name: 'Plant height',
  scaleType: 'numeric',
  unit: 'cm',
  minimum: 0,
  maximum: 250,
  decimalPlaces: 1,
  categories: null,
  ...overrides,
});

const ninePoint = Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

describe('numeric values', () => {
  it('accepts a value in range and stores its canonical form', () => {
    expect(checkValue(scale({}), ' 18.5 ')).toEqual({ ok: true, value: '18.5', numeric: 18.5 });
  });

  it('accepts the decimal comma', () => {
    expect(checkValue(scale({}), '18,5')).toEqual({ ok: true, value: '18.5', numeric: 18.5 });
  });

  it('refuses a value outside the range and names the range', () => {
    const result = checkValue(scale({ maximum: 150 }), '185');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain('0–150 cm');
  });

  it('refuses text in a numeric variable', () => {
    const result = checkValue(scale({}), '12abc');
    expect(!result.ok && result.message).toMatch(/takes a number/);
  });

  it('refuses more decimals than the variable records', () => {
    const result = checkValue(scale({}), '18.55');
    expect(!result.ok && result.message).toMatch(/at most 1 decimal place/);
  });

  it('refuses an empty value', () => {
    expect(checkValue(scale({}), '   ').ok).toBe(false);
  });

  it('names a one-sided range', () => {
    const result = checkValue(scale({ maximum: null }), '-1');
    expect(!result.ok && result.message).toContain('at least 0 cm');
  });
});

describe('other scale types', () => {
  it('keeps percent between 0 and 100 when no range is set', () => {
    const percent = scale({ name: 'Ground cover', scaleType: 'percent', unit: '%', minimum: null, maximum: null });
    expect(checkValue(percent, '55').ok).toBe(true);
    expect(checkValue(percent, '101').ok).toBe(false);
  });

  it('takes whole non-negative counts for a counter', () => {
    const counter = scale({ name: 'Germination count', scaleType: 'counter', unit: null, minimum: null, maximum: 50 });
    expect(checkValue(counter, '12')).toEqual({ ok: true, value: '12', numeric: 12 });
    expect(checkValue(counter, '2.5').ok).toBe(false);
    expect(checkValue(counter, '-1').ok).toBe(false);
    expect(checkValue(counter, '51').ok).toBe(false);
  });

  it('matches ordinal categories and keeps their number', () => {
    const ordinal = scale({ name: 'Disease score', scaleType: 'ordinal', unit: null, minimum: 1, maximum: 9, categories: ninePoint });
    expect(checkValue(ordinal, '7')).toEqual({ ok: true, value: '7', numeric: 7 });
    const refused = checkValue(ordinal, '10');
    expect(!refused.ok && refused.message).toContain('Choose one of: 1, 2, 3');
  });

  it('matches categorical values by value or label, ignoring case', () => {
    const vigour = scale({
      name: 'Vigour',
      scaleType: 'categorical',
      unit: null,
      categories: [
        { value: 'low', label: 'Low' },
        { value: 'high', label: 'High' },
      ],
    });
    expect(checkValue(vigour, 'HIGH')).toEqual({ ok: true, value: 'high', numeric: null });
    expect(checkValue(vigour, 'medium').ok).toBe(false);
  });

  it('takes real calendar dates only', () => {
    const date = scale({ name: 'Flowering date', scaleType: 'date', unit: null });
    expect(checkValue(date, '2026-05-14').ok).toBe(true);
    expect(checkValue(date, '2026-02-30').ok).toBe(false);
    expect(checkValue(date, '14/05/2026').ok).toBe(false);
  });

  it('reads yes and no words as booleans', () => {
    const lodging = scale({ name: 'Lodging', scaleType: 'boolean', unit: null });
    expect(checkValue(lodging, 'Yes')).toEqual({ ok: true, value: 'true', numeric: null });
    expect(checkValue(lodging, '0')).toEqual({ ok: true, value: 'false', numeric: null });
    expect(checkValue(lodging, 'maybe').ok).toBe(false);
  });

  it('keeps text as typed, trimmed', () => {
    expect(checkValue(scale({ scaleType: 'text' }), ' leaf curl ')).toEqual({ ok: true, value: 'leaf curl', numeric: null });
  });

  it('sends photo variables to the photo panel', () => {
    const result = checkValue(scale({ name: 'Canopy photo', scaleType: 'photo' }), 'x');
    expect(!result.ok && result.message).toMatch(/photo panel/);
  });
});
