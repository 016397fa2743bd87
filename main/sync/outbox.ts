import type { EntityName } from '../../common/entities';
import type { Change, PushResult } from '../../common/sync-protocol';
import type { Replica } from '../replica/replica';

interface OutboxRow {
  change_id: string;
  entity: EntityName;
  operation: Change['operation'];
  row_id: string;
  fields: Record<string, unknown>;
  hlc: string;
  schema_version: number;
}

/** The oldest pending changes, in the order they were made. */
export async function readPending(replica: Replica, limit: number): Promise<Change[]> {
  const rows = await replica.query<OutboxRow>(
    `SELECT change_id, entity, operation, row_id, fields, hlc, schema_version
       FROM sync_outbox WHERE state = 'pending' ORDER BY sync_outbox.seq LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    changeId: r.change_id,
    entity: r.entity,
    operation: r.operation,
    rowId: r.row_id,
    fields: r.fields,
    hlc: r.hlc,
    schemaVersion: r.schema_version,
  }));
}

export interface OutboxCounts {
  pending: number;
  rejected: number;
}

export async function countOutbox(replica: Replica): Promise<OutboxCounts> {
  const rows = await replica.query<{ pending: number; rejected: number }>(
    `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
            count(*) FILTER (WHERE state = 'rejected')::int AS rejected
       FROM sync_outbox`,
  );
  return rows[0] ?? { pending: 0, rejected: 0 };
}

/**
 * Records the server's answers: applied and duplicate changes leave the outbox (the server has
 * them); rejected ones stay, marked with the reason, until the user fixes or discards them.
 */
export async function recordPushResults(replica: Replica, results: PushResult[]): Promise<void> {
  const done = results.filter((r) => r.status !== 'rejected').map((r) => r.changeId);
  const rejected = results.flatMap((r) => (r.status === 'rejected' ? [r] : []));
  await replica.write(['sync_outbox'], async (tx) => {
    if (done.length > 0) await tx.query('DELETE FROM sync_outbox WHERE change_id = ANY($1::uuid[])', [done]);
    if (rejected.length > 0) {
      await tx.query(
        `UPDATE sync_outbox o SET state = 'rejected', rejection = r.rejection
           FROM (SELECT unnest($1::uuid[]) AS change_id, unnest($2::jsonb[]) AS rejection) r
          WHERE o.change_id = r.change_id`,
        [rejected.map((r) => r.changeId), rejected.map((r) => JSON.stringify({ code: r.code, message: r.message }))],
      );
    }
  });
}
