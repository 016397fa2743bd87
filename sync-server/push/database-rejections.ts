import { entities, type FieldDefinition } from '../../common/entities';
import type { Change } from '../../common/sync-protocol';
import { asDatabaseError, dataExceptionClass, pgError } from '../db/pg-errors';
import { oneOf } from '../../common/entity-labels';
import type { Rejection } from './check-change';

/** A field's value as written in a message: text as is, anything else as JSON. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/**
 * Each unique index of 001-central-schema.sql, as the clash it means to a person. Postgres does not
 * put the clashing values in the error when row-level security is on, so they come from the change.
 * These rules are kept by the server alone: a device may hold both rows (it merged them from two
 * stations) and learns of the clash from this message on its refused change.
 */
const uniqueClashes: Record<string, (change: Change) => string> = {
  locations_code: (change) =>
    'code' in change.fields
      ? `Location code ${shown(change.fields['code'])} is already used in this organisation. Choose another code and send again.`
      : 'This location’s code is already used by another location in this organisation. Choose another code and send again.',
  stock_batches_code: (change) =>
    'code' in change.fields
      ? `Stock batch code ${shown(change.fields['code'])} is already used in this organisation. Choose another code and send again.`
      : 'This stock batch’s code is already used by another stock batch in this organisation. Choose another code and send again.',
  study_variables_pair: () =>
    'This study already scores that variable (another device added it first). Choose another variable and send again, or discard this change.',
  notes_subject: () =>
    'That record already has a note (another device started one first). Discard this note and write in the existing one.',
};

/** Checks of 001-central-schema.sql that span several fields, which two devices may set separately. */
const fieldClashes: Record<string, (change: Change) => string> = {
  observation_variables_check: (change) => {
    const set = ['minimum', 'maximum'].filter((name) => name in change.fields).map((name) => `${name} ${shown(change.fields[name])}`);
    return `This change would leave the variable’s minimum above its maximum${set.length > 0 ? ` (it sets ${set.join(' and ')}; the other end of the range was changed meanwhile)` : ''}. Choose a minimum no higher than the maximum and send again.`;
  },
};

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
      const clash = dbError.constraint ? uniqueClashes[dbError.constraint] : undefined;
      return {
        code: 'conflict',
        message: clash ? clash(change) : `This ${one} clashes with another one that must be unique. Change it, or edit the existing one instead.`,
      };
    }
    case pgError.notNullViolation:
      return { code: 'invalid-field', message: `${dbError.column ?? 'A required field'} is required: it cannot be empty.` };
    case pgError.checkViolation: {
      const clash = dbError.constraint ? fieldClashes[dbError.constraint] : undefined;
      if (clash) return { code: 'invalid-field', message: clash(change) };
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
