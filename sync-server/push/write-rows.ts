import { entities, type FieldDefinition } from '../../common/entities';
import { documentFields } from '../../common/notes/document-fields';
import { mergeNoteStates, noteDocumentProblem } from '../../common/notes/note-document';
import type { Change } from '../../common/sync-protocol';
import { placeholder, toParam } from '../db/entity-sql';
import type { TenantTx } from '../db/transaction';
import type { Rejection } from './check-change';
import type { MutableRow } from './push-state';

/** Values that replace the change's own for some fields: the merged documents of a crdt row. */
export type MergedDocuments = Record<string, Buffer>;

/**
 * Column names come from common/entities.ts (a change's field names were checked against it
 * first); every value is a `$n` parameter.
 */
function fieldsOf(change: Change, names: string[], firstParam: number, documents: MergedDocuments = {}): { columns: string[]; values: string[]; params: unknown[] } {
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  const columns: string[] = [];
  const values: string[] = [];
  const params: unknown[] = [];
  for (const name of names) {
    const field = definition[name];
    if (!field) continue;
    columns.push(name);
    values.push(placeholder(field, firstParam + params.length));
    params.push(toParam(field, documents[name] ?? change.fields[name]));
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

/**
 * The documents of a crdt change merged into the row's (`stored`, empty for a new row): what the
 * row's document fields become, whatever the clocks say, since a Yjs merge loses no one's edit. A
 * change may carry a full state (what devices send) or an update; both merge the same way, and
 * merging what the row already holds changes nothing, which keeps pushes idempotent. Bytes that
 * are not a note document are refused; a stored value that is not one (written by an old app)
 * counts as nothing.
 */
export function mergeDocuments(stored: MutableRow['documents'], change: Change): { documents: MergedDocuments } | { rejection: Rejection } {
  const merged: MergedDocuments = {};
  for (const name of documentFields(change.entity)) {
    const value = change.fields[name];
    if (typeof value !== 'string') continue;
    const incoming = Buffer.from(value, 'base64');
    const refuse = (problem: string): { rejection: Rejection } => ({
      rejection: {
        code: 'invalid-field',
        message: `${name} is not a note this server can read: ${problem}. The change is kept on the device; update Field Station there, or discard the change.`,
      },
    });
    if (noteDocumentProblem(incoming) !== null) return refuse('the bytes are not a Yjs document update');
    const current = stored[name];
    const base = current && noteDocumentProblem(current) === null ? [current] : [];
    try {
      merged[name] = Buffer.from(mergeNoteStates([...base, incoming]));
    } catch {
      return refuse('it does not merge with the note the server holds');
    }
  }
  return { documents: merged };
}

/** Inserts a new mutable row; false when the row appeared meanwhile (then it is merged instead). */
export async function insertMutableRow(tx: TenantTx, change: Change, documents: MergedDocuments = {}): Promise<boolean> {
  const names = Object.keys(change.fields);
  const { columns, values, params } = fieldsOf(change, names, 5, documents);
  const rows = await tx.query(
    `INSERT INTO ${entities[change.entity].table} (id, tenant_id, hlc, field_clocks${columns.map((c) => `, ${c}`).join('')})
     VALUES ($1, $2, $3, $4::jsonb${values.map((v) => `, ${v}`).join('')})
     ON CONFLICT (tenant_id, id) DO NOTHING RETURNING 1 AS inserted`,
    [change.rowId, tx.tenantId, change.hlc, JSON.stringify(clocksOf(names, change.hlc)), ...params],
  );
  return rows.length === 1;
}

/**
 * Writes the winning fields of a change to an existing mutable row (their clocks become the
 * change's), and the merged documents (their clocks stay unless they are among the winners).
 */
export async function updateMutableRow(tx: TenantTx, change: Change, winners: string[], hlc: string, documents: MergedDocuments = {}): Promise<void> {
  const deleting = winners.includes('deleted');
  const names = [...new Set([...winners.filter((name) => name !== 'deleted'), ...Object.keys(documents)])];
  const { columns, values, params } = fieldsOf(change, names, 5, documents);
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
