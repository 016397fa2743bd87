import { entities, isMutable, type EntityName } from '../../common/entities';
import { mergeStoredNote } from '../../common/notes/note-document';
import { AppError } from '../../common/errors';
import { snapshotColumns } from '../../common/snapshot-protocol';
import type { ReplicaTx } from '../replica/replica';
import type { SnapshotChunk } from './snapshot-client';

/**
 * Loads one snapshot chunk into the replica, inside the caller's transaction.
 *
 * A chunk covers the ids (after, lastId] of one table. When the replica holds no row in that range
 * (a fresh replica: the usual case) the binary stream goes straight into the table with COPY.
 * Otherwise (rows made here, or this replica's own rows pushed before) it goes through a staging
 * table and merges with the same rules as pulled changes: mutable rows field by field by clock,
 * facts only when missing, server-managed rows as the server has them.
 */
export async function loadSnapshotChunk(tx: ReplicaTx, chunk: SnapshotChunk): Promise<'copied' | 'merged' | 'empty'> {
  if (chunk.rows === 0 || chunk.lastId === null) return 'empty';
  const table = entities[chunk.entity].table;
  const columns = checkedColumns(chunk.entity, chunk.columns);
  // Every row of the chunk belongs to this replica's tenant (the server reads by the device's
  // token under row-level security), so the per-row tenant foreign-key check is skipped here:
  // it would cost a quarter of the load.
  await tx.query('SET LOCAL session_replication_role = replica');
  const overlap = await tx.query(
    `SELECT 1 FROM ${table} WHERE ${chunk.after === null ? '' : 'id > $2::uuid AND '}id <= $1::uuid LIMIT 1`,
    chunk.after === null ? [chunk.lastId] : [chunk.lastId, chunk.after],
  );
  const blob = new Blob([chunk.data]);
  const list = columns.join(', ');
  if (overlap.rows.length === 0) {
    await tx.query(`COPY ${table} (${list}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob });
    return 'copied';
  }
  await tx.query(`CREATE TEMP TABLE snapshot_rows (LIKE ${table} INCLUDING DEFAULTS) ON COMMIT DROP`);
  await tx.query(`COPY snapshot_rows (${list}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob });
  // Notes the replica already holds merge as documents (their ydoc is not won by clock).
  const notes =
    chunk.entity === 'notes'
      ? (await tx.query<{ id: string; local: Uint8Array; incoming: Uint8Array }>(`SELECT s.id, t.ydoc AS local, s.ydoc AS incoming FROM snapshot_rows s JOIN notes t ON t.id = s.id`)).rows
      : [];
  await tx.query(`INSERT INTO ${table} AS t (${list}) SELECT ${list} FROM snapshot_rows ON CONFLICT (id) ${mergeAction(chunk.entity, columns)}`);
  for (const note of notes) {
    const merged = mergeStoredNote(note.local, note.incoming);
    if (merged !== null) await tx.query('UPDATE notes SET ydoc = $2 WHERE id = $1', [note.id, merged]);
  }
  await tx.query('DROP TABLE snapshot_rows');
  return 'merged';
}

/** The server's column list, if this app knows every column (a newer server may add some). */
function checkedColumns(entity: EntityName, received: string[]): string[] {
  const known = new Set(snapshotColumns(entity).map((column) => column.name));
  const unknown = received.filter((name) => !known.has(name));
  const required = ['id', 'hlc', ...(entity === 'tenants' ? [] : ['tenant_id']), ...(isMutable(entity) ? ['deleted', 'field_clocks'] : [])];
  const missing = required.filter((name) => !received.includes(name));
  if (unknown.length > 0 || missing.length > 0 || new Set(received).size !== received.length) {
    throw new AppError(
      'internal',
      `The sync server sends ${entity} with columns this version of Field Station does not know (${[...unknown, ...missing].join(', ')}). Update Field Station, then sync again.`,
    );
  }
  return received;
}

/** Whether the incoming row's clock for a field (an SQL text expression) beats the replica's. */
const newerAt = (key: string): string =>
  `coalesce(t.field_clocks->>${key}, '') COLLATE "C" < coalesce(excluded.field_clocks->>${key}, '') COLLATE "C"`;
const newer = (name: string): string => newerAt(`'${name}'`);

/** What happens to a row the replica already has: the same rules as for pulled changes. */
function mergeAction(entity: EntityName, columns: string[]): string {
  const merge = entities[entity].merge;
  if (merge === 'append') return 'DO NOTHING';
  const values = columns.filter((name) => !['id', 'tenant_id', 'hlc', 'field_clocks'].includes(name));
  if (merge === 'server') return `DO UPDATE SET ${[...values, 'hlc'].map((name) => `${name} = excluded.${name}`).join(', ')}`;
  const sets = [
    ...values.map((name) => `${name} = CASE WHEN ${newer(name)} THEN excluded.${name} ELSE t.${name} END`),
    `field_clocks = (SELECT coalesce(jsonb_object_agg(k, CASE WHEN ${newerAt('k')} THEN excluded.field_clocks->k ELSE t.field_clocks->k END), '{}'::jsonb)
       FROM (SELECT jsonb_object_keys(t.field_clocks) UNION SELECT jsonb_object_keys(excluded.field_clocks)) AS keys(k))`,
    `hlc = greatest(t.hlc COLLATE "C", excluded.hlc COLLATE "C")`,
    'updated_at = now()',
  ];
  return `DO UPDATE SET ${sets.join(', ')}`;
}
