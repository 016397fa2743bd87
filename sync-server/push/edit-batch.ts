import { entities, type EntityName, type FieldDefinition } from '../../common/entities';
import type { Change } from '../../common/sync-protocol';
import { sqlTypeOf } from '../db/entity-sql';
import type { TenantTx } from '../db/transaction';
import { rowKey, type MutableRow, type PushState } from './push-state';
import { clocksOf, winningFields } from './write-rows';

/**
 * Edits of rows the server already holds (a renamed plot, a new barcode) come in runs during a week
 * of offline work. Like facts (fact-batch.ts), a run of checked edits is written with one UPDATE …
 * FROM jsonb_to_recordset per entity instead of a savepoint and a statement each. The winning fields
 * of each edit are decided here, from the row clocks the push loaded; if the database refuses the
 * batch, the caller puts the clocks back (`restore`) and applies the same edits one by one.
 */

/**
 * An update or delete of a last-writer-wins row that this push has locked, with no document field.
 * Variables are edited alone: a later observation in the same push is checked against the scale
 * as edited, which the checks read from the database.
 */
export function isBatchableEdit(change: Change, state: PushState): boolean {
  if (change.operation === 'insert' || entities[change.entity].merge !== 'lww' || change.entity === 'observation_variables') return false;
  if (!state.rows.has(rowKey(change.entity, change.rowId))) return false;
  const fields: Record<string, FieldDefinition> = entities[change.entity].fields;
  return Object.keys(change.fields).every((name) => fields[name]?.type !== 'bytea');
}

interface PlannedEdit {
  entity: EntityName;
  id: string;
  /** The winning fields' values ('deleted' → true for a delete that wins). */
  patch: Record<string, unknown>;
  clocks: Record<string, string>;
  hlc: string;
}

export class EditBatch {
  private readonly planned: PlannedEdit[] = [];
  private readonly before = new Map<string, MutableRow>();

  constructor(private readonly state: PushState) {}

  get size(): number {
    return this.before.size;
  }

  /** Whether this row already has an edit in the batch (then the batch is written first). */
  touches(change: Change): boolean {
    return this.before.has(rowKey(change.entity, change.rowId));
  }

  /** Adds an edit: decides its winning fields and moves the row's clocks as the write will. */
  add(change: Change): void {
    const key = rowKey(change.entity, change.rowId);
    const row = this.state.rows.get(key);
    if (!row) throw new Error(`edit of ${key} without a loaded row`);
    this.before.set(key, { ...row, fieldClocks: { ...row.fieldClocks } });
    const winners = winningFields(row, change);
    if (winners.length === 0) return;
    const hlc = row.hlc > change.hlc ? row.hlc : change.hlc;
    const patch = Object.fromEntries(winners.map((name) => [name, name === 'deleted' ? true : change.fields[name]]));
    this.planned.push({ entity: change.entity, id: change.rowId, patch, clocks: clocksOf(winners, change.hlc), hlc });
    row.fieldClocks = { ...row.fieldClocks, ...clocksOf(winners, change.hlc) };
    row.hlc = hlc;
  }

  /** Puts the rows' clocks back as they were before the batch (after the database refused it). */
  restore(): void {
    for (const [key, row] of this.before) this.state.rows.set(key, row);
  }

  /** Writes the planned edits, one statement per entity. */
  async write(tx: TenantTx): Promise<void> {
    for (const entity of [...new Set(this.planned.map((edit) => edit.entity))]) {
      const edits = this.planned.filter((edit) => edit.entity === entity);
      const fields: Record<string, FieldDefinition> = entities[entity].fields;
      const names = [...new Set(edits.flatMap((edit) => Object.keys(edit.patch)))].filter((name) => name !== 'deleted' && fields[name]);
      const sets = [
        ...names.map((name) => `${name} = CASE WHEN x.patch ? '${name}' THEN ${fromJson(name, fields[name] as FieldDefinition)} ELSE t.${name} END`),
        `deleted = t.deleted OR coalesce((x.patch->>'deleted')::boolean, false)`,
        'field_clocks = t.field_clocks || x.clocks',
        'hlc = x.hlc',
        'updated_at = now()',
      ];
      await tx.query(
        `UPDATE ${entities[entity].table} AS t SET ${sets.join(', ')}
           FROM jsonb_to_recordset($2::jsonb) AS x(id uuid, patch jsonb, clocks jsonb, hlc text)
          WHERE t.tenant_id = $1 AND t.id = x.id`,
        [tx.tenantId, JSON.stringify(edits.map(({ id, patch, clocks, hlc }) => ({ id, patch, clocks, hlc })))],
      );
    }
  }
}

/** A field's new value out of the edit's JSON patch, as the single-row path would bind it. */
function fromJson(name: string, field: FieldDefinition): string {
  const text = `(x.patch->>'${name}')`;
  switch (field.type) {
    case 'geometry':
      return `ST_SetSRID(ST_GeomFromGeoJSON(${text}), 4326)`;
    case 'jsonb':
      return `NULLIF(x.patch->'${name}', 'null'::jsonb)`;
    case 'uuid[]':
      return `CASE WHEN x.patch->'${name}' = 'null'::jsonb THEN NULL ELSE ARRAY(SELECT jsonb_array_elements_text(x.patch->'${name}'))::uuid[] END`;
    default:
      return `${text}::${sqlTypeOf(field) ?? 'text'}`;
  }
}
