import type { ApiArgs, RecordedObservation, UndoneObservation } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import type { StationSession } from '../stations/station-session';
import { currentObservations, observationById } from './observation-history';
import { checkedValue, observationChange, requireTarget } from './record-observation';

/**
 * Undoes a save: observations are facts that other devices may already hold, so nothing is
 * deleted. A new observation replaces the one undone, carrying the value it had replaced (or no
 * value, when there was none before), and history keeps all three.
 */
export async function undoObservation(session: StationSession, args: ApiArgs<'observations:undo'>): Promise<UndoneObservation> {
  const undone = await observationById(session.replica, args.observationId);
  if (!undone) throw new AppError('not-found', 'That value is not on this station any more.', { field: 'observationId' });
  if (!undone.current) {
    throw new AppError('conflict', 'That value was already replaced by a later one, so there is nothing to undo. Look at the history of the plot to see what it holds now.', {
      field: 'observationId',
    });
  }
  const previous = undone.supersedesId === null ? null : await observationById(session.replica, undone.supersedesId);
  const restored = previous?.value ?? '';
  const scale = await requireTarget(session, undone.unitId, undone.variableId);
  const numeric = restored === '' ? null : checkedValue(scale, restored).numeric;
  const change = observationChange(
    session,
    { unitId: undone.unitId, variableId: undone.variableId, value: restored, valueNumber: numeric, timepoint: undone.timepoint, supersedes: undone.id },
    new Date().toISOString(),
  );
  await session.write([change]);
  return { id: change.rowId, unitId: undone.unitId, variableId: undone.variableId, restoredValue: restored === '' ? null : restored };
}

/**
 * Settles a disagreement between devices (two current values for one plot, variable and
 * timepoint): the chosen or newly typed value (or none: an empty value) is recorded once for each current value, each
 * replacing one of them, in one transaction. Afterwards the plot has one current value, and every
 * earlier value stays in history.
 */
export async function resolveConflict(session: StationSession, args: ApiArgs<'observations:resolve-conflict'>): Promise<RecordedObservation> {
  const scale = await requireTarget(session, args.unitId, args.variableId);
  // An empty value keeps "nothing": it clears the plot's value, as an undo with nothing before it does.
  const checked = args.value === '' ? { value: '', numeric: null } : checkedValue(scale, args.value);
  const current = await currentObservations(session.replica, args.unitId, args.variableId, args.timepoint);
  if (new Set(current.map((observation) => observation.value)).size < 2) {
    throw new AppError('conflict', 'This plot no longer has two different values for that variable (someone settled it already). Its current value is shown in the plot history.');
  }
  const observedAt = new Date().toISOString();
  const changes = current.map(({ id: supersedes }) =>
    observationChange(session, { unitId: args.unitId, variableId: args.variableId, value: checked.value, valueNumber: checked.numeric, timepoint: args.timepoint, supersedes }, observedAt),
  );
  await session.write(changes);
  return { id: changes[0]?.rowId ?? '', unitId: args.unitId, variableId: args.variableId, value: checked.value, observedAt };
}
