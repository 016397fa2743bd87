import { quantityNumber, toMilli } from '../../common/stock/quantity';
import type { LedgerEntry } from '../../common/stock/stock-results';
import type { MovementKind } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';

interface MovementRow {
  id: string;
  batch_id: string;
  kind: MovementKind;
  quantity: string;
  from_id: string | null;
  from_code: string | null;
  from_name: string | null;
  to_id: string | null;
  to_code: string | null;
  to_name: string | null;
  occurred_at: Date;
  created_at: Date;
  recorded_by: string | null;
  device: string | null;
  reason: string | null;
  study_id: string | null;
  study_name: string | null;
  count_id: string | null;
}

const movementSelect = `SELECT m.id, m.batch_id, m.kind, m.quantity::text AS quantity,
       m.from_location_id AS from_id, fl.code AS from_code, fl.name AS from_name,
       m.to_location_id AS to_id, tl.code AS to_code, tl.name AS to_name,
       m.occurred_at, m.created_at, u.name AS recorded_by, d.name AS device, m.reason,
       m.study_id, st.name AS study_name, m.count_id
  FROM stock_movements m
  LEFT JOIN locations fl ON fl.id = m.from_location_id
  LEFT JOIN locations tl ON tl.id = m.to_location_id
  LEFT JOIN users u ON u.id = m.recorded_by
  LEFT JOIN devices d ON d.id = m.device_id
  LEFT JOIN studies st ON st.id = m.study_id`;

/** What a movement did to its batch's total: + for a receive, 0 for a transfer, − for a sow. */
export function totalChange(quantity: number, fromId: string | null, toId: string | null): number {
  return (toId !== null ? quantity : 0) - (fromId !== null ? quantity : 0);
}

async function syncStates(replica: Replica, ids: string[]): Promise<Map<string, 'pending' | 'rejected'>> {
  if (ids.length === 0) return new Map();
  const rows = await replica.query<{ row_id: string; state: 'pending' | 'rejected' }>(
    `SELECT row_id, state FROM sync_outbox WHERE entity = 'stock_movements' AND row_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.row_id, r.state]));
}

function toEntry(row: MovementRow, states: ReadonlyMap<string, 'pending' | 'rejected'>): LedgerEntry {
  const quantity = quantityNumber(toMilli(row.quantity));
  return {
    id: row.id,
    batchId: row.batch_id,
    kind: row.kind,
    quantity,
    change: totalChange(quantity, row.from_id, row.to_id),
    from: row.from_id === null ? null : { id: row.from_id, code: row.from_code ?? '?', name: row.from_name ?? 'unknown location' },
    to: row.to_id === null ? null : { id: row.to_id, code: row.to_code ?? '?', name: row.to_name ?? 'unknown location' },
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.created_at.toISOString(),
    recordedBy: row.recorded_by,
    device: row.device,
    reason: row.reason,
    study: row.study_id === null ? null : { id: row.study_id, name: row.study_name ?? 'unknown study' },
    countId: row.count_id,
    sync: states.get(row.id) ?? 'synced',
  };
}

async function entries(replica: Replica, where: string, params: unknown[]): Promise<LedgerEntry[]> {
  const rows = await replica.query<MovementRow>(`${movementSelect} WHERE ${where} ORDER BY m.occurred_at, m.id`, params);
  const states = await syncStates(replica, rows.map((r) => r.id));
  return rows.map((row) => toEntry(row, states));
}

/** A batch's movements, oldest first. */
export function batchLedger(replica: Replica, batchId: string): Promise<LedgerEntry[]> {
  return entries(replica, 'm.batch_id = $1', [batchId]);
}

export function movementsById(replica: Replica, ids: readonly string[]): Promise<LedgerEntry[]> {
  return ids.length === 0 ? Promise.resolve([]) : entries(replica, 'm.id = ANY($1::uuid[])', [ids]);
}
