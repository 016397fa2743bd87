// Entity rows of a replica and of the central database in one comparable form: every column of
// common/entities.ts as text, rendered by Postgres the same way on both sides (geometry as GeoJSON,
// bytes as hex, timestamps in UTC, numerics without trailing zeros, JSON with sorted keys).
import type pg from 'pg';
import { columnsOf, entities, entityNames, isMutable, type EntityName, type FieldType } from '../../common/entities';
import type { StationSession } from '../../main/stations/station-session';

export type NormalRow = Record<string, string | null>;
export type Side = 'replica' | 'server';

/** The columns compared: identity, tenancy, the tombstone, and every field (not clocks or timestamps). */
export function comparedColumns(entity: EntityName): [string, FieldType][] {
  const all = columnsOf(entity);
  const names = ['id', ...(entity === 'tenants' ? [] : ['tenant_id']), ...(isMutable(entity) ? ['deleted'] : []), ...Object.keys(all).filter((name) => !(name in systemAndMerge))];
  return names.map((name) => [name, all[name]?.type ?? 'text']);
}

const systemAndMerge: Record<string, true> = { id: true, tenant_id: true, created_at: true, updated_at: true, hlc: true, deleted: true, field_clocks: true };

function expression(column: string, type: FieldType, side: Side): string {
  switch (type) {
    case 'text':
      return column;
    case 'numeric':
      return `trim_scale(${column})::text`;
    case 'date':
      return `to_char(${column}, 'YYYY-MM-DD')`;
    case 'timestamptz':
      return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
    case 'geometry':
      return side === 'server' ? `ST_AsGeoJSON(${column})` : `${column}::text`;
    case 'bytea':
      return `encode(${column}, 'hex')`;
    default:
      return `${column}::text`;
  }
}

/** JSON with object keys sorted, so equal values print equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function normalise(entity: EntityName, raw: Record<string, unknown>): NormalRow {
  const row: NormalRow = {};
  for (const [column, type] of comparedColumns(entity)) {
    const value = raw[column];
    if (value === null || value === undefined) row[column] = null;
    else if (type === 'jsonb' || type === 'geometry') row[column] = canonicalJson(JSON.parse(String(value)));
    else row[column] = String(value);
  }
  return row;
}

function selectSql(entity: EntityName, side: Side): string {
  const list = comparedColumns(entity).map(([column, type]) => `${expression(column, type, side)} AS ${column}`);
  const tenant = side === 'server' ? (entity === 'tenants' ? 'WHERE id = $1' : 'WHERE tenant_id = $1') : '';
  return `SELECT ${list.join(', ')} FROM ${entities[entity].table} ${tenant} ORDER BY id`;
}

export type TableState = Map<string, NormalRow>;
export type DatabaseState = Map<EntityName, TableState>;

function toTable(entity: EntityName, rows: Record<string, unknown>[]): TableState {
  return new Map(rows.map((raw) => {
    const row = normalise(entity, raw);
    return [row['id'] ?? '', row];
  }));
}

export async function replicaState(session: StationSession, only: readonly EntityName[] = entityNames): Promise<DatabaseState> {
  const state: DatabaseState = new Map();
  for (const entity of only) state.set(entity, toTable(entity, await session.replica.query(selectSql(entity, 'replica'))));
  return state;
}

export async function serverState(owner: pg.Pool, tenantId: string): Promise<DatabaseState> {
  const state: DatabaseState = new Map();
  for (const entity of entityNames) state.set(entity, toTable(entity, (await owner.query(selectSql(entity, 'server'), [tenantId])).rows));
  return state;
}

/**
 * Whether a value as it travels on the wire (or as a device wrote it) is the value a column holds,
 * in the normalised text above.
 */
export function sameValue(type: FieldType, stored: string | null, wire: unknown): boolean {
  if (wire === null || wire === undefined) return stored === null;
  if (stored === null) return false;
  switch (type) {
    case 'uuid':
      return typeof wire === 'string' && stored === wire.toLowerCase();
    case 'uuid[]':
      return Array.isArray(wire) && stored === `{${wire.join(',')}}`;
    case 'integer':
    case 'bigint':
    case 'double':
    case 'numeric':
      return Number(stored) === Number(wire);
    case 'boolean':
      return stored === String(wire);
    case 'timestamptz':
      return typeof wire === 'string' && Date.parse(`${stored.slice(0, 23)}Z`) === Date.parse(wire);
    case 'jsonb':
    case 'geometry':
      return stored === canonicalJson(wire);
    case 'bytea':
      return typeof wire === 'string' && stored === Buffer.from(wire, 'base64').toString('hex');
    default:
      return stored === wire;
  }
}

/** Rows (`entity:id`) and fields of rows that `actual` may hold differently, for a reason given elsewhere. */
export interface AllowedDifferences {
  rows: Set<string>;
  fields: Map<string, Set<string>>;
}

const noDifferences: AllowedDifferences = { rows: new Set(), fields: new Map() };

/** Differences between two states, worded for a failure message (at most `limit`). */
export function stateDifferences(
  actual: DatabaseState,
  expected: DatabaseState,
  names: { actual: string; expected: string },
  label: (id: string) => string,
  allowed: AllowedDifferences = noDifferences,
  limit = 12,
): string[] {
  const problems: string[] = [];
  for (const [entity, expectedRows] of expected) {
    const actualRows = actual.get(entity) ?? new Map<string, NormalRow>();
    for (const [id, want] of expectedRows) {
      const have = actualRows.get(id);
      if (!have) {
        problems.push(`${entity} ${label(id)} (${id}) is on ${names.expected} but not on ${names.actual}`);
        continue;
      }
      const mayDiffer = allowed.fields.get(`${entity}:${id}`);
      for (const [column, value] of Object.entries(want)) {
        if (have[column] !== value && !mayDiffer?.has(column)) {
          problems.push(`${entity} ${label(id)} (${id}) ${column}: ${names.actual} has ${JSON.stringify(have[column])}, ${names.expected} has ${JSON.stringify(value)}`);
        }
      }
    }
    for (const id of actualRows.keys()) {
      if (!expectedRows.has(id) && !allowed.rows.has(`${entity}:${id}`)) {
        problems.push(`${entity} ${label(id)} (${id}) is on ${names.actual} but not on ${names.expected}`);
      }
    }
  }
  return problems.length > limit ? [...problems.slice(0, limit), `… and ${problems.length - limit} more`] : problems;
}
