import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { barcodeModules } from './barcodes';
import { labelsPdf, labelSheets, type LabelSpec } from './labels-pdf';
import { mm } from './pdf-document';
import { pageText, rasterize, readPdf, type ReadPage } from './pdf-test-reader';

function labels(count: number, symbology: LabelSpec['symbology'] = 'code128'): LabelSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    code: `LOT-2026-${String(i + 1).padStart(4, '0')}`,
    title: `Wheat seed lot ${i + 1}`,
    lines: [`GH1 › Bench ${(i % 4) + 1}`, 'Received 2026-03-14'],
    symbology,
  }));
}

/** The first label's cell on an A4 3 × 8 sheet, in points from the top left. */
const a4 = labelSheets.a4_3x8;
function cell(column: number, row: number): { left: number; top: number; width: number; height: number } {
  const width = mm(63.5);
  const height = mm(33.9);
  return { left: mm(a4.marginMm.left) + column * (width + mm(a4.gapMm.column)), top: mm(a4.marginMm.top) + row * height, width, height };
}

function inCell(page: ReadPage, area: ReturnType<typeof cell>) {
  const inside = (x: number, y: number): boolean => x >= area.left && x < area.left + area.width && y >= area.top && y < area.top + area.height;
  return { rects: page.rects.filter((r) => inside(r.x, r.y)), texts: page.texts.filter((t) => inside(t.x, t.y)) };
}

describe('labelsPdf', () => {
  it('fills an A4 sheet of 3 × 8 labels and starts a second sheet at the 25th', async () => {
    const one = readPdf(await labelsPdf(labels(24)));
    expect(one.pageCount).toBe(1);
    expect([one.pages[0]?.width, one.pages[0]?.height]).toEqual([595.28, 841.89]);
    expect(readPdf(await labelsPdf(labels(25))).pageCount).toBe(2);
  });

  it('prints 200 labels on 9 sheets, each code exactly once and in order', async () => {
    const pdf = readPdf(await labelsPdf(labels(200)));
    expect(pdf.pageCount).toBe(9);
    const codes = pdf.pages.flatMap((page) => page.texts.map((t) => t.text).filter((t) => t.startsWith('LOT-')));
    expect(codes).toEqual(labels(200).map((l) => l.code));
  });

  it('prints the code under its barcode, with the title above and the two lines below', async () => {
    const page = readPdf(await labelsPdf(labels(3))).pages[0];
    if (!page) throw new Error('no page');
    const { rects, texts } = inCell(page, cell(1, 0));
    expect(texts.map((t) => t.text)).toEqual(['Wheat seed lot 2', 'LOT-2026-0002', 'GH1 › Bench 2', 'Received 2026-03-14']);
    const barsBottom = Math.max(...rects.map((r) => r.y + r.height));
    const barsLeft = Math.min(...rects.map((r) => r.x));
    const barsRight = Math.max(...rects.map((r) => r.x + r.width));
    const code = texts[1];
    expect(code && code.y > barsBottom).toBe(true);
    expect(code && code.y - barsBottom).toBeLessThan(12);
    expect(code && code.x > barsLeft && code.x < (barsLeft + barsRight) / 2).toBe(true);
    expect(barsRight - barsLeft).toBeGreaterThan(mm(30));
  });

  it('draws Code 128 bars whose widths are the symbol\'s modules', async () => {
    const page = readPdf(await labelsPdf(labels(1))).pages[0];
    if (!page) throw new Error('no page');
    const bars = inCell(page, cell(0, 0)).rects.sort((a, b) => a.x - b.x);
    const symbol = barcodeModules('LOT-2026-0001', 'code128');
    const first = bars[0];
    const last = bars.at(-1);
    if (!first || !last) throw new Error('no bars');
    const module = (last.x + last.width - first.x) / symbol.width;
    expect(module).toBeGreaterThanOrEqual(mm(0.25));
    expect(bars.map((b) => Math.round((b.x - first.x) / module))).toEqual(symbol.rects.map((r) => r.x));
    expect(bars.map((b) => Math.round(b.width / module))).toEqual(symbol.rects.map((r) => r.width));
  });

  it('prints QR labels that decode back to their codes, accents included', async () => {
    const specs = labels(2, 'qr');
    specs[1] = { code: 'LOT-É1', title: 'Ngũgĩ’s maize', symbology: 'qr' };
    const page = readPdf(await labelsPdf(specs)).pages[0];
    if (!page) throw new Error('no page');
    for (const [column, code] of [[0, 'LOT-2026-0001'], [1, 'LOT-É1']] as const) {
      const area = cell(column, 0);
      const image = rasterize(inCell(page, area).rects, area, 6);
      expect(jsQR(image.data, image.width, image.height)?.data).toBe(code);
    }
    // The standard fonts lack "ũ" and "ĩ": the title prints without the accents rather than broken.
    expect(pageText(page)).toContain('Ngugi’s maize');
  });

  it('holds 3 × 10 labels on a Letter sheet', async () => {
    const pdf = readPdf(await labelsPdf(labels(31), { pageSize: 'Letter' }));
    expect(pdf.pageCount).toBe(2);
    expect([pdf.pages[0]?.width, pdf.pages[0]?.height]).toEqual([612, 792]);
    expect(pdf.pages[1]?.texts.map((t) => t.text)).toContain('LOT-2026-0031');
  });

  it('starts after the labels already used on a sheet', async () => {
    const pdf = readPdf(await labelsPdf(labels(20), { skipCells: 5 }));
    expect(pdf.pageCount).toBe(2);
    const page = pdf.pages[0];
    if (!page) throw new Error('no page');
    expect(inCell(page, cell(0, 0)).texts).toEqual([]);
    expect(inCell(page, cell(2, 1)).texts.map((t) => t.text)).toContain('LOT-2026-0001');
  });

  it('refuses the sheet when codes cannot be Code 128, naming each code', async () => {
    const specs = labels(3);
    specs[0] = { code: 'LOT-É1', title: 'x', symbology: 'code128' };
    specs[2] = { code: 'Ω-2', title: 'y', symbology: 'code128' };
    const refusal = labelsPdf(specs);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toThrow(/2 codes cannot be printed, so no labels were printed\. "LOT-É1" cannot be printed as a Code 128 barcode: it contains "É".*"Ω-2" cannot be printed/);
    await expect(refusal).rejects.toMatchObject({ code: 'validation', details: { problems: [{ code: 'LOT-É1' }, { code: 'Ω-2' }] } });
  });

  it('refuses a Code 128 code too long to scan on the label, and suggests a QR code', async () => {
    const code = 'SEED-LOT-2026-GREENHOUSE-ONE-BENCH-FOUR-0001';
    await expect(labelsPdf([{ code, title: 't', symbology: 'code128' }])).rejects.toThrow(
      new RegExp(`"${code}" cannot be printed as a Code 128 barcode: it is too long for a scannable barcode on a label 63.5 mm wide; shorten the code or print it as a QR code`),
    );
    expect(readPdf(await labelsPdf([{ code, title: 't', symbology: 'qr' }])).pageCount).toBe(1);
  });

  it('refuses an empty list and labels too small for a barcode', async () => {
    await expect(labelsPdf([])).rejects.toThrow(/no labels to print/);
    await expect(labelsPdf(labels(1), { columns: 8 })).rejects.toThrow(/too small for a barcode/);
    await expect(labelsPdf(labels(1), { rows: 0 })).rejects.toThrow(/rows must be a whole number/);
  });

  it('draws cut lines around each label when asked, for plain paper', async () => {
    const plain = readPdf(await labelsPdf(labels(2), { outlines: true })).pages[0];
    const bare = readPdf(await labelsPdf(labels(2))).pages[0];
    expect((plain?.rects.length ?? 0) - (bare?.rects.length ?? 0)).toBe(2);
  });
});
