import { AppError } from '../../common/errors';
import { mayManageStock } from '../../common/stock/stock-roles';
import { roles, type Role } from '../../common/vocabulary';
import type { StationSession } from '../stations/station-session';

/** The role of the person using this replica (from the users the server sends, or the local station's own). */
export async function currentRole(session: StationSession): Promise<Role | null> {
  const rows = await session.replica.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [session.identity.userId]);
  const role = rows[0]?.role;
  return (roles as readonly string[]).includes(role ?? '') ? (role as Role) : null;
}

/** Anyone who may record stock work: every role but viewer. */
export async function requireRecorder(session: StationSession): Promise<Role> {
  const role = await currentRole(session);
  if (role === null || role === 'viewer') {
    throw new AppError(
      'forbidden',
      `Your role (${role ?? 'none'}) can look at stock but not change it. Ask your administrator for a role that can record.`,
    );
  }
  return role;
}

/** Decisions on the stock figures (adjustments, count approvals) are the station manager's. */
export async function requireStockManager(session: StationSession, what: string): Promise<Role> {
  const role = await requireRecorder(session);
  if (!mayManageStock(role)) {
    throw new AppError(
      'forbidden',
      `Only a station manager can ${what}. Your role is ${role}: ask your station manager to do it${what.includes('adjust') ? ', or record a count for them to approve' : ''}.`,
      { role },
    );
  }
  return role;
}
