import type { ApiArgs, RecordedObservation } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { checkValue, type Scale } from '../../common/scale-validation';
import type { EntityChange } from '../replica/entity-writes';
import type { StationSession } from '../stations/station-session';
import { getVariable } from '../trials/trial-queries';
import { findCurrentObservationId, unitExists } from './observation-queries';

export interface ObservationDraft {
  unitId: string;
  variableId: string;
  /** The checked value ('' clears: it replaces an earlier value with none). */
  value: string;
  valueNumber: number | null;
  timepoint: string | null;
  supersedes: string | null;
}

/** The insert of one observation by this device's user, stamped now. */
export function observationChange(session: StationSession, draft: ObservationDraft, observedAt: string): EntityChange {
  return {
    entity: 'observations',
    operation: 'insert',
    rowId: newId(),
    fields: {
      unit_id: draft.unitId,
      variable_id: draft.variableId,
      value: draft.value,
      value_number: draft.valueNumber,
      timepoint: draft.timepoint,
      observed_at: observedAt,
      collector_id: session.identity.userId,
      device_id: session.identity.deviceId,
      supersedes_id: draft.supersedes,
    },
  };
}

/** The variable and plot a value is for, both still part of the station; else a not-found error. */
export async function requireTarget(session: StationSession, unitId: string, variableId: string): Promise<Scale> {
  const variable = await getVariable(session.replica, variableId);
  if (!variable) throw new AppError('not-found', 'That variable is not part of this station any more.', { field: 'variableId' });
  if (!(await unitExists(session.replica, unitId))) {
    throw new AppError('not-found', 'That plot is not part of this station any more.', { field: 'unitId' });
  }
  return variable;
}

/** A typed value checked against the variable's scale; the refusal names the valid range. */
export function checkedValue(scale: Scale, value: string): { value: string; numeric: number | null } {
  const checked = checkValue(scale, value);
  if (!checked.ok) throw new AppError('validation', checked.message, { field: 'value' });
  return { value: checked.value, numeric: checked.numeric };
}

/**
 * Records one value for a plot and variable: checked against the variable's scale, written with
 * its outbox entry in one transaction, and durable on disk before this resolves. A new value for
 * the same plot, variable and timepoint supersedes the previous one, which stays in history.
 */
export async function recordObservation(session: StationSession, args: ApiArgs<'observations:record'>): Promise<RecordedObservation> {
  const scale = await requireTarget(session, args.unitId, args.variableId);
  const checked = checkedValue(scale, args.value);
  const timepoint = args.timepoint ?? null;
  const supersedes = await findCurrentObservationId(session.replica, args.unitId, args.variableId, timepoint);
  const observedAt = new Date().toISOString();
  const change = observationChange(session, { unitId: args.unitId, variableId: args.variableId, value: checked.value, valueNumber: checked.numeric, timepoint, supersedes }, observedAt);
  await session.write([change]);
  return { id: change.rowId, unitId: args.unitId, variableId: args.variableId, value: checked.value, observedAt };
}
