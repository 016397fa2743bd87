import { entities, entityNames, entitySchemaVersion, type EntityName } from '../../common/entities';
import { AppError } from '../../common/errors';
import { encodeClock, tick, type ClockState } from '../../common/hybrid-clock';
import type { EnrolResponse } from '../../common/sync-protocol';
import type { ReplicaTx } from '../replica/replica';
import type { LocalIdentity } from '../stations/station-session';
import { queueFullPush } from './full-push';

/** Columns of every table that point at rows of `target` (e.g. observations.collector_id → users). */
function referencesTo(target: EntityName): { table: string; column: string }[] {
  return entityNames.flatMap((name) =>
    Object.entries(entities[name].fields as Record<string, { references?: EntityName }>)
      .filter(([, field]) => field.references === target)
      .map(([column]) => ({ table: entities[name].table, column })),
  );
}

export interface StoredConnection {
  serverUrl: string;
  tenantName: string;
  userName: string;
  role: string;
  stationIds: string[] | null;
  /** The device token, encrypted with the OS keychain when the shell offers one. */
  token: { encoding: 'keychain' | 'plain'; value: string };
}

/**
 * Makes a replica part of the server's tenant after enrolment, in one transaction. A station used
 * only on this computer so far becomes the tenant's: its rows move to the server's tenant, user
 * and device ids, and every row is queued to be pushed. A station that already belongs to another
 * tenant is refused rather than mixed.
 */
export async function adoptServerIdentity(
  tx: ReplicaTx,
  local: LocalIdentity & { neverSynced: boolean; clock: ClockState },
  enrolment: EnrolResponse,
  connection: StoredConnection,
): Promise<{ identity: LocalIdentity; queued: number }> {
  const identity: LocalIdentity = { tenantId: enrolment.tenantId, deviceId: enrolment.deviceId, userId: enrolment.userId };
  if (!local.neverSynced && local.tenantId !== enrolment.tenantId) {
    throw new AppError(
      'conflict',
      `This station already syncs with another organisation's server, so it cannot join ${enrolment.tenantName}. Create a new station for this server instead.`,
    );
  }
  let queued = 0;
  const clock = tick(local.clock, Date.now());
  if (local.tenantId !== identity.tenantId) {
    await tx.query('INSERT INTO tenants (id, hlc, name) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING', [
      identity.tenantId,
      encodeClock(clock, identity.deviceId),
      enrolment.tenantName,
    ]);
    for (const name of entityNames) {
      if (name === 'tenants') continue;
      await tx.query(`UPDATE ${entities[name].table} SET tenant_id = $1 WHERE tenant_id = $2`, [identity.tenantId, local.tenantId]);
    }
    await tx.query('DELETE FROM tenants WHERE id = $1', [local.tenantId]);
  }
  const hlc = encodeClock(clock, identity.deviceId);
  await tx.query(
    `INSERT INTO users (id, tenant_id, hlc, name, role) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role`,
    [identity.userId, identity.tenantId, hlc, enrolment.userName, enrolment.role],
  );
  await tx.query(
    `INSERT INTO devices (id, tenant_id, hlc, name, user_id, station_ids) VALUES ($1, $2, $3, 'This computer', $4, $5::uuid[])
     ON CONFLICT (id) DO NOTHING`,
    [identity.deviceId, identity.tenantId, hlc, identity.userId, enrolment.stationIds],
  );
  for (const [target, from, to] of [
    ['users', local.userId, identity.userId],
    ['devices', local.deviceId, identity.deviceId],
  ] as const) {
    if (from === to) continue;
    const historyColumn = target === 'users' ? 'user_id' : 'device_id';
    for (const { table, column } of [...referencesTo(target), { table: 'change_history', column: historyColumn }]) {
      await tx.query(`UPDATE ${table} SET ${column} = $1 WHERE ${column} = $2`, [to, from]);
    }
  }
  if (local.deviceId !== identity.deviceId) await tx.query('DELETE FROM devices WHERE id = $1', [local.deviceId]);
  if (local.userId !== identity.userId) await tx.query('DELETE FROM users WHERE id = $1', [local.userId]);
  if (local.neverSynced) queued = await queueFullPush(tx, hlc, entitySchemaVersion);
  await tx.query(
    `INSERT INTO replica_state (key, value) VALUES
       ('identity', $1::jsonb), ('clock', $2::jsonb), ('never_synced', 'false'::jsonb), ('connection', $3::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [JSON.stringify(identity), JSON.stringify(clock), JSON.stringify(connection)],
  );
  return { identity, queued };
}
