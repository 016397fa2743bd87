import type { ApiArgs } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { explanationRowId } from '../../common/stock/count-ids';
import { resolveCountLines, supersededByNewEntry } from '../../common/stock/count-lines';
import { formatQuantity } from '../../common/stock/quantity';
import type { CountLineView, CountSummary } from '../../common/stock/stock-results';
import type { Replica } from '../replica/replica';
import type { StationSession } from '../stations/station-session';
import { countById, countSelect, requireOpen, toCountSummary, type CountRow } from './count-rows';
import { countVariances, loadEntries } from './count-variances';
import { subtreeCte } from './locations';
import { checkedQuantity, checkUnit, occurredAt } from './movements';
import { requireRecorder, requireStockManager } from './stock-access';
import { resolveBatch, resolveLocation } from './stock-lookups';

export async function listCounts(session: StationSession, args: ApiArgs<'counts:list'>): Promise<CountSummary[]> {
  const rows = await session.replica.query<CountRow>(
    `${countSelect} WHERE NOT c.deleted ${args.status ? 'AND c.status = $1' : ''} ORDER BY c.snapshot_at DESC, c.id`,
    args.status ? [args.status] : [],
  );
  return rows.map(toCountSummary);
}

/** Starts a count of a location and everything below it; its snapshot time is when the stock is taken to be counted. */
export async function startCount(session: StationSession, args: ApiArgs<'counts:start'>): Promise<CountSummary> {
  await requireRecorder(session);
  const location = await resolveLocation(session.replica, session.identity.tenantId, args.location, 'location', { inUse: true });
  const snapshotAt = occurredAt(args.snapshotAt, 'snapshotAt');
  const id = newId();
  await session.write([
    {
      entity: 'stock_counts',
      operation: 'insert',
      rowId: id,
      fields: {
        location_id: location.id,
        name: args.name ?? `Count of ${location.code}, ${snapshotAt.slice(0, 10)}`,
        snapshot_at: snapshotAt,
        status: 'open',
        started_by: session.identity.userId,
        note: args.note ?? null,
      },
    },
  ]);
  return toCountSummary(await countById(session.replica, id));
}

async function inCountScope(replica: Replica, count: CountRow, locationId: string): Promise<boolean> {
  const rows = await replica.query(`WITH ${subtreeCte('$1')} SELECT 1 FROM subtree WHERE id = $2`, [count.location_id, locationId]);
  return rows.length > 0;
}

/**
 * Records what was counted of a batch at a location (scanned or typed). The entry supersedes the
 * entries for that line this device has seen; an entry made meanwhile on another device and not
 * seen here stays current beside it (see common/stock/count-lines.ts).
 */
export async function recordCountLine(session: StationSession, args: ApiArgs<'counts:record-line'>): Promise<CountLineView> {
  await requireRecorder(session);
  const replica = session.replica;
  const count = await countById(replica, args.countId);
  requireOpen(count);
  const batch = await resolveBatch(replica, session.identity.tenantId, args.batch, 'batch');
  checkUnit(batch, args.unit);
  const location = await resolveLocation(replica, session.identity.tenantId, args.location, 'location');
  if (!(await inCountScope(replica, count, location.id))) {
    throw new AppError(
      'validation',
      `${location.code} is not part of this count (it counts ${count.location_code ?? 'another location'} and what is inside it). Scan a location inside ${count.location_code ?? 'it'}, or start a count there.`,
      { field: 'location' },
    );
  }
  const quantity = checkedQuantity(args.quantity, batch.unit, 'not-negative', 'quantity');
  const seen = resolveCountLines(await loadEntries(replica, count.id, { batchId: batch.id, locationId: location.id }));
  const [line] = seen.values();
  await session.write([
    {
      entity: 'stock_count_lines',
      operation: 'insert',
      rowId: newId(),
      fields: {
        count_id: count.id,
        batch_id: batch.id,
        location_id: location.id,
        quantity: formatQuantity(quantity),
        counted_at: new Date().toISOString(),
        counted_by: session.identity.userId,
        device_id: session.identity.deviceId,
        supersedes_ids: supersededByNewEntry(line),
      },
    },
  ]);
  const written = await countLine(session.replica, count.id, batch.id, location.id);
  if (!written) throw new AppError('internal', 'The count line just written could not be read back.');
  return written;
}

async function countLine(replica: Replica, countId: string, batchId: string, locationId: string): Promise<CountLineView | null> {
  const variances = await countVariances(replica, countId, { batchIds: [batchId] });
  return variances.lines.find((l) => l.batchId === batchId && l.location.id === locationId) ?? null;
}

/** Explains why a line differs (the latest explanation of a line wins; an empty one clears it). */
export async function explainCountLine(session: StationSession, args: ApiArgs<'counts:explain'>): Promise<CountLineView> {
  await requireRecorder(session);
  const replica = session.replica;
  const count = await countById(replica, args.countId);
  if (count.status === 'cancelled') requireOpen(count);
  if (!(await countLine(replica, count.id, args.batchId, args.locationId))) {
    throw new AppError('validation', 'That batch and location are not a line of this count. Choose a line from the count.', { field: 'batchId' });
  }
  const rowId = explanationRowId(count.id, args.batchId, args.locationId);
  const exists = (await replica.query('SELECT 1 FROM stock_count_explanations WHERE id = $1', [rowId])).length > 0;
  const fields = { explanation: args.explanation, explained_by: session.identity.userId };
  await session.write([
    exists
      ? { entity: 'stock_count_explanations', operation: 'update', rowId, fields }
      : { entity: 'stock_count_explanations', operation: 'insert', rowId, fields: { ...fields, count_id: count.id, batch_id: args.batchId, location_id: args.locationId } },
  ]);
  const explained = await countLine(replica, count.id, args.batchId, args.locationId);
  if (!explained) throw new AppError('internal', 'The explained count line could not be read back.');
  return explained;
}

export async function cancelCount(session: StationSession, args: ApiArgs<'counts:cancel'>): Promise<CountSummary> {
  await requireStockManager(session, 'cancel stock counts');
  const count = await countById(session.replica, args.countId);
  requireOpen(count);
  await session.write([{ entity: 'stock_counts', operation: 'update', rowId: count.id, fields: { status: 'cancelled' } }]);
  return toCountSummary(await countById(session.replica, count.id));
}
