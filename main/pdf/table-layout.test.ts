import { describe, expect, it } from 'vitest';
import { mm } from './pdf-document';
import { columnWidths } from './table-layout';

const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);

describe('columnWidths', () => {
  it('gives short columns their content width and the long text column the rest', () => {
    const widths = columnWidths([{ natural: 40, minimum: 20 }, { natural: 30, minimum: 20 }, { natural: 900, minimum: 30 }], 500, 4);
    expect(sum(widths)).toBeCloseTo(500);
    expect(widths[0]).toBeCloseTo(48);
    expect(widths[1]).toBeCloseTo(38);
    expect(widths[2]).toBeCloseTo(414);
  });

  it('spreads spare room over the columns when everything fits', () => {
    const widths = columnWidths([{ natural: 40, minimum: 20 }, { natural: 80, minimum: 20 }], 500, 4);
    expect(sum(widths)).toBeCloseTo(500);
    expect((widths[1] ?? 0) / (widths[0] ?? 1)).toBeCloseTo(88 / 48);
  });

  it('keeps a fixed width given in millimetres', () => {
    const widths = columnWidths([{ width: 30, natural: 100, minimum: 10 }, { natural: 900, minimum: 10 }], 500, 4);
    expect(widths[0]).toBeCloseTo(mm(30));
    expect(sum(widths)).toBeCloseTo(500);
  });

  it('never squeezes a column below its longest header word', () => {
    const widths = columnWidths([{ natural: 800, minimum: 10 }, { natural: 800, minimum: 10 }, { natural: 800, minimum: 10 }, { natural: 20, minimum: 60 }], 400, 4);
    expect(widths[3]).toBeGreaterThanOrEqual(68);
    expect(sum(widths)).toBeCloseTo(400);
  });

  it('scales fixed widths down together when they alone overflow the page', () => {
    const widths = columnWidths([{ width: 200, natural: 0, minimum: 0 }, { width: 100, natural: 0, minimum: 0 }], 500, 4);
    expect(sum(widths)).toBeCloseTo(500);
    expect((widths[0] ?? 0) / (widths[1] ?? 1)).toBeCloseTo(2);
  });
});
