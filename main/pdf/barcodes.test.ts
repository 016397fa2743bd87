import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { barcodeModules, code128Problem, type BarcodeModules } from './barcodes';
import { rasterize } from './pdf-test-reader';

function decodeQr(symbol: BarcodeModules): string | undefined {
  const quiet = 4;
  const image = rasterize(
    symbol.rects.map((r) => ({ x: r.x + quiet, y: r.y + quiet, width: r.width, height: r.height })),
    { left: 0, top: 0, width: symbol.width + 2 * quiet, height: symbol.height + 2 * quiet },
    6,
  );
  return jsQR(image.data, image.width, image.height)?.data;
}

describe('barcodeModules', () => {
  it('draws Code 128 as bars between the start and stop patterns', () => {
    const symbol = barcodeModules('BIN-07', 'code128');
    // Start B (2-1-1-2-1-4), six characters and a check character of 11 modules, stop of 13.
    expect(symbol.width).toBe(11 + 6 * 11 + 11 + 13);
    expect(symbol.rects[0]).toEqual({ x: 0, y: 0, width: 2, height: 1 });
    expect(symbol.rects.at(-1)).toEqual({ x: symbol.width - 2, y: 0, width: 2, height: 1 });
  });

  it('draws a QR code that a reader decodes back to the code', () => {
    const symbol = barcodeModules('LOT-2026-0042', 'qr');
    expect(symbol.width).toBe(symbol.height);
    expect(decodeQr(symbol)).toBe('LOT-2026-0042');
  });

  it('carries any text in a QR code, accents and other scripts included', () => {
    expect(decodeQr(barcodeModules('Sorgho Ñandú Ωμ-7', 'qr'))).toBe('Sorgho Ñandú Ωμ-7');
  });

  it('refuses a Code 128 code with a character outside plain ASCII, naming the code and the character', () => {
    expect(() => barcodeModules('LOT-É1', 'code128')).toThrow(AppError);
    expect(() => barcodeModules('LOT-É1', 'code128')).toThrow(/"LOT-É1" cannot be printed as a Code 128 barcode: it contains "É"/);
  });

  it('refuses control characters and empty codes', () => {
    expect(code128Problem('A\tB')).toMatch(/control character \(U\+0009\)/);
    expect(() => barcodeModules('', 'qr')).toThrow(/it is empty/);
  });

  it('refuses a code too long for any QR code', () => {
    expect(() => barcodeModules('x'.repeat(3000), 'qr')).toThrow(/"x+" cannot be printed as a QR code: it is too long/);
  });
});
