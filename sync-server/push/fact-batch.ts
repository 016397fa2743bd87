import { entities, type EntityName, type FieldDefinition } from '../../common/entities';
import type { Change } from '../../common/sync-protocol';
import { sqlTypeOf } from '../db/entity-sql';
import type { TenantTx } from '../db/transaction';
import { rowKey } from './push-state';

/**
 * Facts (observations, stock movements) are most of a week of offline work. A run of fact inserts
 * that passed their checks is written with one INSERT … SELECT FROM jsonb_to_recordset per entity
 * instead of a savepoint and a statement each. If the database refuses the batch, the caller
 * applies the same changes again one by one, which names the culprit and applies the rest.
 */

/** Fact entities whose every field can come straight out of JSON (no geometry or bytea). */
export function isBatchableFact(entity: EntityName): boolean {
  const definition = entities[entity];
  if (definition.merge !== 'append') return false;
  const fields: Record<string, FieldDefinition> = definition.fields;
  return Object.values(fields).every((field) => field.type !== 'bytea' && sqlTypeOf(field) !== null);
}

/** True when a fact must wait for the pending batch: it repeats a pending change or row, or refers to one. */
export function dependsOnPending(change: Change, pendingKeys: Set<string>, pendingChangeIds: Set<string>): boolean {
  if (pendingChangeIds.has(change.changeId) || pendingKeys.has(rowKey(change.entity, change.rowId))) return true;
  const fields: Record<string, FieldDefinition> = entities[change.entity].fields;
  return Object.entries(change.fields).some(([name, value]) => {
    const target = fields[name]?.references;
    return target !== undefined && typeof value === 'string' && pendingKeys.has(rowKey(target, value));
  });
}

/** Inserts the facts, one statement per entity; returns the row keys actually inserted (the rest already existed). */
export async function insertFacts(tx: TenantTx, changes: Change[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const entityOrder = [...new Set(changes.map((change) => change.entity))];
  for (const entity of entityOrder) {
    const fields: Record<string, FieldDefinition> = entities[entity].fields;
    const names = Object.keys(fields);
    const columnTypes = names.map((name) => {
      const field = fields[name];
      return `${name} ${field ? sqlTypeOf(field) : 'text'}`;
    });
    const rows = changes
      .filter((change) => change.entity === entity)
      .map((change) => ({ ...change.fields, id: change.rowId, hlc: change.hlc }));
    const returned = await tx.query<{ id: string }>(
      `INSERT INTO ${entities[entity].table} (id, tenant_id, hlc, ${names.join(', ')})
       SELECT x.id, $1, x.hlc, ${names.map((name) => `x.${name}`).join(', ')}
         FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, hlc text, ${columnTypes.join(', ')})
       ON CONFLICT (tenant_id, id) DO NOTHING
       RETURNING id::text`,
      [tx.tenantId, JSON.stringify(rows)],
    );
    for (const row of returned) inserted.add(rowKey(entity, row.id));
  }
  return inserted;
}
