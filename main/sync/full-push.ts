import { entities, entityNames, isMutable, type EntityName } from '../../common/entities';
import type { ReplicaTx } from '../replica/replica';

// Columns that are not fields on the wire (plus the ordering helpers added below).
const systemColumns = ['id', 'tenant_id', 'created_at', 'updated_at', 'hlc', 'deleted', 'field_clocks', 'depth', 'ord'];

/** Entities a device pushes, parents before children (references point backwards in this order). */
export function pushOrder(): EntityName[] {
  const pushable = entityNames.filter((name) => entities[name].merge !== 'server');
  const ordered: EntityName[] = [];
  const visit = (name: EntityName, trail: Set<EntityName>): void => {
    if (ordered.includes(name) || trail.has(name)) return;
    trail.add(name);
    for (const field of Object.values(entities[name].fields) as { references?: EntityName }[]) {
      if (field.references && field.references !== name && pushable.includes(field.references)) visit(field.references, trail);
    }
    ordered.push(name);
  };
  for (const name of pushable) visit(name, new Set());
  return ordered;
}

/**
 * Rows of one table in an order where a row's parent (same table) comes first. Deleted rows are
 * included: live rows and facts may still point at them, and the server must end up holding what
 * the station holds (they are queued as inserts, then as deletes).
 */
function orderedRows(name: EntityName): string {
  const table = entities[name].table;
  if (name === 'locations') {
    return `WITH RECURSIVE tree AS (
              SELECT l.*, 0 AS depth FROM locations l WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM locations)
              UNION ALL SELECT c.*, tree.depth + 1 FROM locations c JOIN tree ON c.parent_id = tree.id)
            SELECT tree.*, row_number() OVER (ORDER BY depth, id) AS ord FROM tree`;
  }
  return `SELECT t.*, row_number() OVER (ORDER BY id) AS ord FROM ${table} t`;
}

/**
 * Queues every row this replica holds as an insert, for a station that was used offline before
 * it ever connected: the server receives all of it, parents first, each with one clock value;
 * deleted rows follow as deletes.
 * Pending changes made before are subsumed by the rows' current state and cleared.
 */
export async function queueFullPush(tx: ReplicaTx, hlc: string, schemaVersion: number): Promise<number> {
  await tx.query('DELETE FROM sync_outbox');
  let queued = 0;
  for (const name of pushOrder()) {
    const bytea = Object.entries(entities[name].fields as Record<string, { type: string }>)
      .filter(([, f]) => f.type === 'bytea')
      .map(([column]) => column);
    const wireFields = bytea.reduce(
      // encode() breaks base64 into 76-character lines; the wire format has no line breaks.
      (expression, column) => `${expression} || jsonb_build_object('${column}', replace(encode(r.${column}, 'base64'), chr(10), ''))`,
      // Null columns are left out (an insert leaves them null); nulls inside a jsonb value are data and stay.
      `(SELECT coalesce(jsonb_object_agg(c.key, c.value), '{}'::jsonb)
          FROM jsonb_each(to_jsonb(r) - ARRAY[${[...systemColumns, ...bytea].map((c) => `'${c}'`).join(', ')}]::text[]) c
         WHERE c.value <> 'null'::jsonb)`,
    );
    const result = await tx.query(
      `INSERT INTO sync_outbox (change_id, entity, operation, row_id, fields, hlc, schema_version)
       SELECT gen_random_uuid(), $1::text, 'insert', r.id, ${wireFields}, $2::text, $3::int FROM (${orderedRows(name)}) r ORDER BY r.ord`,
      [name, hlc, schemaVersion],
    );
    queued += result.affectedRows ?? 0;
  }
  for (const name of pushOrder().filter(isMutable)) {
    const result = await tx.query(
      `INSERT INTO sync_outbox (change_id, entity, operation, row_id, fields, hlc, schema_version)
       SELECT gen_random_uuid(), $1::text, 'delete', r.id, '{}'::jsonb, $2::text, $3::int FROM ${entities[name].table} r WHERE r.deleted ORDER BY r.id`,
      [name, hlc, schemaVersion],
    );
    queued += result.affectedRows ?? 0;
  }
  return queued;
}
