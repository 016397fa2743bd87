import { entities, type FieldDefinition } from '../../common/entities';
import type { Change } from '../../common/sync-protocol';
import { placeholder, toParam } from '../db/entity-sql';
import type { TenantTx } from '../db/transaction';
import type { MutableRow } from './push-state';

/**
 * Column names come from common/entities.ts (a change's field names were checked against it
 * first); every value is a `$n` parameter.
 */
function fieldsOf(change: Change, names: string[], firstParam: number): { columns: string[]; values: string[]; params: unknown[] } {
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const name of names) {
    const field = definition[name];
    if (!field) continue;
    columns.push(name);
    values.push(placeholder(field, firstParam + params.length));
    params.push(toParam(field, change.fields[name]));
  }
  return { columns, values, params };
}

/**
 * Last writer wins, per field: a field (and `deleted`, for a delete) takes the change's value only
 * when the change's clock is later than the clock of the change that last set that field. Clocks
 * are fixed-width strings that end in the device id, so string order is clock order and ties between
 * devices cannot happen; an equal clock is the same change again and wins nothing.
 */
export function winningFields(row: MutableRow, change: Change): string[] {
  const names = [...Object.keys(change.fields), ...(change.operation === 'delete' ? ['deleted'] : [])];
  return names.filter((name) => (row.fieldClocks[name] ?? '') < change.hlc);
}

export function clocksOf(names: string[], hlc: string): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, hlc]));
}

/** Inserts a new mutable row; false when the row appeared meanwhile (then it is merged instead). */
export async function insertMutableRow(tx: TenantTx, change: Change): Promise<boolean> {
  const names = Object.keys(change.fields);
  const { columns, values, params } = fieldsOf(change, names, 5);
  const rows = await tx.query(
    `INSERT INTO ${entities[change.entity].table} (id, tenant_id, hlc, field_clocks${columns.map((c) => `, ${c}`).join('')})
     VALUES ($1, $2, $3, $4::jsonb${values.map((v) => `, ${v}`).join('')})
     ON CONFLICT (tenant_id, id) DO NOTHING RETURNING 1 AS inserted`,
    [change.rowId, tx.tenantId, change.hlc, JSON.stringify(clocksOf(names, change.hlc)), ...params],
  );
  return rows.length === 1;
}

/** Writes the winning fields of a change to an existing mutable row. */
export async function updateMutableRow(tx: TenantTx, change: Change, winners: string[], hlc: string): Promise<void> {
  const deleting = winners.includes('deleted');
  const { columns, values, params } = fieldsOf(change, winners.filter((name) => name !== 'deleted'), 5);
  const sets = [
    ...columns.map((column, i) => `${column} = ${values[i]}`),
    ...(deleting ? ['deleted = true'] : []),
    'field_clocks = field_clocks || $3::jsonb',
    'hlc = $4',
    'updated_at = now()',
  ];
  await tx.query(`UPDATE ${entities[change.entity].table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2`, [
    tx.tenantId,
    change.rowId,
    JSON.stringify(clocksOf(winners, change.hlc)),
    hlc,
    ...params,
  ]);
}

/** Inserts a fact (observation, stock movement); false when that row id is already recorded. */
export async function insertFact(tx: TenantTx, change: Change): Promise<boolean> {
  const { columns, values, params } = fieldsOf(change, Object.keys(change.fields), 4);
  const rows = await tx.query(
    `INSERT INTO ${entities[change.entity].table} (id, tenant_id, hlc${columns.map((c) => `, ${c}`).join('')})
     VALUES ($1, $2, $3${values.map((v) => `, ${v}`).join('')})
     ON CONFLICT (tenant_id, id) DO NOTHING RETURNING 1 AS inserted`,
    [change.rowId, tx.tenantId, change.hlc, ...params],
  );
  return rows.length === 1;
}
