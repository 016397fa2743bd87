import Papa from 'papaparse';
import type { ApiArgs } from '../../common/api-contract';
import { rollUp } from '../../common/stock/balances';
import { milliFromDatabase, quantityNumber, valueOf, type Milli } from '../../common/stock/quantity';
import type { CsvFile, OnHand, OnHandRow } from '../../common/stock/stock-results';
import type { BatchKind, StockUnit } from '../../common/vocabulary';
import type { StationSession } from '../stations/station-session';
import { pairBalancesSql } from './balance-queries';
import { listLocationTree, subtreeIds } from './locations';
import { resolveBatch, resolveLocation, toLocationRef } from './stock-lookups';

type OnHandArgs = ApiArgs<'stock:on-hand'>;

/** One on-hand line as the query packs it: [batch id, code, barcode, kind, unit, germplasm, location id, quantity, unit cost]. */
type PackedRow = [string, string, string | null, BatchKind, StockUnit, string | null, string, string, string | null];

/**
 * Stock on hand: every batch at every location in the subtree (the whole organisation by default),
 * now or as of an instant, with each location's roll-up of what it and everything below it hold.
 * By default lines at zero are left out; `nonPositiveOnly` lists only lines at zero or below.
 */
export async function stockOnHand(session: StationSession, args: OnHandArgs): Promise<OnHand> {
  const replica = session.replica;
  const tenantId = session.identity.tenantId;
  const root = args.location ? await resolveLocation(replica, tenantId, args.location, 'location') : null;
  const batch = args.batch ? await resolveBatch(replica, tenantId, args.batch, 'batch') : null;
  const tree = await listLocationTree(replica, { includeArchived: true });
  const locations = new Map(tree.map((node) => [node.id, node]));
  const params: unknown[] = [];
  const { cte, select } = await pairBalancesSql(
    replica,
    { locationIds: root ? subtreeIds(tree, root.id) : null, asOf: args.asOf ?? null, batchIds: batch ? [batch.id] : null },
    params,
  );
  const filters = [args.nonPositiveOnly === true ? 'p.quantity <= 0' : 'p.quantity <> 0'];
  if (args.kind) {
    params.push(args.kind);
    filters.push(`b.kind = $${params.length}`);
  }
  if (args.germplasmId) {
    params.push(args.germplasmId);
    filters.push(`b.germplasm_id = $${params.length}`);
  }
  // One JSON value instead of thousands of rows: PGlite hands rows over one by one, slowly.
  const [packed] = await replica.query<{ rows: string | null }>(
    `${cte} SELECT json_agg(json_build_array(b.id, b.code, b.barcode, b.kind, b.unit, g.name, p.location_id, p.quantity::text, b.unit_cost::text))::text AS rows
       FROM (${select}) p
       JOIN stock_batches b ON b.id = p.batch_id AND NOT b.deleted
       LEFT JOIN germplasm g ON g.id = b.germplasm_id
      WHERE ${filters.join(' AND ')}`,
    params,
  );
  // By batch code, then by where (the tree's order); sorted here, cheaper than in PGlite.
  const order = new Map(tree.map((node, i) => [node.id, i]));
  const lines = (packed?.rows ? (JSON.parse(packed.rows) as PackedRow[]) : []).sort(
    (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : (order.get(a[6]) ?? 0) - (order.get(b[6]) ?? 0)),
  );

  const rows: OnHandRow[] = [];
  const heldByUnit = new Map<StockUnit, Map<string, Milli>>();
  const totals = new Map<StockUnit, { quantity: Milli; value: number | null }>();
  for (const [batchId, code, barcode, kind, unit, germplasmName, locationId, quantityText, unitCost] of lines) {
    const milli = milliFromDatabase(quantityText);
    const location = locations.get(locationId);
    const value = valueOf(milli, unitCost);
    rows.push({
      batchId,
      batchCode: code,
      barcode,
      kind,
      unit,
      germplasmName,
      locationId,
      locationCode: location?.code ?? '?',
      locationName: location?.name ?? 'unknown location',
      quantity: quantityNumber(milli),
      value,
    });
    const held = heldByUnit.get(unit) ?? new Map<string, Milli>();
    held.set(locationId, (held.get(locationId) ?? 0) + milli);
    heldByUnit.set(unit, held);
    const total = totals.get(unit) ?? { quantity: 0, value: null };
    total.quantity += milli;
    if (value !== null) total.value = (total.value ?? 0) + value;
    totals.set(unit, total);
  }

  const parentOf = new Map(tree.map((node) => [node.id, node.parentId]));
  const inScope = root ? new Set(subtreeIds(tree, root.id)) : null;
  const locationTotals: OnHand['locationTotals'] = [];
  for (const [unit, held] of heldByUnit) {
    for (const [locationId, quantity] of rollUp(held, parentOf)) {
      if (inScope === null || inScope.has(locationId)) locationTotals.push({ locationId, unit, quantity: quantityNumber(quantity) });
    }
  }
  return {
    asOf: args.asOf ?? null,
    root: root ? toLocationRef(root) : null,
    rows,
    locationTotals,
    totals: [...totals].map(([unit, t]) => ({ unit, quantity: quantityNumber(t.quantity), value: t.value === null ? null : Math.round(t.value * 10_000) / 10_000 })),
  };
}

/** The same lines as CSV for a spreadsheet (cells starting like a formula are defused). */
export async function stockOnHandCsv(session: StationSession, args: OnHandArgs): Promise<CsvFile> {
  const onHand = await stockOnHand(session, args);
  const paths = new Map((await listLocationTree(session.replica, { includeArchived: true })).map((n) => [n.id, n.path]));
  const csv = Papa.unparse(
    {
      fields: ['batch', 'barcode', 'kind', 'germplasm', 'location', 'location_name', 'location_path', 'quantity', 'unit', 'value'],
      data: onHand.rows.map((r) => [
        r.batchCode, r.barcode ?? '', r.kind, r.germplasmName ?? '', r.locationCode, r.locationName, paths.get(r.locationId) ?? '', r.quantity, r.unit, r.value ?? '',
      ]),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
  const day = (onHand.asOf ?? new Date().toISOString()).slice(0, 10);
  const scope = onHand.root ? `-${onHand.root.code.replace(/[^A-Za-z0-9_-]+/g, '_')}` : '';
  return { filename: `stock-on-hand${scope}-${day}.csv`, csv: `${csv}\r\n` };
}
