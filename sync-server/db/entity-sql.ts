import type { FieldDefinition, FieldType } from '../../common/entities';

/**
 * How a field's value enters SQL: the `$n` placeholder with its cast (geometry goes through
 * PostGIS from GeoJSON), and the parameter as node-postgres should send it. Values were checked
 * with common/field-values.ts first.
 */
const casts: Record<Exclude<FieldType, 'geometry'>, string> = {
  uuid: 'uuid',
  'uuid[]': 'uuid[]',
  text: 'text',
  integer: 'integer',
  bigint: 'bigint',
  double: 'double precision',
  numeric: 'numeric',
  boolean: 'boolean',
  date: 'date',
  timestamptz: 'timestamptz',
  jsonb: 'jsonb',
  bytea: 'bytea',
};

/** The SQL type of a field, for column definition lists (jsonb_to_recordset); null for geometry. */
export function sqlTypeOf(field: FieldDefinition): string | null {
  return field.type === 'geometry' ? null : casts[field.type];
}

export function placeholder(field: FieldDefinition, n: number): string {
  if (field.type === 'geometry') return `ST_SetSRID(ST_GeomFromGeoJSON($${n}::text), 4326)`;
  return `$${n}::${casts[field.type]}`;
}

export function toParam(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (field.type) {
    case 'jsonb':
    case 'geometry':
      return JSON.stringify(value);
    case 'bytea':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    default:
      return value;
  }
}
