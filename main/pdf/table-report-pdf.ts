import { AppError } from '../../common/errors';
import { fonts, measurer, mm, openPdf, pageSizes, writeLine, type FontName } from './pdf-document';
import { columnWidths, naturalWidths } from './table-layout';
import { truncateText, wrapText, type Measure } from './text-layout';

export interface ReportColumn {
  header: string;
  /** Numbers read best right-aligned. */
  align?: 'left' | 'right';
  /** Fixed width in millimetres; omitted, the column is sized from its content. */
  width?: number;
}

export interface TableReport {
  title: string;
  subtitle?: string;
  /** Label and value pairs shown under the title, e.g. ['Approved by', 'A. Manager']. */
  meta: readonly (readonly [string, string])[];
  columns: readonly ReportColumn[];
  rows: readonly (readonly string[])[];
  /** A last, bold row under a rule; cells line up with the columns. */
  totals?: readonly string[];
  /** Printed at the foot of every page, left of "Page n of m". */
  footer?: string;
  /** Chosen from the column count when omitted: more than six columns print landscape. */
  orientation?: 'portrait' | 'landscape';
}

const margin = { x: mm(15), top: mm(14), bottom: mm(18) };
const body = { font: fonts.regular, size: 8.5, color: '#111111' } as const;
const bold = { ...body, font: fonts.bold } as const;
const lineHeight = 10.5;
const pad = { x: 4, y: 3 };
/** A cell shows at most this many lines; a longer text ends with an ellipsis. */
const maxCellLines = 6;
const colors = { header: '#e4e7eb', stripe: '#f3f5f7', rule: '#555555', muted: '#555555' };

interface TextStyle {
  font: FontName;
  size: number;
  color?: string;
}

interface Cell {
  lines: string[];
  align: 'left' | 'right';
}

interface Layout {
  doc: PDFKit.PDFDocument;
  x: number[];
  widths: number[];
  bottom: number;
  measure: Record<FontName, Measure>;
}

function refuse(message: string, details?: Record<string, unknown>): never {
  throw new AppError('validation', message, details);
}

function check(report: TableReport): void {
  if (report.columns.length === 0) refuse('The report has no columns to print.');
  const count = report.columns.length;
  report.rows.forEach((row, index) => {
    if (row.length > count) refuse(`Line ${index + 1} of the report has ${row.length} values but the report has ${count} columns.`, { row: index });
  });
  if (report.totals && report.totals.length > count) refuse(`The totals have ${report.totals.length} values but the report has ${count} columns.`);
  report.columns.forEach((column, index) => {
    if (column.width !== undefined && !(column.width > 0)) refuse(`Column ${index + 1} ("${column.header}") needs a width above 0 mm.`, { column: index });
  });
}

function cells(layout: Layout, values: readonly string[], columns: readonly ReportColumn[], font: FontName, maxLines: number): Cell[] {
  return columns.map((column, i) => ({
    lines: wrapText(values[i] ?? '', (layout.widths[i] ?? 0) - 2 * pad.x, layout.measure[font], maxLines),
    align: column.align ?? 'left',
  }));
}

function rowHeight(row: readonly Cell[]): number {
  return Math.max(1, ...row.map((c) => c.lines.length)) * lineHeight + 2 * pad.y;
}

function drawRow(layout: Layout, row: readonly Cell[], y: number, style: TextStyle, fill?: string): number {
  const height = rowHeight(row);
  const { doc } = layout;
  const left = layout.x[0] ?? 0;
  const width = layout.widths.reduce((a, b) => a + b, 0);
  if (fill) doc.rect(left, y, width, height).fill(fill);
  row.forEach((cell, i) => {
    const x = layout.x[i] ?? 0;
    const w = layout.widths[i] ?? 0;
    cell.lines.forEach((line, n) => {
      const lineX = cell.align === 'right' ? x + w - pad.x - layout.measure[style.font](line) : x + pad.x;
      writeLine(doc, line, lineX, y + pad.y + n * lineHeight + 1, style);
    });
  });
  return y + height;
}

function rule(layout: Layout, y: number, weight: number): void {
  const left = layout.x[0] ?? 0;
  const right = left + layout.widths.reduce((a, b) => a + b, 0);
  layout.doc.moveTo(left, y).lineTo(right, y).lineWidth(weight).stroke(colors.rule);
}

/** Title, subtitle and the label/value pairs; returns where the table starts. */
function drawHeaderBlock(layout: Layout, report: TableReport, width: number, perRow: number): number {
  const { doc, measure } = layout;
  const left = margin.x;
  let y = margin.top;
  const titleMeasure = measurer(doc, fonts.bold, 16);
  for (const line of wrapText(report.title, width, titleMeasure, 2)) {
    writeLine(doc, line, left, y, { font: fonts.bold, size: 16 });
    y += 19;
  }
  if (report.subtitle) {
    for (const line of wrapText(report.subtitle, width, measurer(doc, fonts.regular, 10.5), 2)) {
      writeLine(doc, line, left, y, { font: fonts.regular, size: 10.5, color: colors.muted });
      y += 13;
    }
  }
  y += 8;
  const cellWidth = width / perRow;
  for (let start = 0; start < report.meta.length; start += perRow) {
    let rowBottom = y;
    report.meta.slice(start, start + perRow).forEach(([label, value], i) => {
      const x = left + i * cellWidth;
      writeLine(doc, truncateText(label, cellWidth - 8, measurer(doc, fonts.regular, 7.5)), x, y, { font: fonts.regular, size: 7.5, color: colors.muted });
      let lineY = y + 10;
      for (const line of wrapText(value, cellWidth - 8, measure[fonts.bold], 3)) {
        writeLine(doc, line, x, lineY, { ...bold, size: 9.5 });
        lineY += 11.5;
      }
      rowBottom = Math.max(rowBottom, lineY);
    });
    y = rowBottom + 6;
  }
  return y + 6;
}

function drawRunningHeader(layout: Layout, report: TableReport, width: number): number {
  const title = [report.title, report.subtitle].filter(Boolean).join(' · ');
  writeLine(layout.doc, truncateText(title, width, layout.measure[fonts.bold]), margin.x, margin.top, bold);
  return margin.top + 18;
}

function drawFooters(doc: PDFKit.PDFDocument, report: TableReport, width: number, height: number): void {
  const range = doc.bufferedPageRange();
  const small = { font: fonts.regular, size: 7.5, color: colors.muted } as const;
  const measure = measurer(doc, fonts.regular, 7.5);
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = height - mm(12);
    const pageLabel = `Page ${i - range.start + 1} of ${range.count}`;
    const labelWidth = measure(pageLabel);
    writeLine(doc, pageLabel, margin.x + width - labelWidth, y, small);
    if (report.footer) writeLine(doc, truncateText(report.footer, width - labelWidth - 12, measure), margin.x, y, small);
  }
}

/**
 * A printable A4 report: a header block (title, subtitle, label/value pairs), then a table whose
 * header row repeats on every page, long cell text wrapped (and cut with an ellipsis past six
 * lines), an optional bold totals row, and "Page n of m" with an optional footer on every page.
 */
export async function tableReportPdf(report: TableReport): Promise<Uint8Array> {
  check(report);
  const landscape = (report.orientation ?? (report.columns.length > 6 ? 'landscape' : 'portrait')) === 'landscape';
  const [shortSide, longSide] = pageSizes.A4;
  const [pageWidth, pageHeight] = landscape ? [longSide, shortSide] : [shortSide, longSide];
  const width = pageWidth - 2 * margin.x;
  const { doc, finish } = openPdf({ size: 'A4', landscape, title: report.title, bufferPages: true });
  const measure = {
    [fonts.regular]: measurer(doc, fonts.regular, body.size),
    [fonts.bold]: measurer(doc, fonts.bold, body.size),
    [fonts.italic]: measurer(doc, fonts.italic, body.size),
  };
  const headers = report.columns.map((c) => c.header);
  const { natural, minimum } = naturalWidths(headers, report.rows, report.totals, measure[fonts.regular], measure[fonts.bold]);
  const widths = columnWidths(
    report.columns.map((c, i) => ({ width: c.width, natural: natural[i] ?? 0, minimum: minimum[i] ?? 0 })),
    width,
    pad.x,
  );
  const x = widths.map((_, i) => margin.x + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const layout: Layout = { doc, x, widths, bottom: pageHeight - margin.bottom, measure };
  const headerRow = cells(layout, headers, report.columns, fonts.bold, 3);
  const tableHeader = (y: number): number => {
    const next = drawRow(layout, headerRow, y, bold, colors.header);
    rule(layout, next, 0.6);
    return next;
  };
  const newPage = (): number => {
    doc.addPage();
    return tableHeader(drawRunningHeader(layout, report, width));
  };

  let y = tableHeader(drawHeaderBlock(layout, report, width, landscape ? 4 : 3));
  if (report.rows.length === 0) {
    y = drawRow(layout, [{ lines: ['No lines.'], align: 'left' }], y, { ...body, font: fonts.italic });
  }
  report.rows.forEach((values, index) => {
    const row = cells(layout, values, report.columns, fonts.regular, maxCellLines);
    if (y + rowHeight(row) > layout.bottom) y = newPage();
    y = drawRow(layout, row, y, body, index % 2 === 1 ? colors.stripe : undefined);
  });
  if (report.totals) {
    const row = cells(layout, report.totals, report.columns, fonts.bold, maxCellLines);
    if (y + rowHeight(row) + 2 > layout.bottom) y = newPage();
    rule(layout, y + 0.5, 0.9);
    drawRow(layout, row, y + 1, bold);
  }
  drawFooters(doc, report, width, pageHeight);
  return finish();
}
