import type { FieldDefinition, FieldType } from './entities';
import { uuidPattern } from './ids';

/**
 * How each field type travels in a sync change (JSON), and the check the server applies before a
 * value reaches SQL. Dates are `YYYY-MM-DD`; timestamps ISO 8601 with a zone; bigint and numeric a
 * number or a decimal string; geometry a GeoJSON geometry (WGS 84); bytea base64.
 */
export const wireFormatOf: Record<FieldType, string> = {
  uuid: 'a UUID',
  'uuid[]': 'a list of UUIDs',
  text: 'text',
  integer: 'a whole number',
  bigint: 'a whole number',
  double: 'a number',
  numeric: 'a number',
  boolean: 'true or false',
  date: 'a date written as YYYY-MM-DD',
  timestamptz: 'a date and time in ISO 8601 with a time zone (for example 2026-05-14T09:30:00Z)',
  jsonb: 'a JSON value',
  geometry: 'a GeoJSON geometry in longitude/latitude (closed rings for polygons)',
  bytea: 'base64-encoded bytes',
};

const int32 = 2 ** 31;
const bigintText = /^-?\d{1,19}$/;
const numericText = /^-?\d+(\.\d+)?$/;
const dateText = /^(\d{4})-(\d{2})-(\d{2})$/;
const timestampText = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)$/i;
const base64Text = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const geometryTypes = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Postgres text and jsonb cannot hold NUL, nor a lone UTF-16 surrogate. */
function isStorableText(text: string): boolean {
  return !text.includes(String.fromCharCode(0)) && !loneSurrogate.test(text);
}

function isCalendarDate(text: string): boolean {
  const match = dateText.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True when every string inside (keys too) can be stored by Postgres. */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (Array.isArray(value)) return value.every(isStorableJson);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).every(([key, inner]) => isStorableText(key) && isStorableJson(inner));
  }
  return true;
}

/** A WGS 84 position: [longitude, latitude] (optionally an altitude), in range. */
function isPosition(value: unknown): boolean {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return false;
  if (!value.every((n) => typeof n === 'number' && Number.isFinite(n))) return false;
  const [lon, lat] = value as number[];
  return lon !== undefined && lat !== undefined && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
}

const isPositions = (value: unknown, minimum: number): value is unknown[][] =>
  Array.isArray(value) && value.length >= minimum && value.every(isPosition);

/** A linear ring (RFC 7946): at least four positions, the last equal to the first. */
function isRing(value: unknown): boolean {
  if (!isPositions(value, 4)) return false;
  const first = value[0] ?? [];
  const last = value[value.length - 1] ?? [];
  return first.length === last.length && first.every((n, i) => n === last[i]);
}

const isPolygon = (value: unknown): boolean => Array.isArray(value) && value.length >= 1 && value.every(isRing);
const isLine = (value: unknown): boolean => isPositions(value, 2);

const coordinateChecks: Record<string, (value: unknown) => boolean> = {
  Point: isPosition,
  MultiPoint: (value) => isPositions(value, 0),
  LineString: isLine,
  MultiLineString: (value) => Array.isArray(value) && value.every(isLine),
  Polygon: isPolygon,
  MultiPolygon: (value) => Array.isArray(value) && value.every(isPolygon),
};

function isGeoJsonGeometry(value: unknown, nesting = 0): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || nesting > 4) return false;
  const type: unknown = 'type' in value ? value.type : undefined;
  if (typeof type !== 'string' || !geometryTypes.includes(type)) return false;
  if (type === 'GeometryCollection') {
    const members: unknown = 'geometries' in value ? value.geometries : undefined;
    return Array.isArray(members) && members.every((member) => isGeoJsonGeometry(member, nesting + 1));
  }
  const coordinates: unknown = 'coordinates' in value ? value.coordinates : undefined;
  return coordinateChecks[type]?.(coordinates) ?? false;
}

function matchesType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'uuid':
      return typeof value === 'string' && uuidPattern.test(value);
    case 'uuid[]':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && uuidPattern.test(item));
    case 'text':
      return typeof value === 'string' && isStorableText(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value) && value >= -int32 && value < int32;
    case 'bigint':
      return (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && bigintText.test(value));
    case 'double':
      return typeof value === 'number' && Number.isFinite(value);
    case 'numeric':
      return (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && numericText.test(value));
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'timestamptz':
      return typeof value === 'string' && timestampText.test(value) && !Number.isNaN(Date.parse(value));
    case 'jsonb':
      return isStorableJson(value);
    case 'geometry':
      return isGeoJsonGeometry(value);
    case 'bytea':
      return typeof value === 'string' && base64Text.test(value);
  }
}

/**
 * Checks one field's value for its type. Returns null when it fits, else a message that names the
 * field and says what it takes.
 */
export function fieldValueProblem(name: string, field: FieldDefinition, value: unknown): string | null {
  if (value === null || value === undefined) {
    return field.nullable === true ? null : `${name} is required: it cannot be empty.`;
  }
  if (matchesType(field.type, value)) return null;
  const shown = JSON.stringify(value);
  const excerpt = shown === undefined ? String(value) : shown.length > 60 ? `${shown.slice(0, 57)}...` : shown;
  return `${name} takes ${wireFormatOf[field.type]}; ${excerpt} is not one.`;
}
