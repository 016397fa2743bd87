import type { RejectedChange } from '../../common/api-contract';
import { entities, type FieldDefinition, type FieldType } from '../../common/entities';

/** A field of a refused change the user can correct in a plain text box. */
export interface EditableField {
  name: string;
  label: string;
  type: FieldType;
  nullable: boolean;
  /** The value as the change carries it, as text ('' for none). */
  original: string;
}

const editableTypes = new Set<FieldType>(['text', 'integer', 'bigint', 'double', 'numeric', 'date']);
const numberTypes = new Set<FieldType>(['integer', 'bigint', 'double']);

/** "plot_number" → "Plot number". */
export function fieldLabel(name: string): string {
  const words = name.replace(/_id$/, '').replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

/**
 * What the user may fix in a refused change: an observation's value; otherwise the plain text,
 * number and date fields it carries (not references, shapes or flags). A deletion has none.
 */
export function editableFields(change: RejectedChange): EditableField[] {
  if (change.operation === 'delete') return [];
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  if (change.entity === 'observations') {
    return [{ name: 'value', label: 'Value', type: 'text', nullable: false, original: asText(change.fields['value']) }];
  }
  return Object.keys(change.fields).flatMap((name) => {
    const field = definition[name];
    if (!field || field.references || !editableTypes.has(field.type) || name.endsWith('_id')) return [];
    return [{ name, label: fieldLabel(name), type: field.type, nullable: field.nullable === true, original: asText(change.fields[name]) }];
  });
}

/**
 * Only the fields the user changed, as the wire wants them: numbers as numbers when they read as
 * one (otherwise as typed, for the services to explain), an emptied optional field as null.
 */
export function changedFields(fields: EditableField[], drafts: Record<string, string>): Record<string, unknown> {
  const changed: Record<string, unknown> = {};
  for (const field of fields) {
    const draft = drafts[field.name] ?? field.original;
    if (draft === field.original) continue;
    const trimmed = field.type === 'text' ? draft : draft.trim();
    if (trimmed === '' && field.nullable) changed[field.name] = null;
    else if (numberTypes.has(field.type) && trimmed !== '' && Number.isFinite(Number(trimmed))) changed[field.name] = Number(trimmed);
    else changed[field.name] = trimmed;
  }
  return changed;
}
