import type { EntityName } from '../common/entities';
import type { Change, PulledChange, PullResponse } from '../common/sync-protocol';
import type { TenantTx } from './db/transaction';
import { hiddenChangeSql, hiddenRowsCtes } from './station-scope';

/** The Postgres channel on which every commit that adds changes announces `tenantId:lastSeq`. */
export const changesChannel = 'fieldstation_changes';

export type LogEntry = Pick<Change, 'changeId' | 'entity' | 'operation' | 'rowId' | 'fields' | 'hlc'>;

export interface Author {
  userId: string | null;
  deviceId: string | null;
}

/**
 * Appends applied changes to the tenant's log with the next seqs, and announces them (NOTIFY is
 * delivered at commit). The upsert on tenant_sequences locks the tenant's counter until commit,
 * so seqs become visible in order: a pull can never skip a seq that commits later.
 */
export async function appendToLog(tx: TenantTx, entries: LogEntry[], author: Author): Promise<bigint> {
  const counted = await tx.query<{ last_seq: string }>(
    `INSERT INTO tenant_sequences (tenant_id, last_seq) VALUES ($1, $2)
     ON CONFLICT (tenant_id) DO UPDATE SET last_seq = tenant_sequences.last_seq + excluded.last_seq
     RETURNING last_seq::text`,
    [tx.tenantId, entries.length],
  );
  const last = BigInt(counted[0]?.last_seq ?? '0');
  const first = last - BigInt(entries.length) + 1n;
  const rows = entries.map((entry, i) => ({
    seq: (first + BigInt(i)).toString(),
    change_id: entry.changeId,
    entity: entry.entity,
    operation: entry.operation,
    row_id: entry.rowId,
    fields: entry.fields,
    hlc: entry.hlc,
  }));
  await tx.query(
    `WITH logged AS (
       INSERT INTO changes (tenant_id, seq, change_id, entity, operation, row_id, fields, hlc, user_id, device_id)
       SELECT $1, x.seq, x.change_id, x.entity, x.operation, x.row_id, x.fields, x.hlc, $3, $4
         FROM jsonb_to_recordset($2::jsonb)
           AS x(seq bigint, change_id uuid, entity text, operation text, row_id uuid, fields jsonb, hlc text)
     )
     SELECT pg_notify($5, $6)`,
    [tx.tenantId, JSON.stringify(rows), author.userId, author.deviceId, changesChannel, `${tx.tenantId}:${last}`],
  );
  return last;
}

/** The tenant's last seq ('0' before its first change). */
export async function tenantHead(tx: TenantTx): Promise<bigint> {
  const rows = await tx.query<{ last_seq: string }>('SELECT last_seq::text AS last_seq FROM tenant_sequences WHERE tenant_id = $1', [tx.tenantId]);
  return BigInt(rows[0]?.last_seq ?? '0');
}

/** The change ids among `changeIds` that the tenant's log already holds. */
export async function loggedChangeIds(tx: TenantTx, changeIds: string[]): Promise<Set<string>> {
  if (changeIds.length === 0) return new Set();
  const rows = await tx.query<{ change_id: string }>(
    'SELECT change_id::text FROM changes WHERE tenant_id = $1 AND change_id = ANY($2::uuid[])',
    [tx.tenantId, changeIds],
  );
  return new Set(rows.map((row) => row.change_id));
}

interface ChangeRow {
  seq: string;
  change_id: string;
  entity: EntityName;
  operation: PulledChange['operation'];
  row_id: string;
  fields: Record<string, unknown>;
  hlc: string;
  user_id: string | null;
  device_id: string | null;
  changed_at: Date;
  hidden: boolean;
}

/** For a device enrolled for some stations, how many log entries one pull may look through. */
export const scopedScanFactor = 4;

const pageColumns = 'seq::text, change_id::text, entity, operation, row_id::text, fields, hlc, user_id::text, device_id::text, changed_at';

function toPulledChange(row: ChangeRow): PulledChange {
  return {
    seq: row.seq,
    changeId: row.change_id,
    entity: row.entity,
    operation: row.operation,
    rowId: row.row_id,
    fields: row.fields,
    hlc: row.hlc,
    userId: row.user_id,
    deviceId: row.device_id,
    changedAt: row.changed_at.toISOString(),
  };
}

/**
 * One page of the tenant's log after `after`, in seq order. The tenant filter is explicit, and row-level
 * security would apply it anyway: a cursor is only a number, so any cursor reads only this tenant's rows.
 *
 * With `stationIds` (a device enrolled for some stations) entries about other stations' rows are
 * left out. The page then looks through at most `limit × scopedScanFactor` entries, and its cursor
 * may pass entries it left out, so a device never reads past them again. Seqs become visible in
 * order (see appendToLog), so the last entry looked at is a safe cursor.
 */
export async function readLogPage(tx: TenantTx, after: bigint, limit: number, stationIds: readonly string[] | null = null): Promise<PullResponse> {
  if (stationIds === null) {
    const rows = await tx.query<ChangeRow>(
      `SELECT ${pageColumns}, false AS hidden FROM changes WHERE tenant_id = $1 AND changes.seq > $2 ORDER BY changes.seq LIMIT $3`,
      [tx.tenantId, after.toString(), limit + 1],
    );
    const page = rows.slice(0, limit);
    return { changes: page.map(toPulledChange), cursor: page.at(-1)?.seq ?? after.toString(), hasMore: rows.length > limit };
  }
  const scan = limit * scopedScanFactor;
  const rows = await tx.query<ChangeRow>(
    `WITH ${hiddenRowsCtes({ tenant: '$1', stations: '$4::uuid[]' })},
     window_ AS (SELECT * FROM changes WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3)
     SELECT ${pageColumns.replace(' fields,', " CASE WHEN hidden THEN '{}'::jsonb ELSE fields END AS fields,")}, hidden
       FROM (SELECT c.*, ${hiddenChangeSql('c', '$1')} AS hidden FROM window_ c) scoped ORDER BY scoped.seq`,
    [tx.tenantId, after.toString(), scan, stationIds],
  );
  const changes: PulledChange[] = [];
  let cursor = after.toString();
  for (const row of rows) {
    if (!row.hidden) {
      if (changes.length === limit) return { changes, cursor, hasMore: true };
      changes.push(toPulledChange(row));
    }
    cursor = row.seq;
  }
  return { changes, cursor, hasMore: rows.length === scan };
}
