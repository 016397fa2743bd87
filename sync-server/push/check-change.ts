import { entities, type EntityName, type FieldDefinition } from '../../common/entities';
import { fieldValueProblem } from '../../common/field-values';
import { checkValue, type Scale } from '../../common/scale-validation';
import { decodeClock } from '../../common/hybrid-clock';
import { maxClockAheadMs, type Change, type RejectionCode } from '../../common/sync-protocol';
import type { Role } from '../../common/vocabulary';
import { manyOf, oneOf } from '../../common/entity-labels';
import { isStockManagerChange, mayManageStock } from '../../common/stock/stock-roles';

export interface Rejection {
  code: RejectionCode;
  message: string;
}

/** What the check needs to know about the tenant and the push so far. */
export interface CheckContext {
  role: Role | null;
  /** The highest entity schema version this server understands. */
  knownSchemaVersion: number;
  exists(entity: EntityName, id: string): boolean;
  rejectedEarlier(entity: EntityName, id: string): boolean;
  scaleOf(variableId: string): Scale | null;
  /** The server's wall clock now (ms). */
  nowMs: number;
}

const reject = (code: RejectionCode, message: string): Rejection => ({ code, message });

function checkRole(change: Change, role: Role | null): Rejection | null {
  if (role === null) {
    return reject('forbidden', 'This device is not linked to a user with a role, so it cannot change data. Ask your administrator to enrol it again.');
  }
  if (role === 'viewer') {
    return reject('forbidden', `Your role (viewer) can look at data but not change it, so this change to ${manyOf(change.entity)} was refused. Ask your administrator for a role that can record, or discard the change.`);
  }
  if (entities[change.entity].merge === 'server') {
    return reject('forbidden', `${capitalise(manyOf(change.entity))} are managed by the central office; a device cannot change them. Discard this change.`);
  }
  return null;
}

/** Adjustments and count approvals are the station manager's (common/stock/stock-roles.ts). */
function checkStockRole(change: Change, role: Role | null): Rejection | null {
  const decision = isStockManagerChange(change.entity, change.fields);
  if (decision === null || mayManageStock(role)) return null;
  const what = decision === 'adjustment' ? 'post stock adjustments' : 'approve stock counts';
  return reject('forbidden', `Only a station manager can ${what}; your role (${role ?? 'none'}) cannot, so this ${decision} was refused. Ask your station manager to do it, or discard the change.`);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function checkFields(change: Change): Rejection | null {
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  for (const [name, value] of Object.entries(change.fields)) {
    const field = definition[name];
    if (!field) {
      return reject('invalid-field', `${capitalise(manyOf(change.entity))} have no field "${name.slice(0, 60)}" that a device may set. Update Field Station, or discard this change.`);
    }
    const problem = fieldValueProblem(name, field, value);
    if (problem) return reject('invalid-field', problem);
  }
  return null;
}

function checkReferences(change: Change, context: CheckContext): Rejection | null {
  const definition: Record<string, FieldDefinition> = entities[change.entity].fields;
  for (const [name, value] of Object.entries(change.fields)) {
    const target = definition[name]?.references;
    if (!target || typeof value !== 'string' || context.exists(target, value)) continue;
    if (context.rejectedEarlier(target, value)) {
      return reject('depends-on-rejected', `${name} points to a ${oneOf(target)} whose own change was refused earlier in this sync. Fix or discard that change first; this one is kept until then.`);
    }
    return reject('unknown-reference', `${name} points to a ${oneOf(target)} (${value}) that the server does not have. Sync the device that created it first, or choose another ${oneOf(target)}.`);
  }
  return null;
}

function checkRowExists(change: Change, context: CheckContext): Rejection | null {
  if (change.operation === 'insert' || context.exists(change.entity, change.rowId)) return null;
  if (context.rejectedEarlier(change.entity, change.rowId)) {
    return reject('depends-on-rejected', `This ${change.operation} is for a ${oneOf(change.entity)} whose creation was refused earlier in this sync. Fix or discard that change first; this one is kept until then.`);
  }
  return reject('unknown-reference', `This ${change.operation} is for a ${oneOf(change.entity)} the server does not have (its creation never reached the server or was refused). Fix or discard the change that created it first.`);
}

const photoReference = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$/i;

/** An observation's value, against its variable's scale (the same check the app makes at entry). */
function checkObservationValue(change: Change, context: CheckContext): Rejection | null {
  const value = change.fields['value'];
  const variableId = change.fields['variable_id'];
  if (typeof value !== 'string' || typeof variableId !== 'string') return null;
  // An empty value that replaces an earlier one clears it (an undo with nothing before it).
  if (value === '' && typeof change.fields['supersedes_id'] === 'string') return null;
  const scale = context.scaleOf(variableId);
  if (!scale) return null;
  if (scale.scaleType === 'photo') {
    // A photo variable's value names the photo (its id or content hash); the photo panel sets it.
    return photoReference.test(value) ? null : reject('invalid-value', `${scale.name} is a photo: its value must name a photo (its id or SHA-256), not "${value.slice(0, 40)}".`);
  }
  const checked = checkValue(scale, value);
  return checked.ok ? null : reject('invalid-value', checked.message);
}

const dayMs = 24 * 60 * 60 * 1000;

/** A clock too far ahead of the server's: the device's date is wrong (see maxClockAheadMs). */
function checkClock(change: Change, nowMs: number): Rejection | null {
  let wallMs: number;
  try {
    wallMs = decodeClock(change.hlc).wallMs;
  } catch {
    return reject('invalid-field', 'This change carries no valid clock value. Update Field Station, or discard this change.');
  }
  if (wallMs <= nowMs + maxClockAheadMs) return null;
  const stamped = new Date(wallMs).toISOString().slice(0, 16).replace('T', ' ');
  const ahead = Math.round((wallMs - nowMs) / dayMs);
  return reject(
    'invalid-field',
    `This change is dated ${stamped} UTC, ${ahead} day${ahead === 1 ? '' : 's'} ahead of the server: this computer's date or time is wrong. Correct the computer's date and time, then discard this change and enter it again (it is kept until you do).`,
  );
}

/**
 * Decides whether one change may be applied, in this order: role and merge rule, clock, schema version,
 * operation, field names and types, the row itself, references (in push order), value against scale.
 * Database-level refusals (unique codes and the like) come later, from the write itself.
 */
export function checkChange(change: Change, context: CheckContext): Rejection | null {
  const roleProblem = checkRole(change, context.role) ?? checkStockRole(change, context.role) ?? checkClock(change, context.nowMs);
  if (roleProblem) return roleProblem;
  if (change.schemaVersion > context.knownSchemaVersion) {
    return reject('unsupported-schema', `This change was made by a newer Field Station (data version ${change.schemaVersion}; this server knows up to ${context.knownSchemaVersion}). The server must be updated before it can take it; the change is kept on the device.`);
  }
  if (entities[change.entity].merge === 'append' && change.operation !== 'insert') {
    return reject('invalid-field', `${capitalise(manyOf(change.entity))} are facts: they are only ever added, never changed or deleted. Record a new one that supersedes it instead.`);
  }
  return checkFields(change) ?? checkRowExists(change, context) ?? checkReferences(change, context) ?? checkObservationValue(change, context);
}
