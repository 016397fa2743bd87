import type { ApiArgs } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import type { PdfFile } from '../../common/stock/stock-results';
import { labelsPdf, type LabelSpec } from '../pdf/labels-pdf';
import { tableReportPdf } from '../pdf/table-report-pdf';
import type { StationSession } from '../stations/station-session';
import { countReport } from './count-approval';
import { listLocationTree } from './locations';
import { resolveBatch, resolveLocation } from './stock-lookups';

const pdfFile = (fileName: string, bytes: Uint8Array): PdfFile => ({ fileName, mimeType: 'application/pdf', content: Buffer.from(bytes).toString('base64') });

const number = (value: number | null): string => (value === null ? '' : value.toLocaleString('en-US', { maximumFractionDigits: 3 }));
const money = (value: number | null): string => (value === null ? '' : value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
const dateTime = (iso: string | null): string => (iso === null ? '' : `${iso.slice(0, 16).replace('T', ' ')} UTC`);
const safeName = (text: string): string => text.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^_+|_+$/g, '').slice(0, 60) || 'count';

/**
 * The reconciliation report of a count as a printable PDF: where and when it was counted, each
 * line with what was expected (the balance as of the count's snapshot), counted, the variance and
 * its value, the explanation, and who approved it.
 */
export async function countReportPdf(session: StationSession, args: ApiArgs<'counts:report-pdf'>): Promise<PdfFile> {
  const report = await countReport(session, { countId: args.countId });
  const { count } = report;
  const bytes = await tableReportPdf({
    title: `Stock count reconciliation: ${count.name}`,
    subtitle: report.locationPath,
    meta: [
      ['Location', report.locationPath],
      ['Counted as of', dateTime(count.snapshotAt)],
      ['Status', count.status],
      ['Started by', count.startedBy ?? ''],
      ['Approved by', count.approvedBy ?? 'not approved'],
      ['Approved at', dateTime(count.approvedAt)],
      ['Printed', dateTime(report.generatedAt)],
    ],
    columns: [
      { header: 'Batch' },
      { header: 'Location' },
      { header: 'Unit' },
      { header: 'Expected', align: 'right' },
      { header: 'Counted', align: 'right' },
      { header: 'Variance', align: 'right' },
      { header: 'Value', align: 'right' },
      { header: 'Explanation', width: 60 },
    ],
    rows: report.lines.map((line) => [
      line.batchCode,
      line.location.code,
      line.unit,
      number(line.expected),
      line.counted === null ? 'not counted' : number(line.counted),
      number(line.variance),
      money(line.value),
      line.explanation ?? (line.status === 'disputed' ? 'disputed: devices counted differently' : ''),
    ]),
    totals: [
      'Total',
      '',
      report.totals.map((total) => total.unit).join(', '),
      '',
      '',
      report.totals.map((total) => `${number(total.variance)} ${total.unit}`).join(', '),
      money(report.totals.reduce<number | null>((sum, total) => (total.value === null ? sum : (sum ?? 0) + total.value), null)),
      '',
    ],
    footer: `Field Station · count ${count.id}`,
  });
  return pdfFile(`count-${safeName(count.name)}.pdf`, bytes);
}

/** Barcode labels for batches and bins (any locations), as a PDF sheet. */
export async function stockLabelsPdf(session: StationSession, args: ApiArgs<'stock:labels-pdf'>): Promise<PdfFile> {
  const replica = session.replica;
  const tenantId = session.identity.tenantId;
  const labels: LabelSpec[] = [];
  for (const ref of args.batches ?? []) {
    const batch = await resolveBatch(replica, tenantId, ref, 'batches');
    const code = batch.barcode ?? batch.code;
    labels.push({ code, title: batch.code, lines: [[batch.kind, batch.germplasm_name].filter(Boolean).join(' · '), `unit: ${batch.unit}`], symbology: args.symbology });
  }
  const tree = args.locations && args.locations.length > 0 ? new Map((await listLocationTree(replica, { includeArchived: true })).map((node) => [node.id, node])) : new Map();
  for (const ref of args.locations ?? []) {
    const location = await resolveLocation(replica, tenantId, ref, 'locations');
    const node = tree.get(location.id);
    labels.push({ code: location.code, title: location.name, lines: [node?.path ?? '', node?.kind ?? ''].filter(Boolean), symbology: args.symbology });
  }
  if (labels.length === 0) throw new AppError('validation', 'Choose at least one batch or location to print a label for.', { field: 'batches' });
  return pdfFile(`labels-${labels.length}.pdf`, await labelsPdf(labels, args.pageSize === undefined ? undefined : { pageSize: args.pageSize }));
}
