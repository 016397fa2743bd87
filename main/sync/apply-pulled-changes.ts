import { entities, isMutable, type FieldDefinition } from '../../common/entities';
import { decodeClock, receive, type ClockState } from '../../common/hybrid-clock';
import { documentFields } from '../../common/notes/document-fields';
import { mergeStoredNote } from '../../common/notes/note-document';
import type { PulledChange, ServerRow } from '../../common/sync-protocol';
import { castFor, encodeParam } from '../replica/field-params';
import type { ReplicaTx } from '../replica/replica';

/** Only fields the entity declares are applied; anything else from the wire is ignored. */
function knownFields(change: PulledChange): [string, FieldDefinition, unknown][] {
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  return Object.entries(change.fields).flatMap(([name, value]) => {
    const field = definition[name];
    return field ? [[name, field, value] as [string, FieldDefinition, unknown]] : [];
  });
}

/**
 * The pulled change's documents (notes' ydoc) merged into the row's: field → the bytes the row
 * takes whatever the clocks say (a Yjs merge keeps the device's own pending edits and everyone
 * else's). A field is left out, to merge by clock as before, only when neither side decodes
 * (bytes written by an old version of the app).
 */
async function mergedDocuments(tx: ReplicaTx, tenantId: string, change: PulledChange): Promise<Map<string, Uint8Array>> {
  const names = documentFields(change.entity).filter((name) => typeof change.fields[name] === 'string');
  const merged = new Map<string, Uint8Array>();
  if (names.length === 0) return merged;
  const { rows } = await tx.query<Record<string, unknown>>(
    `SELECT ${names.join(', ')} FROM ${entities[change.entity].table} WHERE id = $1 AND tenant_id = $2`,
    [change.rowId, tenantId],
  );
  const row = rows[0];
  for (const name of names) {
    const stored = row?.[name];
    const result = mergeStoredNote(stored instanceof Uint8Array ? stored : null, Buffer.from(String(change.fields[name]), 'base64'));
    if (result) merged.set(name, result);
  }
  return merged;
}

/**
 * Applies one change from the server. Facts are inserted once. Mutable rows merge per field:
 * a field takes the change's value only when the change's clock is newer than the field's, so
 * the device's own pending edits (newer clocks) stay on top until the server has them, and
 * applying the same change twice, or changes in any order, ends in the same row. Documents of
 * crdt rows merge instead (mergedDocuments); their clock is the latest that contributed.
 */
export async function applyPulledChange(tx: ReplicaTx, tenantId: string, change: PulledChange): Promise<void> {
  const definition = entities[change.entity];
  const table = definition.table;
  const fields = knownFields(change);
  if (definition.merge === 'server' || !isMutable(change.entity)) {
    const system: [string, string, unknown][] = [
      ['id', '', change.rowId],
      ...(change.entity === 'tenants' ? [] : [['tenant_id', '', tenantId] as [string, string, unknown]]),
      ['hlc', '', change.hlc],
    ];
    const columns = [...system, ...fields.map(([n, f, v]): [string, string, unknown] => [n, castFor(f), encodeParam(f, v)])];
    const onConflict =
      definition.merge === 'server' && fields.length > 0
        ? `DO UPDATE SET ${fields.map(([n]) => `${n} = excluded.${n}`).join(', ')}, hlc = excluded.hlc`
        : 'DO NOTHING';
    await tx.query(
      `INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')})
       VALUES (${columns.map(([, cast], i) => `$${i + 1}${cast}`).join(', ')}) ON CONFLICT (id) ${onConflict}`,
      columns.map(([, , v]) => v),
    );
    return;
  }

  const deleting = change.operation === 'delete';
  const clocked = [...fields.map(([n]) => n), ...(deleting ? ['deleted'] : [])];
  const documents = await mergedDocuments(tx, tenantId, change);
  const params: unknown[] = [
    change.rowId,
    tenantId,
    change.hlc,
    clocked,
    deleting,
    ...fields.map(([name, f, v]) => documents.get(name) ?? encodeParam(f, v)),
  ];
  const valueOf = fields.map(([name, f], i) => [name, `$${i + 6}${castFor(f)}`] as const);
  const newer = (name: string): string => `coalesce(${table}.field_clocks->>'${name}', '') COLLATE "C" < $3`;
  const sets = [
    ...valueOf.map(([n, value]) => (documents.has(n) ? `${n} = ${value}` : `${n} = CASE WHEN ${newer(n)} THEN ${value} ELSE ${table}.${n} END`)),
    `deleted = CASE WHEN $5 AND ${newer('deleted')} THEN true ELSE ${table}.deleted END`,
    `field_clocks = ${table}.field_clocks || coalesce((SELECT jsonb_object_agg(k, $3::text) FROM unnest($4::text[]) AS k
       WHERE coalesce(${table}.field_clocks->>k, '') COLLATE "C" < $3), '{}'::jsonb)`,
    `hlc = greatest(${table}.hlc COLLATE "C", $3)`,
    'updated_at = now()',
  ].join(', ');
  await tx.query(
    `INSERT INTO change_history (entity, row_id, operation, fields, hlc, user_id, device_id, changed_at, source)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, 'server') ON CONFLICT (entity, row_id, hlc) DO NOTHING`,
    [change.entity, change.rowId, change.operation, JSON.stringify(change.fields), change.hlc, change.userId, change.deviceId, change.changedAt],
  );
  if (change.operation === 'insert') {
    await tx.query(
      `INSERT INTO ${table} AS ${table} (id, tenant_id, hlc, deleted, field_clocks${valueOf.map(([n]) => `, ${n}`).join('')})
       VALUES ($1, $2, $3, $5, coalesce((SELECT jsonb_object_agg(k, $3::text) FROM unnest($4::text[]) AS k), '{}'::jsonb)${valueOf
         .map(([, value]) => `, ${value}`)
         .join('')})
       ON CONFLICT (id) DO UPDATE SET ${sets}`,
      params,
    );
    return;
  }
  // An update or delete of a row this device does not hold (not replicated here) changes nothing.
  await tx.query(`UPDATE ${table} AS ${table} SET ${sets} WHERE id = $1 AND tenant_id = $2`, params);
}

/** The device's clock after seeing a server change: never behind anything it has seen. */
export function clockAfter(clock: ClockState, change: PulledChange, nowMs: number): ClockState {
  try {
    return receive(clock, decodeClock(change.hlc), nowMs);
  } catch {
    return clock;
  }
}

/**
 * Puts a mutable row back exactly as the server has it (values, clocks, tombstone): used when the
 * user discards a local edit the server refused.
 */
export async function restoreServerRow(tx: ReplicaTx, tenantId: string, row: ServerRow): Promise<void> {
  const definition: Record<string, FieldDefinition> = entities[row.entity].fields;
  const fields = Object.entries(row.fields).flatMap(([name, value]) => {
    const field = definition[name];
    return field ? [[name, field, value] as const] : [];
  });
  await tx.query(
    `UPDATE ${entities[row.entity].table} SET ${fields.map(([name, field], i) => `${name} = $${i + 6}${castFor(field)}`).join(', ')}${fields.length > 0 ? ',' : ''}
       field_clocks = $3::jsonb, deleted = $4, hlc = $5, updated_at = now()
     WHERE id = $1 AND tenant_id = $2`,
    [row.rowId, tenantId, JSON.stringify(row.fieldClocks), row.deleted, row.hlc, ...fields.map(([, field, value]) => encodeParam(field, value))],
  );
}
