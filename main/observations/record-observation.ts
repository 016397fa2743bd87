import type { ApiArgs, RecordedObservation } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { newId } from '../../common/ids';
import { checkValue } from '../../common/scale-validation';
import type { StationSession } from '../stations/station-session';
import { getVariable } from '../trials/trial-queries';
import { findCurrentObservationId, unitExists } from './observation-queries';

/**
 * Records one value for a plot and variable: checked against the variable's scale, written with
 * its outbox entry in one transaction, and durable on disk before this resolves. A new value for
 * the same plot, variable and timepoint supersedes the previous one, which stays in history.
 */
export async function recordObservation(
  session: StationSession,
  args: ApiArgs<'observations:record'>,
): Promise<RecordedObservation> {
  const variable = await getVariable(session.replica, args.variableId);
  if (!variable) throw new AppError('not-found', 'That variable is not part of this station any more.', { field: 'variableId' });
  if (!(await unitExists(session.replica, args.unitId))) {
    throw new AppError('not-found', 'That plot is not part of this station any more.', { field: 'unitId' });
  }
  const checked = checkValue(variable, args.value);
  if (!checked.ok) throw new AppError('validation', checked.message, { field: 'value' });

  const timepoint = args.timepoint ?? null;
  const supersedes = await findCurrentObservationId(session.replica, args.unitId, args.variableId, timepoint);
  const id = newId();
  const observedAt = new Date().toISOString();
  await session.write([
    {
      entity: 'observations',
      operation: 'insert',
      rowId: id,
      fields: {
        unit_id: args.unitId,
        variable_id: args.variableId,
        value: checked.value,
        value_number: checked.numeric,
        timepoint,
        observed_at: observedAt,
        collector_id: session.identity.userId,
        device_id: session.identity.deviceId,
        supersedes_id: supersedes,
      },
    },
  ]);
  return { id, unitId: args.unitId, variableId: args.variableId, value: checked.value, observedAt };
}
