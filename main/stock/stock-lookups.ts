import { AppError } from '../../common/errors';
import { uuidPattern } from '../../common/ids';
import { toMilli, quantityNumber } from '../../common/stock/quantity';
import type { BatchSummary, LocationRef } from '../../common/stock/stock-results';
import type { BatchKind, LocationKind, StockUnit } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';

export interface BatchRow {
  id: string;
  code: string;
  barcode: string | null;
  kind: BatchKind;
  unit: StockUnit;
  germplasm_id: string | null;
  germplasm_name: string | null;
  source: string | null;
  received_on: string | null;
  unit_cost: string | null;
  parent_batch_id: string | null;
  parent_code: string | null;
  total: string;
}

const batchSelect = `SELECT b.id, b.code, b.barcode, b.kind, b.unit, b.germplasm_id, g.name AS germplasm_name, b.source,
       b.received_on::text AS received_on, b.unit_cost::text AS unit_cost, b.parent_batch_id, p.code AS parent_code,
       coalesce((SELECT sum(s.quantity) FROM stock_balances s WHERE s.batch_id = b.id), 0)::text AS total
  FROM stock_batches b
  LEFT JOIN germplasm g ON g.id = b.germplasm_id
  LEFT JOIN stock_batches p ON p.id = b.parent_batch_id`;

export function toBatchSummary(row: BatchRow): BatchSummary {
  return {
    id: row.id,
    code: row.code,
    barcode: row.barcode,
    kind: row.kind,
    unit: row.unit,
    germplasmId: row.germplasm_id,
    germplasmName: row.germplasm_name,
    source: row.source,
    receivedOn: row.received_on,
    unitCost: row.unit_cost === null ? null : Number(row.unit_cost),
    parentBatchId: row.parent_batch_id,
    parentBatchCode: row.parent_code,
    total: quantityNumber(toMilli(row.total)),
  };
}

/** Live batches whose id, code or barcode is `ref` (a code may match a batch and, by accident, another's barcode). */
export async function findBatches(replica: Replica, tenantId: string, ref: string): Promise<BatchRow[]> {
  if (uuidPattern.test(ref)) {
    return replica.query<BatchRow>(`${batchSelect} WHERE b.id = $1 AND NOT b.deleted`, [ref]);
  }
  const exact = await replica.query<BatchRow>(
    `${batchSelect} WHERE b.tenant_id = $1 AND NOT b.deleted AND (b.code = $2 OR b.barcode = $2) ORDER BY b.code = $2 DESC, b.code`,
    [tenantId, ref],
  );
  if (exact.length > 0) return exact;
  // Codes typed by hand: "sl-2026-001" finds SL-2026-001.
  return replica.query<BatchRow>(
    `${batchSelect} WHERE b.tenant_id = $1 AND NOT b.deleted AND (upper(b.code) = upper($2) OR upper(b.barcode) = upper($2)) ORDER BY b.code`,
    [tenantId, ref],
  );
}

export async function batchById(replica: Replica, id: string): Promise<BatchRow | null> {
  return (await replica.query<BatchRow>(`${batchSelect} WHERE b.id = $1`, [id]))[0] ?? null;
}

/** The batch a form or a scan names, or a validation error for `field` that says how to fix it. */
export async function resolveBatch(replica: Replica, tenantId: string, ref: string, field: string): Promise<BatchRow> {
  const [batch] = await findBatches(replica, tenantId, ref);
  if (!batch) {
    throw new AppError(
      'validation',
      `No batch has the code or barcode “${ref.slice(0, 60)}”. Check the label and scan or type it again, or receive it as a new batch.`,
      { field, code: ref, offerCreateBatch: true },
    );
  }
  return batch;
}

export interface LocationRow {
  id: string;
  parent_id: string | null;
  kind: LocationKind;
  code: string;
  name: string;
  archived_at: Date | null;
  deleted: boolean;
}

const locationSelect = 'SELECT id, parent_id, kind, code, name, archived_at, deleted FROM locations';

export function toLocationRef(row: Pick<LocationRow, 'id' | 'code' | 'name'>): LocationRef {
  return { id: row.id, code: row.code, name: row.name };
}

export async function findLocations(replica: Replica, tenantId: string, ref: string): Promise<LocationRow[]> {
  if (uuidPattern.test(ref)) return replica.query<LocationRow>(`${locationSelect} WHERE id = $1 AND NOT deleted`, [ref]);
  const exact = await replica.query<LocationRow>(`${locationSelect} WHERE tenant_id = $1 AND code = $2 AND NOT deleted`, [tenantId, ref]);
  if (exact.length > 0) return exact;
  return replica.query<LocationRow>(`${locationSelect} WHERE tenant_id = $1 AND upper(code) = upper($2) AND NOT deleted ORDER BY code`, [
    tenantId,
    ref,
  ]);
}

export async function locationById(replica: Replica, id: string): Promise<LocationRow | null> {
  return (await replica.query<LocationRow>(`${locationSelect} WHERE id = $1`, [id]))[0] ?? null;
}

/**
 * The location a form or a scan names. `inUse` refuses an archived one (stock cannot go into it);
 * stock may still leave an archived location that a merge left holding some.
 */
export async function resolveLocation(
  replica: Replica,
  tenantId: string,
  ref: string,
  field: string,
  options: { inUse?: boolean } = {},
): Promise<LocationRow> {
  const [location] = await findLocations(replica, tenantId, ref);
  if (!location) {
    throw new AppError(
      'validation',
      `No location has the code “${ref.slice(0, 60)}”. Check the bin's label and scan or type it again, or create the location first.`,
      { field, code: ref },
    );
  }
  if (options.inUse && location.archived_at !== null) {
    throw new AppError(
      'validation',
      `${location.code} (${location.name}) is archived, so stock cannot be put there. Choose a location in use.`,
      { field, code: location.code },
    );
  }
  return location;
}
