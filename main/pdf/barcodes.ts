import bwipjs from 'bwip-js/node';
import { AppError } from '../../common/errors';

export type Symbology = 'code128' | 'qr';

/** A dark rectangle of a barcode, in modules (the barcode's narrowest bar or smallest square). */
export interface ModuleRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A barcode as dark rectangles on a module grid, without its quiet zone. Code 128 bars are one
 * module tall here (the label stretches them); a QR code is `width` × `height` modules.
 */
export interface BarcodeModules {
  symbology: Symbology;
  width: number;
  height: number;
  rects: ModuleRect[];
}

/** Blank modules a reader needs around the symbol: 10 for Code 128, 4 for QR (standard values). */
export const quietZoneModules: Readonly<Record<Symbology, number>> = { code128: 10, qr: 4 };

export const symbologyNames: Readonly<Record<Symbology, string>> = { code128: 'Code 128 barcode', qr: 'QR code' };

/**
 * Why `code` cannot be a Code 128 barcode, in the user's words, or undefined when it can. Code 128
 * carries ASCII; we take only the printable part, so what a scanner types matches the printed text.
 */
export function code128Problem(code: string): string | undefined {
  if (code === '') return 'it is empty';
  const bad = [...new Set([...code].filter((char) => char < ' ' || char > '~'))];
  if (bad.length === 0) return undefined;
  const shown = bad.map((char) => (char < ' ' || char === '\u007f' ? `a control character (U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')})` : `"${char}"`));
  return `it contains ${shown.join(', ')}; Code 128 takes only plain ASCII letters, digits, spaces and punctuation; change the code or print it as a QR code, which takes any text`;
}

/** Why `code` cannot be a QR code, or undefined. QR takes any text (as UTF-8) up to its capacity. */
export function qrProblem(code: string): string | undefined {
  return code === '' ? 'it is empty' : undefined;
}

export function barcodeProblem(code: string, symbology: Symbology): string | undefined {
  return symbology === 'code128' ? code128Problem(code) : qrProblem(code);
}

/** What bwip-js's raw encoder gives: bar and space widths for linear codes, a module matrix for 2D ones. */
type RawSymbol = { sbs: number[] } | { pixs: number[]; pixx: number; pixy: number };

function rawSymbol(code: string, symbology: Symbology): RawSymbol {
  // Error correction M (15% of the symbol can be lost) is the usual choice for labels.
  const options: bwipjs.RawOptions & { eclevel?: string } =
    symbology === 'code128' ? { bcid: 'code128', text: code } : { bcid: 'qrcode', text: code, eclevel: 'M' };
  try {
    const [symbol]: RawSymbol[] = bwipjs.raw(options);
    if (symbol !== undefined) return symbol;
  } catch (error) {
    if (error instanceof Error && /maximum length|too long|exceed/i.test(error.message)) throw barcodeError(code, symbology, 'it is too long');
  }
  throw barcodeError(code, symbology, 'the barcode encoder could not encode it');
}

/** A refusal naming the code and why, in the user's words; `details` carry both for the screen. */
export function barcodeError(code: string, symbology: Symbology, reason: string): AppError {
  return new AppError('validation', `"${code}" cannot be printed as a ${symbologyNames[symbology]}: ${reason}.`, { code, symbology, reason });
}

/** Encodes `code` as module rectangles; throws a validation AppError naming the code when it cannot. */
export function barcodeModules(code: string, symbology: Symbology): BarcodeModules {
  const problem = barcodeProblem(code, symbology);
  if (problem !== undefined) throw barcodeError(code, symbology, problem);
  const symbol = rawSymbol(code, symbology);
  if ('sbs' in symbol) {
    // Bar and space widths alternate, starting with a bar.
    const rects: ModuleRect[] = [];
    let x = 0;
    symbol.sbs.forEach((width, index) => {
      if (index % 2 === 0) rects.push({ x, y: 0, width, height: 1 });
      x += width;
    });
    return { symbology, width: x, height: 1, rects };
  }
  // Dark modules row by row; each run of dark modules in a row becomes one rectangle.
  const { pixs, pixx, pixy } = symbol;
  const rects: ModuleRect[] = [];
  for (let y = 0; y < pixy; y++) {
    let start = -1;
    for (let x = 0; x <= pixx; x++) {
      const dark = x < pixx && pixs[y * pixx + x] === 1;
      if (dark && start < 0) start = x;
      if (!dark && start >= 0) {
        rects.push({ x: start, y, width: x - start, height: 1 });
        start = -1;
      }
    }
  }
  return { symbology, width: pixx, height: pixy, rects };
}
