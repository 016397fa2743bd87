import { entities, type EntityName } from '../common/entities';
import { snapshotColumns } from '../common/snapshot-protocol';
import { hiddenRowSql, hiddenRowsCtes, stationsLiteral, type StationScopeSql } from './station-scope';

/** GeoJSON with up to 15 decimals: WGS 84 coordinates come back as they were pushed. */
const geoJsonDigits = 15;

const tenantColumn = (entity: EntityName): string => (entity === 'tenants' ? 't.id' : 't.tenant_id');

/**
 * The prefix and extra condition that leave out other stations' rows, for a device enrolled for
 * some stations (`scope`); nothing for a device that holds the whole tenant.
 */
function scoped(entity: EntityName, scope: StationScopeSql | null): { with: string; where: string } {
  if (scope === null) return { with: '', where: '' };
  const hidden = hiddenRowSql(entity, 't', scope.tenant);
  if (hidden === 'false') return { with: '', where: '' };
  return { with: `WITH ${hiddenRowsCtes(scope)} `, where: ` AND NOT ${hidden}` };
}

/**
 * One chunk of an entity's rows as a PostgreSQL binary COPY stream: the tenant's rows after `after`
 * in id order, at most `limit`, in the columns of `snapshotColumns`. Postgres writes every column
 * with its type's send function and the replica reads it with the matching receive function, so
 * neither side formats or parses text. Geometry leaves as GeoJSON (jsonb): the replica keeps GeoJSON.
 * COPY takes no parameters, so the values are inlined through `literal` (pg's escapeLiteral); they
 * are checked ids and a whole number before they get here.
 */
export function snapshotCopyStatement(
  entity: EntityName,
  chunk: { tenantId: string; after: string | null; limit: number; stationIds: readonly string[] | null },
  literal: (value: string) => string,
): string {
  const tenant = `${literal(chunk.tenantId)}::uuid`;
  const scope = scoped(entity, chunk.stationIds === null ? null : { tenant, stations: stationsLiteral(chunk.stationIds, literal) });
  if (!Number.isSafeInteger(chunk.limit) || chunk.limit < 1) throw new Error(`Not a row limit: ${chunk.limit}`);
  const columns = snapshotColumns(entity).map((column) =>
    column.type === 'geometry' ? `ST_AsGeoJSON(t.${column.name}, ${geoJsonDigits})::jsonb AS ${column.name}` : `t.${column.name}`,
  );
  const after = chunk.after === null ? '' : ` AND t.id > ${literal(chunk.after)}::uuid`;
  return `COPY (${scope.with}SELECT ${columns.join(', ')} FROM ${entities[entity].table} t
     WHERE ${tenantColumn(entity)} = ${tenant}${after}${scope.where}
     ORDER BY t.id LIMIT ${chunk.limit}) TO STDOUT WITH (FORMAT binary)`;
}

const parameterScope = (scopedToStations: boolean, stationsParam: string): StationScopeSql | null =>
  scopedToStations ? { tenant: '$1::uuid', stations: `${stationsParam}::uuid[]` } : null;

/**
 * Whether the tenant has rows of the entity after `lastId` ($1 tenant, $2 id; $3 the device's
 * stations when `scopedToStations`).
 */
export function snapshotMoreSql(entity: EntityName, scopedToStations: boolean): string {
  const scope = scoped(entity, parameterScope(scopedToStations, '$3'));
  return `${scope.with}SELECT EXISTS (SELECT 1 FROM ${entities[entity].table} t WHERE ${tenantColumn(entity)} = $1 AND t.id > $2::uuid${scope.where}) AS more`;
}

/** How many rows of each entity the device will receive, in one statement ($1 tenant; $2 its stations when scoped). */
export function snapshotCountSql(names: readonly EntityName[], scopedToStations: boolean): string {
  const scope = parameterScope(scopedToStations, '$2');
  const counts = names
    .map((name) => `SELECT '${name}'::text AS entity, count(*)::bigint AS rows FROM ${entities[name].table} t WHERE ${tenantColumn(name)} = $1${scoped(name, scope).where}`)
    .join(' UNION ALL ');
  return scope === null ? counts : `WITH ${hiddenRowsCtes(scope)} ${counts}`;
}
