import { AppError } from '../../common/errors';
import { barcodeModules, quietZoneModules, symbologyNames, type BarcodeModules, type Symbology } from './barcodes';
import { sheetGeometry, type LabelBox, type LabelSheet, type SheetGeometry } from './label-sheet';
import { fonts, measurer, mm, openPdf, writeLine } from './pdf-document';
import { truncateText, wrapText, type Measure } from './text-layout';

export type { LabelSheet } from './label-sheet';
export { labelSheets } from './label-sheet';

/** One label: the code the barcode carries (and printed under it), a title and up to two more lines. */
export interface LabelSpec {
  code: string;
  title: string;
  /** Printed in order under the title or code; only the first two are printed. */
  lines?: readonly string[];
  symbology: Symbology;
}

/** Narrowest Code 128 bar and smallest QR square that office printers and scanners handle reliably. */
const minModule: Readonly<Record<Symbology, number>> = { code128: mm(0.25), qr: mm(0.33) };
/** Larger modules than these add nothing but size, and take room from the text. */
const maxModule: Readonly<Record<Symbology, number>> = { code128: mm(0.5), qr: mm(0.75) };
/** Quiet zone drawn inside a QR label's square; the label's padding adds to it on the outer sides. */
const qrQuietInside = 2;

const titleStyle = { font: fonts.bold, size: 9 } as const;
const codeStyle = { font: fonts.regular, size: 8 } as const;
const lineStyle = { font: fonts.regular, size: 7, color: '#222222' } as const;
const lineHeight = (size: number): number => size * 1.15;

interface Measures {
  title: Measure;
  code: Measure;
  codeSmall: Measure;
  line: Measure;
}

/** A barcode fitted to a label: its modules and the size of one module in points. */
interface FittedCode {
  modules: BarcodeModules;
  module: number;
}

function inner(box: LabelBox, padding: number): LabelBox {
  return { page: box.page, x: box.x + padding, y: box.y + padding, width: box.width - 2 * padding, height: box.height - 2 * padding };
}

/** The most room a QR square may take in a label's inner box: what the code line leaves, at most half the width. */
function qrRoom(area: LabelBox): number {
  return Math.min(area.height - lineHeight(codeStyle.size) - codeGap, area.width * 0.5);
}

/** Between a barcode and the code printed under it. */
const codeGap = 2;

function fitCode(modules: BarcodeModules, area: LabelBox, labelWidth: number): FittedCode | string {
  const symbology = modules.symbology;
  const room = symbology === 'code128' ? area.width / (modules.width + 2 * quietZoneModules.code128) : qrRoom(area) / (modules.width + 2 * qrQuietInside);
  const module = Math.min(room, maxModule[symbology]);
  if (module >= minModule[symbology]) return { modules, module };
  const labelMm = ((labelWidth * 25.4) / 72).toFixed(1).replace(/\.0$/, '');
  return symbology === 'code128'
    ? `it is too long for a scannable barcode on a label ${labelMm} mm wide; shorten the code or print it as a QR code`
    : `it is too long for a scannable QR code on these labels; shorten the code or use larger labels`;
}

/** Encodes every distinct code once; refuses the whole sheet, naming each code that cannot be printed. */
function encodeAll(labels: readonly LabelSpec[], geometry: SheetGeometry): Map<string, FittedCode> {
  const area = inner({ page: 0, x: 0, y: 0, width: geometry.labelWidth, height: geometry.labelHeight }, geometry.padding);
  const fitted = new Map<string, FittedCode>();
  const seen = new Set<string>();
  const problems: { code: string; symbology: Symbology; reason: string }[] = [];
  for (const label of labels) {
    const key = `${label.symbology}:${label.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      const fit = fitCode(barcodeModules(label.code, label.symbology), area, geometry.labelWidth);
      if (typeof fit === 'string') problems.push({ code: label.code, symbology: label.symbology, reason: fit });
      else fitted.set(key, fit);
    } catch (error) {
      if (!(error instanceof AppError) || error.details === undefined) throw error;
      problems.push({ code: label.code, symbology: label.symbology, reason: String(error.details['reason']) });
    }
  }
  if (problems.length === 0) return fitted;
  const described = problems.map((p) => `"${p.code}" cannot be printed as a ${symbologyNames[p.symbology]}: ${p.reason}.`);
  const message =
    problems.length === 1
      ? `${described.join('')} No labels were printed.`
      : `${problems.length} codes cannot be printed, so no labels were printed. ${described.join(' ')}`;
  throw new AppError('validation', message, { problems });
}

function drawRects(doc: PDFKit.PDFDocument, fit: FittedCode, x: number, y: number, barHeight: number): void {
  for (const r of fit.modules.rects) {
    const height = fit.modules.symbology === 'code128' ? barHeight : r.height * fit.module;
    doc.rect(x + r.x * fit.module, y + r.y * fit.module, r.width * fit.module, height);
  }
  doc.fill('#000000');
}

/** The code as printed text: shrunk a little when long, and cut only when even that does not fit. */
function codeText(code: string, width: number, m: Measures): { text: string; small: boolean } {
  const normal = truncateText(code, width, m.code);
  if (!normal.endsWith('…') || normal === code) return { text: normal, small: false };
  return { text: truncateText(code, width, m.codeSmall), small: true };
}

function drawCode128(doc: PDFKit.PDFDocument, label: LabelSpec, fit: FittedCode, area: LabelBox, m: Measures): void {
  let y = area.y;
  writeLine(doc, truncateText(label.title, area.width, m.title), area.x, y, titleStyle);
  y += lineHeight(titleStyle.size) + 2;
  const codeLine = lineHeight(codeStyle.size) + codeGap;
  // The bars take what the text leaves; extra lines give way before the bars get shorter than 8 mm.
  let lines = (label.lines ?? []).slice(0, 2);
  while (lines.length > 0 && area.y + area.height - y - codeLine - lines.length * lineHeight(lineStyle.size) < mm(8)) lines = lines.slice(0, -1);
  const barHeight = area.y + area.height - y - codeLine - lines.length * lineHeight(lineStyle.size) - 1;
  const symbolWidth = fit.modules.width * fit.module;
  drawRects(doc, fit, area.x + (area.width - symbolWidth) / 2, y, barHeight);
  y += barHeight + codeGap;
  const code = codeText(label.code, area.width, m);
  const measure = code.small ? m.codeSmall : m.code;
  writeLine(doc, code.text, area.x + (area.width - measure(code.text)) / 2, y, { ...codeStyle, size: code.small ? 6.5 : codeStyle.size });
  y += codeLine;
  for (const line of lines) {
    writeLine(doc, truncateText(line, area.width, m.line), area.x, y, lineStyle);
    y += lineHeight(lineStyle.size);
  }
}

function drawQr(doc: PDFKit.PDFDocument, label: LabelSpec, fit: FittedCode, area: LabelBox, m: Measures): void {
  const quiet = qrQuietInside * fit.module;
  const side = fit.modules.width * fit.module + 2 * quiet;
  const x = area.x + side + Math.max(mm(2), quiet);
  const width = area.x + area.width - x;
  const title = wrapText(label.title, width, m.title, 2);
  const lines = (label.lines ?? []).slice(0, 2);
  // The square with the code under it, and the text beside it, centred as one block in the label.
  const textHeight = title.length * lineHeight(titleStyle.size) + 1.5 + lines.length * lineHeight(lineStyle.size);
  const top = area.y + Math.max(0, (area.height - Math.max(side + lineHeight(codeStyle.size), textHeight + quiet)) / 2);
  drawRects(doc, fit, area.x + quiet, top + quiet, 0);
  const code = codeText(label.code, area.width, m);
  writeLine(doc, code.text, area.x + quiet, top + side, { ...codeStyle, size: code.small ? 6.5 : codeStyle.size });
  let y = top + quiet;
  for (const line of title) {
    writeLine(doc, line, x, y, titleStyle);
    y += lineHeight(titleStyle.size);
  }
  y += 1.5;
  for (const line of lines) {
    writeLine(doc, truncateText(line, width, m.line), x, y, lineStyle);
    y += lineHeight(lineStyle.size);
  }
}

/**
 * A printable sheet (or several) of barcode labels, one label per cell, left to right and top to
 * bottom. The barcodes are vector rectangles, sharp at any printer resolution. The whole sheet is
 * refused, naming every code that cannot be encoded or would be too dense to scan on this label size.
 */
export async function labelsPdf(labels: readonly LabelSpec[], sheet?: Partial<LabelSheet>): Promise<Uint8Array> {
  if (labels.length === 0) throw new AppError('validation', 'There are no labels to print; choose at least one batch or bin.');
  const geometry = sheetGeometry(sheet);
  const fitted = encodeAll(labels, geometry);
  const { doc, finish } = openPdf({ size: geometry.sheet.pageSize, title: `Labels (${labels.length})` });
  const measures: Measures = {
    title: measurer(doc, titleStyle.font, titleStyle.size),
    code: measurer(doc, codeStyle.font, codeStyle.size),
    codeSmall: measurer(doc, codeStyle.font, 6.5),
    line: measurer(doc, lineStyle.font, lineStyle.size),
  };
  let page = 0;
  labels.forEach((label, index) => {
    const box = geometry.box(index);
    if (box.page > page) {
      doc.addPage();
      page = box.page;
    }
    if (geometry.sheet.outlines) doc.rect(box.x, box.y, box.width, box.height).lineWidth(0.3).stroke('#bbbbbb');
    const fit = fitted.get(`${label.symbology}:${label.code}`);
    if (fit === undefined) throw new AppError('internal', `The label for "${label.code}" was not encoded.`);
    const area = inner(box, geometry.padding);
    if (label.symbology === 'code128') drawCode128(doc, label, fit, area, measures);
    else drawQr(doc, label, fit, area, measures);
  });
  return finish();
}
