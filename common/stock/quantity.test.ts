import { describe, expect, it } from 'vitest';
import { describeQuantity, formatQuantity, milliFromDatabase, parseQuantity, quantityNumber, quantityProblem, toMilli, valueOf } from './quantity';

describe('stock quantities', () => {
  it('reads numbers and decimal text exactly, as thousandths', () => {
    expect(parseQuantity(250)).toEqual({ ok: true, milli: 250_000 });
    expect(parseQuantity('12.5')).toEqual({ ok: true, milli: 12_500 });
    expect(parseQuantity(' -0.125 ')).toEqual({ ok: true, milli: -125 });
    expect(parseQuantity('.5')).toEqual({ ok: true, milli: 500 });
    expect(parseQuantity('7.')).toEqual({ ok: true, milli: 7_000 });
    expect(parseQuantity('3.1000')).toEqual({ ok: true, milli: 3_100 });
  });

  it('adds without the drift of binary fractions', () => {
    expect(formatQuantity(toMilli('0.1') + toMilli('0.2'))).toBe('0.3');
    expect(quantityNumber(toMilli('0.1') + toMilli('0.2'))).toBe(0.3);
  });

  it('refuses text that is not a plain decimal number', () => {
    for (const input of ['', 'abc', '1,250', '12,5', '1e3', 'NaN', '--1', '1.2.3']) {
      expect(parseQuantity(input)).toEqual({ ok: false, problem: 'not-a-number' });
    }
    expect(parseQuantity(Number.NaN)).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseQuantity(Number.POSITIVE_INFINITY)).toEqual({ ok: false, problem: 'not-a-number' });
  });

  it('refuses more than three decimals and absurd sizes', () => {
    expect(parseQuantity('0.0005')).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseQuantity(1e-7)).toEqual({ ok: false, problem: 'too-precise' });
    expect(parseQuantity(1e21)).toEqual({ ok: false, problem: 'too-large' });
    expect(parseQuantity('99999999999')).toEqual({ ok: false, problem: 'too-large' });
  });

  it('reads the database’s numeric text exactly by multiply-and-round', () => {
    for (const text of ['0', '12.345', '-0.001', '999999999.999', '0.1', '1250', '-75.5']) expect(milliFromDatabase(text)).toBe(toMilli(text));
  });

  it('formats thousandths back to the shortest exact decimal', () => {
    expect(formatQuantity(1_250_000)).toBe('1250');
    expect(formatQuantity(12_500)).toBe('12.5');
    expect(formatQuantity(-125)).toBe('-0.125');
    expect(formatQuantity(0)).toBe('0');
    expect(describeQuantity(1_250_000, 'seeds')).toBe('1,250 seeds');
    expect(describeQuantity(-12_500, 'grams')).toBe('-12.5 grams');
  });

  it('explains each wrong quantity in words, with the fix', () => {
    expect(quantityProblem('abc', 'seeds', 'positive')).toMatch(/“abc” is not a number.*like 1250 or 12\.5/);
    expect(quantityProblem(-5, 'seeds', 'positive')).toMatch(/must be above zero/);
    expect(quantityProblem(0, 'grams', 'positive')).toMatch(/must be above zero/);
    expect(quantityProblem(-1, 'plants', 'not-negative')).toMatch(/cannot be negative.*or 0 when there is none/);
    expect(quantityProblem(0, 'trays', 'non-zero')).toMatch(/adjustment of zero changes nothing/);
    expect(quantityProblem('12.5', 'seeds', 'positive')).toMatch(/Seeds are counted in whole numbers/);
    expect(quantityProblem('12.5', 'grams', 'positive')).toBeNull();
    expect(quantityProblem(0, 'seeds', 'not-negative')).toBeNull();
    expect(quantityProblem(-3, 'seeds', 'non-zero')).toBeNull();
  });

  it('values a quantity at its unit cost, and has no value without one', () => {
    expect(valueOf(-12_000, '0.25')).toBe(-3);
    expect(valueOf(7_000, '0.004')).toBe(0.028);
    expect(valueOf(7_000, null)).toBeNull();
  });
});
