import PDFDocument from 'pdfkit';
import type { Measure } from './text-layout';

/** Page sizes in points (1/72 inch), portrait. */
export const pageSizes = {
  A4: [595.28, 841.89],
  Letter: [612, 792],
} as const satisfies Record<string, readonly [number, number]>;

export type PageSize = keyof typeof pageSizes;

/** The PDF standard fonts: every reader has them, so nothing is embedded or fetched. */
export const fonts = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  italic: 'Helvetica-Oblique',
} as const;

export type FontName = (typeof fonts)[keyof typeof fonts];

export function mm(millimetres: number): number {
  return (millimetres * 72) / 25.4;
}

export interface PdfOptions {
  size: PageSize;
  landscape?: boolean;
  title: string;
  /** Keeps every page open until the end, to write "Page n of m". */
  bufferPages?: boolean;
}

export interface OpenPdf {
  doc: PDFKit.PDFDocument;
  /** Ends the document and hands back its bytes. */
  finish(): Promise<Uint8Array>;
}

/**
 * A pdfkit document with no page margins (the builders place everything themselves, so pdfkit
 * never breaks a page on its own), collecting its output as it is written.
 */
export function openPdf(options: PdfOptions): OpenPdf {
  const [width, height] = pageSizes[options.size];
  const doc = new PDFDocument({
    size: options.landscape ? [height, width] : [width, height],
    margin: 0,
    bufferPages: options.bufferPages ?? false,
    info: { Title: options.title, Creator: 'Field Station' },
    pdfVersion: '1.4',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      const bytes = Buffer.concat(chunks);
      resolve(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    });
    doc.on('error', reject);
  });
  return {
    doc,
    finish() {
      doc.end();
      return done;
    },
  };
}

/** A width function for one font and size, with a cache: tables and sheets measure the same words often. */
export function measurer(doc: PDFKit.PDFDocument, font: FontName, size: number): Measure {
  const cache = new Map<string, number>();
  return (text) => {
    let width = cache.get(text);
    if (width === undefined) {
      doc.font(font).fontSize(size);
      width = doc.widthOfString(text);
      if (cache.size > 20_000) cache.clear();
      cache.set(text, width);
    }
    return width;
  };
}

/**
 * Writes one line of text whose top is at `y`, already fitted to its space by the caller. The text
 * must be WinAnsi (see win-ansi.ts); pdfkit is told not to wrap, so it never adds a page.
 */
export function writeLine(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  y: number,
  style: { font: FontName; size: number; color?: string },
): void {
  if (text === '') return;
  doc.font(style.font).fontSize(style.size).fillColor(style.color ?? '#000000');
  doc.text(text, x, y, { lineBreak: false });
}
