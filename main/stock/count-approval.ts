import Papa from 'papaparse';
import type { ApiArgs } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { formatQuantity, toMilli } from '../../common/stock/quantity';
import type { ApproveResult, CountLineView, CsvFile, ReconciliationReport } from '../../common/stock/stock-results';
import type { EntityChange } from '../replica/entity-writes';
import type { StationSession } from '../stations/station-session';
import { countById, toCountSummary } from './count-rows';
import { countVariances } from './count-variances';
import { listLocationTree } from './locations';
import { movementChange } from './movements';
import { requireStockManager } from './stock-access';

function adjustmentReason(countName: string, line: CountLineView): string {
  return line.explanation ? `Count “${countName}”: ${line.explanation}` : `Count “${countName}”`;
}

/**
 * Approves a count: every line's outstanding variance is posted as an adjustment dated at the
 * snapshot and naming the count, and the count is marked approved, all in one transaction. An
 * approved count can be approved again when movements dated before its snapshot arrived later (or
 * it was approved on two devices at once): only the difference is posted, so the balance as of
 * the snapshot ends at what was counted. Disputed lines must be settled first; lines nobody
 * counted are left alone, or taken as counted zero (recorded as such) when asked.
 */
export async function approveCount(session: StationSession, args: ApiArgs<'counts:approve'>): Promise<ApproveResult> {
  await requireStockManager(session, 'approve stock counts');
  const replica = session.replica;
  const count = await countById(replica, args.countId);
  const variances = await countVariances(replica, count.id);
  const blockers = variances.blockers.filter((b) => !(args.uncounted === 'zero' && b.startsWith('Nothing has been counted')));
  if (blockers.length > 0) {
    throw new AppError(variances.disputed > 0 ? 'validation' : 'conflict', blockers.join(' '), { field: 'countId', blockers });
  }
  const snapshotAt = count.snapshot_at.toISOString();
  const changes: EntityChange[] = [];
  for (const line of variances.lines) {
    let outstanding = toMilli(String(line.outstanding));
    if (line.status === 'not-counted') {
      if (args.uncounted !== 'zero' || line.expected === 0) continue;
      changes.push({
        entity: 'stock_count_lines',
        operation: 'insert',
        rowId: newId(),
        fields: {
          count_id: count.id, batch_id: line.batchId, location_id: line.location.id, quantity: '0', counted_at: new Date().toISOString(),
          counted_by: session.identity.userId, device_id: session.identity.deviceId, supersedes_ids: [],
        },
      });
      outstanding = -toMilli(String(line.expected)) - toMilli(String(line.posted));
    }
    if (outstanding === 0) continue;
    changes.push(
      movementChange(session, {
        batchId: line.batchId,
        kind: 'adjust',
        quantity: Math.abs(outstanding),
        from: outstanding < 0 ? line.location.id : null,
        to: outstanding > 0 ? line.location.id : null,
        at: snapshotAt,
        reason: adjustmentReason(count.name, line),
        countId: count.id,
      }),
    );
  }
  const posted = changes.filter((c) => c.entity === 'stock_movements').length;
  changes.push({
    entity: 'stock_counts',
    operation: 'update',
    rowId: count.id,
    fields: { status: 'approved', approved_by: session.identity.userId, approved_at: new Date().toISOString() },
  });
  await session.write(changes);
  return { count: toCountSummary(await countById(replica, count.id)), posted };
}

/** The reconciliation report as data: every line with its variance, value, explanation and who approved. */
export async function countReport(session: StationSession, args: ApiArgs<'counts:report'>): Promise<ReconciliationReport> {
  const variances = await countVariances(session.replica, args.countId);
  const node = (await listLocationTree(session.replica, { includeArchived: true })).find((n) => n.id === variances.count.location.id);
  return { ...variances, locationPath: node?.path ?? variances.count.location.code, generatedAt: new Date().toISOString() };
}

/** The report as CSV, one row per line; the count's own facts repeat on every row so the file stands alone. */
export async function countReportCsv(session: StationSession, args: ApiArgs<'counts:report-csv'>): Promise<CsvFile> {
  const report = await countReport(session, args);
  const c = report.count;
  const csv = Papa.unparse(
    {
      fields: [
        'count', 'counted_location', 'snapshot_at', 'status', 'approved_by', 'approved_at', 'location', 'location_name', 'batch', 'unit',
        'expected', 'counted', 'line_status', 'variance', 'value', 'adjusted', 'outstanding', 'explanation', 'entries',
      ],
      data: report.lines.map((l) => [
        c.name, report.locationPath, c.snapshotAt, c.status, c.approvedBy ?? '', c.approvedAt ?? '', l.location.code, l.location.name, l.batchCode, l.unit,
        l.expected, l.counted ?? '', l.status, l.variance ?? '', l.value ?? '', l.posted, l.outstanding, l.explanation ?? '',
        l.entries.map((e) => `${formatQuantity(toMilli(String(e.quantity)))} by ${e.countedBy ?? 'unknown'}${e.device ? ` on ${e.device}` : ''}${e.current ? '' : ' (replaced)'}`).join('; '),
      ]),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
  const safeName = c.name.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'count';
  return { filename: `reconciliation-${safeName}-${c.snapshotAt.slice(0, 10)}.csv`, csv: `${csv}\r\n` };
}
