import type { CurrentUser, GermplasmSummary } from '../../common/api-contract';
import { roles } from '../../common/vocabulary';
import type { StationSession } from './station-session';

/**
 * Who is working on this station: the user and device every change is recorded under, and the
 * user's role, so screens can say up front what the services would refuse (the services still
 * check it: this is for the screen only).
 */
export async function currentUser(session: StationSession): Promise<CurrentUser> {
  const { userId, deviceId } = session.identity;
  const [user] = await session.replica.query<{ name: string; role: string }>('SELECT name, role FROM users WHERE id = $1', [userId]);
  const [device] = await session.replica.query<{ name: string }>('SELECT name FROM devices WHERE id = $1', [deviceId]);
  return {
    userId,
    name: user?.name ?? null,
    role: roles.find((role) => role === user?.role) ?? null,
    deviceId,
    deviceName: device?.name ?? null,
  };
}

/** The station's germplasm (live rows), by name: for choosing the germplasm of a seed lot or a filter. */
export async function listGermplasm(session: StationSession): Promise<GermplasmSummary[]> {
  const rows = await session.replica.query<{ id: string; name: string; accession_number: string | null; species: string | null }>(
    'SELECT id, name, accession_number, species FROM germplasm WHERE NOT deleted ORDER BY name, accession_number, id',
  );
  return rows.map((row) => ({ id: row.id, name: row.name, accessionNumber: row.accession_number, species: row.species }));
}
