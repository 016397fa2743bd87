import { entities, type EntityName } from '../common/entities';
import { snapshotColumns } from '../common/snapshot-protocol';

/** GeoJSON with up to 15 decimals: WGS 84 coordinates come back as they were pushed. */
const geoJsonDigits = 15;

const tenantColumn = (entity: EntityName): string => (entity === 'tenants' ? 't.id' : 't.tenant_id');

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
  chunk: { tenantId: string; after: string | null; limit: number },
  literal: (value: string) => string,
): string {
  if (!Number.isSafeInteger(chunk.limit) || chunk.limit < 1) throw new Error(`Not a row limit: ${chunk.limit}`);
  const columns = snapshotColumns(entity).map((column) =>
    column.type === 'geometry' ? `ST_AsGeoJSON(t.${column.name}, ${geoJsonDigits})::jsonb AS ${column.name}` : `t.${column.name}`,
  );
  const after = chunk.after === null ? '' : ` AND t.id > ${literal(chunk.after)}::uuid`;
  return `COPY (SELECT ${columns.join(', ')} FROM ${entities[entity].table} t
     WHERE ${tenantColumn(entity)} = ${literal(chunk.tenantId)}::uuid${after}
     ORDER BY t.id LIMIT ${chunk.limit}) TO STDOUT WITH (FORMAT binary)`;
}

/** Whether the tenant has rows of the entity after `lastId` ($1 tenant, $2 id). */
export function snapshotMoreSql(entity: EntityName): string {
  return `SELECT EXISTS (SELECT 1 FROM ${entities[entity].table} t WHERE ${tenantColumn(entity)} = $1 AND t.id > $2::uuid) AS more`;
}

/** How many rows of each entity the tenant has, in one statement ($1 tenant). */
export function snapshotCountSql(names: readonly EntityName[]): string {
  return names
    .map((name) => `SELECT '${name}'::text AS entity, count(*)::bigint AS rows FROM ${entities[name].table} t WHERE ${tenantColumn(name)} = $1`)
    .join(' UNION ALL ');
}
