import { balanceKey, splitBalanceKey } from '../../common/stock/balances';
import { lineVariance, resolveCountLines, type CountEntry } from '../../common/stock/count-lines';
import { milliFromDatabase, quantityNumber, toMilli, type Milli } from '../../common/stock/quantity';
import type { CountLineView, CountVariances } from '../../common/stock/stock-results';
import type { StockUnit } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';
import { pairBalances } from './balance-queries';
import { countById, toCountSummary } from './count-rows';
import { listLocationTree, subtreeIds } from './locations';

/** A count entry with the names to show beside it. */
export interface EntryWithNames extends CountEntry {
  countedByName: string | null;
  deviceName: string | null;
}

/** [id, batch, location, quantity, counted at (ms), counted by, device, supersedes] as the query packs them. */
type PackedEntry = [string, string, string, string, number, string | null, string | null, string[] | null];

/** A count's entries (one line's, or some batches'), packed as one JSON value: PGlite hands rows over slowly. */
export async function loadEntries(
  replica: Replica,
  countId: string,
  filter: { batchId?: string; locationId?: string; batchIds?: readonly string[] } = {},
): Promise<EntryWithNames[]> {
  const params: unknown[] = [countId];
  const where = ['l.count_id = $1'];
  if (filter.batchId) where.push(`l.batch_id = $${params.push(filter.batchId)}`);
  if (filter.locationId) where.push(`l.location_id = $${params.push(filter.locationId)}`);
  if (filter.batchIds) where.push(`l.batch_id = ANY ($${params.push(filter.batchIds)}::uuid[])`);
  const [packed] = await replica.query<{ entries: string | null }>(
    `SELECT json_agg(json_build_array(l.id, l.batch_id, l.location_id, l.quantity::text,
                     (extract(epoch FROM l.counted_at) * 1000)::float8, u.name, d.name, l.supersedes_ids))::text AS entries
       FROM stock_count_lines l LEFT JOIN users u ON u.id = l.counted_by LEFT JOIN devices d ON d.id = l.device_id
      WHERE ${where.join(' AND ')}`,
    params,
  );
  const entries = packed?.entries ? (JSON.parse(packed.entries) as PackedEntry[]) : [];
  return entries.map(([id, batchId, locationId, quantity, countedAt, countedByName, deviceName, supersedesIds]) => ({
    id,
    batchId,
    locationId,
    quantity: toMilli(quantity),
    countedAt,
    countedBy: null,
    deviceId: null,
    supersedesIds: supersedesIds ?? [],
    countedByName,
    deviceName,
  }));
}

interface BatchInfo {
  id: string;
  code: string;
  unit: StockUnit;
  unit_cost: string | null;
}

/**
 * Every line of a count with its variance: counted minus the balance as of the count's snapshot
 * (leaving out the count's own adjustments), the value of the variance at the batch's unit cost,
 * the explanation, the adjustments already posted and what approving would still post. Lines are
 * what was counted plus what the balances say should be there; a line nobody counted is listed as
 * not counted. `batchIds` limits the work to some batches (one line after a scan).
 */
export async function countVariances(replica: Replica, countId: string, options: { batchIds?: readonly string[] } = {}): Promise<CountVariances> {
  const count = await countById(replica, countId);
  const batchIds = options.batchIds ?? null;
  const entries = await loadEntries(replica, countId, batchIds ? { batchIds } : {});
  const resolved = resolveCountLines(entries);
  const treeNodes = await listLocationTree(replica, { includeArchived: true });
  const expected = new Map<string, Milli>();
  for (const pair of await pairBalances(replica, {
    locationIds: subtreeIds(treeNodes, count.location_id),
    asOf: count.snapshot_at.toISOString(),
    excludeCountId: countId,
    batchIds,
  })) {
    const quantity = milliFromDatabase(pair.quantity);
    if (quantity !== 0) expected.set(balanceKey(pair.batch_id, pair.location_id), quantity);
  }
  const posted = new Map<string, Milli>();
  for (const row of await replica.query<{ batch_id: string; location_id: string; quantity: string }>(
    `SELECT batch_id, coalesce(to_location_id, from_location_id) AS location_id,
            sum(CASE WHEN to_location_id IS NOT NULL THEN quantity ELSE -quantity END)::text AS quantity
       FROM stock_movements WHERE count_id = $1 ${batchIds ? 'AND batch_id = ANY ($2::uuid[])' : ''}
      GROUP BY 1, 2`,
    batchIds ? [countId, batchIds] : [countId],
  )) {
    posted.set(balanceKey(row.batch_id, row.location_id), toMilli(row.quantity));
  }
  const explanations = new Map<string, string>();
  for (const row of await replica.query<{ batch_id: string; location_id: string; explanation: string }>(
    `SELECT batch_id, location_id, explanation FROM stock_count_explanations
      WHERE count_id = $1 AND NOT deleted AND explanation <> '' ${batchIds ? 'AND batch_id = ANY ($2::uuid[])' : ''}`,
    batchIds ? [countId, batchIds] : [countId],
  )) {
    explanations.set(balanceKey(row.batch_id, row.location_id), row.explanation);
  }

  const keys = new Set([...resolved.keys(), ...expected.keys(), ...posted.keys()]);
  const lineBatchIds = [...new Set([...keys].map((key) => splitBalanceKey(key).batchId))];
  const [packedBatches] = await replica.query<{ batches: string | null }>(
    `SELECT json_agg(json_build_array(id, code, unit, unit_cost::text))::text AS batches FROM stock_batches WHERE id = ANY ($1::uuid[])`,
    [lineBatchIds],
  );
  const batches = new Map(
    (packedBatches?.batches ? (JSON.parse(packedBatches.batches) as [string, string, StockUnit, string | null][]) : []).map(
      ([id, code, unit, unitCost]): [string, BatchInfo] => [id, { id, code, unit, unit_cost: unitCost }],
    ),
  );
  const tree = new Map(treeNodes.map((n) => [n.id, n]));
  const order = new Map(treeNodes.map((n, i) => [n.id, i]));
  const entryNames = new Map(entries.map((e) => [e.id, e]));

  const lines: (CountLineView & { order: number })[] = [];
  for (const key of keys) {
    const { batchId, locationId } = splitBalanceKey(key);
    const batch = batches.get(batchId);
    const node = tree.get(locationId);
    const line = resolved.get(key);
    const counted = line?.counted ?? null;
    const figures = lineVariance({ expected: expected.get(key) ?? 0, counted, posted: posted.get(key) ?? 0, unitCost: batch?.unit_cost ?? null });
    const current = new Set(line?.current.map((e) => e.id));
    lines.push({
      batchId,
      batchCode: batch?.code ?? '?',
      unit: batch?.unit ?? 'seeds',
      location: { id: locationId, code: node?.code ?? '?', name: node?.name ?? 'unknown location' },
      order: order.get(locationId) ?? -1,
      expected: quantityNumber(expected.get(key) ?? 0),
      counted: counted === null ? null : quantityNumber(counted),
      status: line === undefined ? 'not-counted' : line.disputed ? 'disputed' : 'counted',
      variance: figures.variance === null ? null : quantityNumber(figures.variance),
      value: figures.value,
      posted: quantityNumber(posted.get(key) ?? 0),
      outstanding: quantityNumber(figures.outstanding),
      explanation: explanations.get(key) ?? null,
      entries: (line?.history ?? []).map((e) => ({
        id: e.id,
        quantity: quantityNumber(e.quantity),
        countedAt: new Date(e.countedAt).toISOString(),
        countedBy: entryNames.get(e.id)?.countedByName ?? null,
        device: entryNames.get(e.id)?.deviceName ?? null,
        current: current.has(e.id),
      })),
    });
  }
  // In the tree's order (depth first, codes in natural order), then by batch code.
  lines.sort((a, b) => a.order - b.order || (a.batchCode < b.batchCode ? -1 : a.batchCode > b.batchCode ? 1 : 0));

  const totals = new Map<StockUnit, { variance: Milli; value: number | null }>();
  for (const line of lines) {
    if (line.variance === null) continue;
    const total = totals.get(line.unit) ?? { variance: 0, value: null };
    total.variance += toMilli(String(line.variance));
    if (line.value !== null) total.value = (total.value ?? 0) + line.value;
    totals.set(line.unit, total);
  }
  const disputed = lines.filter((l) => l.status === 'disputed').length;
  const uncounted = lines.filter((l) => l.status === 'not-counted').length;
  const outstanding = lines.filter((l) => l.outstanding !== 0).length;
  const summary = toCountSummary(count);
  return {
    count: summary,
    lines: lines.map(({ order: _order, ...line }) => line),
    totals: [...totals].map(([unit, t]) => ({ unit, variance: quantityNumber(t.variance), value: t.value === null ? null : Math.round(t.value * 10_000) / 10_000 })),
    disputed,
    uncounted,
    outstanding,
    blockers: approvalBlockers(summary.status, lines, disputed, outstanding),
  };
}

function approvalBlockers(status: string, lines: CountLineView[], disputed: number, outstanding: number): string[] {
  const blockers: string[] = [];
  if (status === 'cancelled') blockers.push('This count was cancelled.');
  if (status === 'approved' && outstanding === 0) blockers.push('This count is approved and every adjustment is posted.');
  if (disputed > 0) {
    const listed = lines
      .filter((l) => l.status === 'disputed')
      .slice(0, 5)
      .map((l) => `${l.batchCode} in ${l.location.code}`)
      .join(', ');
    blockers.push(
      `${disputed} line${disputed === 1 ? ' was' : 's were'} counted differently on two devices (${listed}${disputed > 5 ? ', …' : ''}). Count ${disputed === 1 ? 'it' : 'them'} again and enter the agreed quantity.`,
    );
  }
  if (!lines.some((l) => l.status !== 'not-counted')) blockers.push('Nothing has been counted yet.');
  return blockers;
}

