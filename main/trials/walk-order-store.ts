import { defaultWalkOrder, walkOrderSchema, type WalkOrder } from '../../common/walk-order';
import { readState, type StationSession } from '../stations/station-session';

/**
 * The walking order chosen for a study, kept with the station (in its replica_state) so it is the
 * same every time the study is opened on this computer. It is a habit of the people walking this
 * field, not data: it does not sync.
 */
const keyOf = (studyId: string): string => `walk_order:${studyId}`;

export async function getWalkOrder(session: StationSession, studyId: string): Promise<WalkOrder> {
  // An order saved by a newer version that this one cannot read falls back to plot numbers.
  return (await readState(session.replica, keyOf(studyId), walkOrderSchema).catch(() => null)) ?? defaultWalkOrder;
}

export async function setWalkOrder(session: StationSession, studyId: string, order: WalkOrder): Promise<WalkOrder> {
  await session.replica.write(['replica_state'], (tx) =>
    tx.query(`INSERT INTO replica_state (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [keyOf(studyId), JSON.stringify(order)]),
  );
  return order;
}
