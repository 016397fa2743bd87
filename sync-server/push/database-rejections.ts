import { entities, type FieldDefinition } from '../../common/entities';
import type { Change } from '../../common/sync-protocol';
import { asDatabaseError, dataExceptionClass, pgError } from '../db/pg-errors';
import { oneOf } from '../../common/entity-labels';
import type { Rejection } from './check-change';

/**
 * The fields behind each unique index of 001-central-schema.sql (besides tenant_id). Postgres does
 * not put the clashing values in the error when row-level security is on, so they are named here.
 */
const uniqueIndexFields: Record<string, string[]> = {
  locations_code: ['code'],
  stock_batches_code: ['code'],
  study_variables_pair: ['study_id', 'variable_id'],
  notes_subject: ['subject_kind', 'subject_id'],
};

function duplicateKey(change: Change, constraint: string | undefined): string | null {
  const fields = constraint ? uniqueIndexFields[constraint] : undefined;
  if (!fields) return null;
  return fields.map((field) => `${field} ${JSON.stringify(change.fields[field] ?? null)}`).join(' and ');
}

/** `locations_kind_check` → `kind`, when that is a field of the entity. */
function checkedField(change: Change, constraint: string | undefined): string | null {
  const table = entities[change.entity].table;
  const fields: Record<string, FieldDefinition> = entities[change.entity].fields;
  const name = constraint?.startsWith(`${table}_`) && constraint.endsWith('_check') ? constraint.slice(table.length + 1, -'_check'.length) : null;
  return name !== null && name in fields ? name : null;
}

function geometryFields(change: Change): string[] {
  const fields: Record<string, FieldDefinition> = entities[change.entity].fields;
  return Object.keys(change.fields).filter((name) => fields[name]?.type === 'geometry' && change.fields[name] !== null);
}

/**
 * Turns a refusal by the database into the change's rejection. Anything else (the database went
 * away, a bug) is not the change's fault: null, and the caller fails the whole push.
 */
export function rejectionFromDatabase(error: unknown, change: Change): Rejection | null {
  const dbError = asDatabaseError(error);
  if (!dbError) return null;
  const one = oneOf(change.entity);
  switch (dbError.code) {
    case pgError.uniqueViolation: {
      const key = duplicateKey(change, dbError.constraint);
      return {
        code: 'conflict',
        message: key
          ? `Another ${one} already has ${key}. Choose a different value, or edit the existing ${one} instead.`
          : `This ${one} clashes with another one that must be unique. Change it, or edit the existing one instead.`,
      };
    }
    case pgError.notNullViolation:
      return { code: 'invalid-field', message: `${dbError.column ?? 'A required field'} is required: it cannot be empty.` };
    case pgError.checkViolation: {
      const field = checkedField(change, dbError.constraint);
      const value = field ? JSON.stringify(change.fields[field]) : undefined;
      return {
        code: 'invalid-field',
        message: field
          ? `${value ?? 'That value'} is not an accepted ${field} for a ${one}.`
          : `The values break a rule for a ${one} (${dbError.constraint ?? 'a check'}), for example a minimum above the maximum. Correct them and try again.`,
      };
    }
    case pgError.foreignKeyViolation:
      return { code: 'unknown-reference', message: `A field of this ${one} points to a record the server does not have. Sync the device that created it first.` };
  }
  const geometry = geometryFields(change);
  if (geometry.length > 0 && (dbError.code?.startsWith(dataExceptionClass) || dbError.code === 'XX000')) {
    return { code: 'invalid-field', message: `${geometry.join(', ')} is not a valid GeoJSON geometry (${dbError.message}). Redraw it or clear it.` };
  }
  if (dbError.code?.startsWith(dataExceptionClass)) {
    return { code: 'invalid-field', message: `A value of this ${one} does not fit its field (${dbError.message}). Correct it and try again.` };
  }
  return null;
}
