import { entities, entityNames, isMutable, type EntityName, type FieldDefinition } from '../../common/entities';
import { uuidPattern } from '../../common/ids';
import { documentFields } from '../../common/notes/document-fields';
import type { Scale } from '../../common/scale-validation';
import type { Change } from '../../common/sync-protocol';
import { scaleTypes } from '../../common/vocabulary';
import { loggedChangeIds } from '../change-log';
import type { TenantTx } from '../db/transaction';

/** A mutable row as the merge needs it: the clock of each field's last change, and its documents. */
export interface MutableRow {
  fieldClocks: Record<string, string>;
  hlc: string;
  /** The stored Yjs documents of a crdt row (field → bytes), which each change merges into. */
  documents: Record<string, Buffer>;
}

/** What one push knows while it applies its changes in order. */
export interface PushState {
  /** Change ids already in the tenant's log, plus those applied earlier in this push. */
  seenChangeIds: Set<string>;
  /** Mutable rows this push changes, locked for the push (FOR NO KEY UPDATE), keyed by rowKey. */
  rows: Map<string, MutableRow>;
  /** Every row known to exist in the tenant (changed or referenced), keyed by rowKey. */
  existing: Set<string>;
  /** Rows whose change was rejected earlier in this push, keyed by rowKey. */
  rejected: Set<string>;
  scales: ScaleCache;
}

/** Ids are compared in Postgres' canonical (lower-case) form. */
export const rowKey = (entity: EntityName, id: string): string => `${entity}:${id.toLowerCase()}`;

function referenceFields(entity: EntityName): [string, EntityName][] {
  const fields: Record<string, FieldDefinition> = entities[entity].fields;
  return Object.entries(fields).flatMap(([name, field]) => (field.references ? [[name, field.references] as [string, EntityName]] : []));
}

/** Row ids per entity: the rows changed, and the rows referenced by the changes' fields. */
function collectIds(changes: Change[]): { changed: Map<EntityName, Set<string>>; referenced: Map<EntityName, Set<string>> } {
  const changed = new Map<EntityName, Set<string>>();
  const referenced = new Map<EntityName, Set<string>>();
  const add = (map: Map<EntityName, Set<string>>, entity: EntityName, id: string): void => {
    const ids = map.get(entity) ?? new Set<string>();
    ids.add(id);
    map.set(entity, ids);
  };
  for (const change of changes) {
    add(changed, change.entity, change.rowId);
    for (const [name, target] of referenceFields(change.entity)) {
      const value = change.fields[name];
      if (typeof value === 'string' && uuidPattern.test(value)) add(referenced, target, value);
    }
  }
  return { changed, referenced };
}

interface LockedRow extends MutableRow {
  id: string;
}

/**
 * Locks and reads the mutable rows a push changes, in id order (a fixed order avoids deadlocks),
 * with the documents of crdt rows. Document column names come from common/entities.ts.
 */
export async function lockMutableRows(tx: TenantTx, entity: EntityName, ids: string[]): Promise<LockedRow[]> {
  const names = documentFields(entity);
  const rows = await tx.query<{ id: string; field_clocks: Record<string, string>; hlc: string } & Record<string, unknown>>(
    `SELECT t.id::text, t.field_clocks, t.hlc${names.map((name) => `, t.${name}`).join('')} FROM ${entities[entity].table} t
      WHERE t.tenant_id = $1 AND t.id = ANY($2::uuid[]) ORDER BY t.id FOR NO KEY UPDATE`,
    [tx.tenantId, ids],
  );
  return rows.map((row) => ({
    id: row.id,
    fieldClocks: row.field_clocks,
    hlc: row.hlc,
    documents: Object.fromEntries(names.flatMap((name) => {
      const value = row[name];
      return Buffer.isBuffer(value) ? [[name, value]] : [];
    })),
  }));
}

async function existingIds(tx: TenantTx, entity: EntityName, ids: string[]): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `SELECT id::text FROM ${entities[entity].table} WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
    [tx.tenantId, ids],
  );
  return rows.map((row) => row.id);
}

/** Loads, in a few batched queries, everything the push needs to decide each change. */
export async function loadPushState(tx: TenantTx, changes: Change[]): Promise<PushState> {
  const state: PushState = {
    seenChangeIds: await loggedChangeIds(tx, changes.map((change) => change.changeId)),
    rows: new Map(),
    existing: new Set(),
    rejected: new Set(),
    scales: new ScaleCache(),
  };
  const { changed, referenced } = collectIds(changes);
  for (const entity of entityNames) {
    const changedIds = [...(changed.get(entity) ?? [])];
    if (changedIds.length > 0 && isMutable(entity)) {
      for (const { id, ...row } of await lockMutableRows(tx, entity, changedIds)) {
        state.rows.set(rowKey(entity, id), row);
        state.existing.add(rowKey(entity, id));
      }
    }
    const candidates = new Set([...(referenced.get(entity) ?? []), ...(isMutable(entity) ? [] : changedIds)]);
    const lookups = [...candidates].filter((id) => !state.existing.has(rowKey(entity, id)));
    if (lookups.length > 0) {
      for (const id of await existingIds(tx, entity, lookups)) state.existing.add(rowKey(entity, id));
    }
  }
  const variableIds = changes.flatMap((change) => {
    const id = change.entity === 'observations' ? change.fields['variable_id'] : undefined;
    return typeof id === 'string' && uuidPattern.test(id) ? [id] : [];
  });
  await state.scales.load(tx, variableIds);
  return state;
}

interface ScaleRow {
  id: string;
  name: string;
  scale_type: string;
  unit: string | null;
  minimum: number | null;
  maximum: number | null;
  decimal_places: number | null;
  categories: unknown;
}

function categoriesOf(value: unknown): Scale['categories'] {
  if (!Array.isArray(value)) return null;
  return value.flatMap((item: unknown) => {
    if (item === null || typeof item !== 'object') return [];
    const raw = 'value' in item ? item.value : undefined;
    const label = 'label' in item ? item.label : undefined;
    if (typeof raw !== 'string' && typeof raw !== 'number') return [];
    return [{ value: String(raw), label: typeof label === 'string' ? label : String(raw) }];
  });
}

function scaleOf(row: ScaleRow): Scale | null {
  const scaleType = scaleTypes.find((type) => type === row.scale_type);
  if (!scaleType) return null;
  return {
    name: row.name,
    scaleType,
    unit: row.unit,
    minimum: row.minimum,
    maximum: row.maximum,
    decimalPlaces: row.decimal_places,
    categories: categoriesOf(row.categories),
  };
}

/** Variables' scales, loaded in one query; a variable changed by this push is read again when next needed. */
export class ScaleCache {
  private readonly scales = new Map<string, Scale | null>();

  async load(tx: TenantTx, ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.scales.has(id));
    if (wanted.length === 0) return;
    const rows = await tx.query<ScaleRow>(
      `SELECT id::text, name, scale_type, unit, minimum, maximum, decimal_places, categories
         FROM observation_variables WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
      [tx.tenantId, wanted],
    );
    for (const id of wanted) this.scales.set(id, null);
    for (const row of rows) this.scales.set(row.id, scaleOf(row));
  }

  get(id: string): Scale | null {
    return this.scales.get(id) ?? null;
  }

  forget(id: string): void {
    this.scales.delete(id);
  }
}
