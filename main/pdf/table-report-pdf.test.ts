import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../common/errors';
import { pageText, readPdf, type PageText } from './pdf-test-reader';
import { tableReportPdf, type TableReport } from './table-report-pdf';

const columns: TableReport['columns'] = [
  { header: 'Batch' },
  { header: 'Counted', align: 'right' },
  { header: 'Expected', align: 'right' },
  { header: 'Variance', align: 'right' },
  { header: 'Value', align: 'right' },
  { header: 'Explanation' },
  { header: 'Approver' },
];

function reconciliation(lines: number, explanation = (i: number): string => (i % 4 === 0 ? 'Mice in the bin; moved to a sealed tub.' : '')): TableReport {
  return {
    title: 'Count reconciliation',
    subtitle: 'Spring count of Greenhouse 1',
    meta: [
      ['Location', 'GH1 Greenhouse 1'],
      ['Count started', '2026-03-14 09:12'],
      ['Approved by', 'A. Manager'],
      ['Approved at', '2026-03-15 16:40'],
    ],
    columns,
    rows: Array.from({ length: lines }, (_, i) => [`LOT-${String(i + 1).padStart(5, '0')}`, String(100 + (i % 9)), '100', String(i % 9), (i % 9).toFixed(2), explanation(i), 'A. Manager']),
    totals: ['Total', '', '', '36', '36.00', '', ''],
    footer: 'Field Station, printed 2026-03-15',
  };
}

const measureDoc = new PDFDocument({ autoFirstPage: false });
function widthOf(text: string, font = 'Helvetica', size = 8.5): number {
  return measureDoc.font(font).fontSize(size).widthOfString(text);
}

const texts = (page: { texts: PageText[] } | undefined): string[] => page?.texts.map((t) => t.text) ?? [];

describe('tableReportPdf', () => {
  it('prints the title, the meta pairs, the column headers and the lines', async () => {
    const pdf = readPdf(await tableReportPdf(reconciliation(3)));
    expect(pdf.pageCount).toBe(1);
    expect(pdf.info['Title']).toBe('Count reconciliation');
    const all = texts(pdf.pages[0]);
    for (const shown of ['Count reconciliation', 'Spring count of Greenhouse 1', 'Location', 'GH1 Greenhouse 1', 'Approved by', 'A. Manager', 'Approved at', '2026-03-15 16:40']) {
      expect(all).toContain(shown);
    }
    for (const column of columns) expect(all).toContain(column.header);
    expect(all).toEqual(expect.arrayContaining(['LOT-00001', 'LOT-00003', 'Mice in the bin; moved to a sealed tub.', 'Total', '36.00']));
  });

  it('turns A4 landscape for the seven reconciliation columns and stays portrait for four', async () => {
    const wide = readPdf(await tableReportPdf(reconciliation(1))).pages[0];
    expect([wide?.width, wide?.height]).toEqual([841.89, 595.28]);
    const narrow = readPdf(await tableReportPdf({ ...reconciliation(0), columns: columns.slice(0, 4), rows: [['LOT-1', '1', '1', '0']], totals: undefined })).pages[0];
    expect([narrow?.width, narrow?.height]).toEqual([595.28, 841.89]);
  });

  it('spreads 2,000 lines over pages, each starting with the header row, every line once and in order', async () => {
    const pdf = readPdf(await tableReportPdf(reconciliation(2000)));
    expect(pdf.pageCount).toBeGreaterThan(40);
    const seen: string[] = [];
    pdf.pages.forEach((page, index) => {
      const header = page.texts.find((t) => t.text === 'Explanation');
      expect(header, `header row on page ${index + 1}`).toBeDefined();
      const lines = page.texts.filter((t) => t.text.startsWith('LOT-'));
      expect(lines.length).toBeGreaterThan(0);
      expect(Math.min(...lines.map((t) => t.y))).toBeGreaterThan(header?.y ?? Infinity);
      expect(Math.max(...lines.map((t) => t.y))).toBeLessThan(page.height - 40);
      seen.push(...lines.map((t) => t.text));
    });
    expect(seen).toEqual(Array.from({ length: 2000 }, (_, i) => `LOT-${String(i + 1).padStart(5, '0')}`));
  });

  it('numbers every page "Page n of m" and repeats the footer', async () => {
    const pdf = readPdf(await tableReportPdf(reconciliation(120)));
    expect(pdf.pageCount).toBeGreaterThan(2);
    pdf.pages.forEach((page, index) => {
      expect(texts(page)).toContain(`Page ${index + 1} of ${pdf.pageCount}`);
      expect(texts(page)).toContain('Field Station, printed 2026-03-15');
    });
  });

  it('wraps a long explanation inside its column and cuts it after six lines', async () => {
    const long = 'The count found fewer seeds than the ledger because mice got into the bin over the winter. '.repeat(12);
    const page = readPdf(await tableReportPdf(reconciliation(1, () => long))).pages[0];
    const header = page?.texts.find((t) => t.text === 'Explanation');
    const next = page?.texts.find((t) => t.text === 'Approver');
    const lines = page?.texts.filter((t) => t.x === header?.x && t !== header) ?? [];
    expect(lines).toHaveLength(6);
    expect(lines.at(-1)?.text.endsWith('…')).toBe(true);
    for (const line of lines) expect(line.x + widthOf(line.text)).toBeLessThan(next?.x ?? 0);
    expect(lines.map((l) => l.text.replace('…', '')).join(' ')).toBe(long.slice(0, lines.map((l) => l.text.replace('…', '')).join(' ').length));
  });

  it('right-aligns numbers on their column\'s right edge', async () => {
    const page = readPdf(await tableReportPdf(reconciliation(12))).pages[0];
    const counted = page?.texts.filter((t) => /^10[1-8]$/.test(t.text)) ?? [];
    expect(counted.length).toBeGreaterThan(5);
    const rightEdges = counted.map((t) => t.x + widthOf(t.text));
    for (const edge of rightEdges) expect(edge).toBeCloseTo(rightEdges[0] ?? 0, 1);
  });

  it('ends with the totals under the last line', async () => {
    const pdf = readPdf(await tableReportPdf(reconciliation(200)));
    const last = pdf.pages.at(-1);
    const total = last?.texts.find((t) => t.text === 'Total');
    const lastLine = last?.texts.find((t) => t.text === 'LOT-00200');
    expect(total && lastLine && total.y > lastLine.y).toBe(true);
  });

  it('says there are no lines when the table is empty', async () => {
    const page = readPdf(await tableReportPdf({ ...reconciliation(0), totals: undefined })).pages[0];
    expect(texts(page)).toEqual(expect.arrayContaining(['Batch', 'No lines.', 'Page 1 of 1']));
  });

  it('prints names outside the standard fonts\' alphabet as near as it can rather than as broken glyphs', async () => {
    const report = reconciliation(1);
    const page = readPdf(await tableReportPdf({ ...report, meta: [['Approved by', 'Wanjirũ Ngũgĩ']], subtitle: 'Ωμέγα station' })).pages[0];
    expect(pageText(page ?? { width: 0, height: 0, texts: [], rects: [] })).toContain('Wanjiru Ngugi');
    expect(texts(page)).toContain('????? station');
  });

  it('refuses a line with more values than the report has columns, naming the line', async () => {
    const report = reconciliation(3);
    const rows = [...report.rows, ['LOT-9', '1', '1', '0', '0', '', 'A', 'extra']];
    const refusal = tableReportPdf({ ...report, rows });
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toThrow('Line 4 of the report has 8 values but the report has 7 columns.');
  });
});
