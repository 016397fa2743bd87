import { AppError } from '../../common/errors';
import type { CountSummary } from '../../common/stock/stock-results';
import type { CountStatus } from '../../common/vocabulary';
import type { Replica } from '../replica/replica';

export interface CountRow {
  id: string;
  name: string;
  location_id: string;
  location_code: string | null;
  location_name: string | null;
  snapshot_at: Date;
  status: CountStatus;
  started_by: string | null;
  approved_by: string | null;
  approved_at: Date | null;
  note: string | null;
}

export const countSelect = `SELECT c.id, c.name, c.location_id, l.code AS location_code, l.name AS location_name, c.snapshot_at, c.status,
       su.name AS started_by, au.name AS approved_by, c.approved_at, c.note
  FROM stock_counts c
  LEFT JOIN locations l ON l.id = c.location_id
  LEFT JOIN users su ON su.id = c.started_by
  LEFT JOIN users au ON au.id = c.approved_by`;

export function toCountSummary(row: CountRow): CountSummary {
  return {
    id: row.id,
    name: row.name,
    location: { id: row.location_id, code: row.location_code ?? '?', name: row.location_name ?? 'unknown location' },
    snapshotAt: row.snapshot_at.toISOString(),
    status: row.status,
    startedBy: row.started_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at?.toISOString() ?? null,
    note: row.note,
  };
}

export async function countById(replica: Replica, countId: string): Promise<CountRow> {
  const [row] = await replica.query<CountRow>(`${countSelect} WHERE c.id = $1 AND NOT c.deleted`, [countId]);
  if (!row) throw new AppError('not-found', 'That count is not in this station any more. Go back to the list of counts.', { field: 'countId' });
  return row;
}

/** An open count, or a refusal that says what to do instead. */
export function requireOpen(count: CountRow): void {
  if (count.status === 'approved') {
    throw new AppError('conflict', `“${count.name}” was approved${count.approved_at ? ` on ${count.approved_at.toISOString().slice(0, 10)}` : ''}. Start a new count to record more.`, {
      field: 'countId',
    });
  }
  if (count.status === 'cancelled') {
    throw new AppError('conflict', `“${count.name}” was cancelled. Start a new count to record more.`, { field: 'countId' });
  }
}
