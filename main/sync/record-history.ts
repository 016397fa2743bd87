import type { HistoryEntry } from '../../common/api-contract';
import type { EntityName } from '../../common/entities';
import type { Replica } from '../replica/replica';

/**
 * A record's history, oldest first: every change this replica has seen (made here or pulled from
 * the server), who made it, on which device, when, and whether it still waits to be sent.
 */
export async function recordHistory(replica: Replica, entity: EntityName, rowId: string): Promise<HistoryEntry[]> {
  const rows = await replica.query<{
    operation: HistoryEntry['operation'];
    fields: Record<string, unknown>;
    changed_at: Date;
    user_name: string | null;
    device_name: string | null;
    source: HistoryEntry['source'];
    pending: boolean;
  }>(
    `SELECT h.operation, h.fields, h.changed_at, u.name AS user_name, d.name AS device_name, h.source,
            EXISTS (SELECT 1 FROM sync_outbox o WHERE o.row_id = h.row_id AND o.hlc = h.hlc) AS pending
       FROM change_history h
       LEFT JOIN users u ON u.id = h.user_id
       LEFT JOIN devices d ON d.id = h.device_id
      WHERE h.entity = $1 AND h.row_id = $2
      ORDER BY h.hlc COLLATE "C"`,
    [entity, rowId],
  );
  return rows.map((r) => ({
    operation: r.operation,
    fields: r.fields,
    changedAt: r.changed_at.toISOString(),
    userName: r.user_name,
    deviceName: r.device_name,
    source: r.source,
    pending: r.pending,
  }));
}
