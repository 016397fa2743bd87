import type { FieldDefinition } from '../../common/entities';

/** The cast a `$n` parameter needs for a field of this type in the replica. */
export function castFor(field: FieldDefinition): string {
  if (field.type === 'jsonb' || field.type === 'geometry') return '::jsonb';
  if (field.type === 'uuid[]') return '::uuid[]';
  if (field.type === 'bytea') return '::bytea';
  return '';
}

/** A field's value as a parameter: JSON as text, bytes from their base64 wire form. */
export function encodeParam(field: FieldDefinition, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (field.type === 'jsonb' || field.type === 'geometry') return JSON.stringify(value);
  if (field.type === 'bytea' && typeof value === 'string') return Buffer.from(value, 'base64');
  return value;
}
