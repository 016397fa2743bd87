import type pg from 'pg';
import { AppError } from '../common/errors';
import { roles, type Role } from '../common/vocabulary';
import { hashSecret } from './enrolment-codes';

/** Who is asking: everything the server knows about the device behind a token. */
export interface DeviceContext {
  deviceId: string;
  tenantId: string;
  userId: string | null;
  role: Role | null;
  stationIds: string[] | null;
}

interface TokenRow {
  device_id: string;
  tenant_id: string;
  user_id: string | null;
  role: string | null;
  station_ids: string[] | null;
  revoked: boolean;
}

const bearer = /^Bearer ([A-Za-z0-9_-]{16,200})$/;

const notEnrolled = (): AppError =>
  new AppError('unauthorized', 'This device is not connected to the sync server. Connect it with an enrolment code from your administrator.', { reason: 'missing-token' });

const unknownToken = (): AppError =>
  new AppError('unauthorized', "The sync server does not recognise this device. Connect it again with a new enrolment code from your administrator; the work on this device is kept.", { reason: 'unknown-token' });

const revokedDevice = (): AppError =>
  new AppError('unauthorized', 'This device was revoked by an administrator and can no longer sync. Ask your administrator to enrol it again; the work on this device is kept.', { reason: 'revoked' });

function asRole(value: string | null): Role | null {
  return roles.find((role) => role === value) ?? null;
}

/**
 * Finds the device behind `Authorization: Bearer <token>`. The lookup runs before the tenant is
 * known, so it goes through the owner's SECURITY DEFINER function, by the token's hash only.
 */
export async function authenticate(pool: pg.Pool, authorization: string | undefined): Promise<DeviceContext> {
  const match = bearer.exec(authorization?.trim() ?? '');
  if (!match?.[1]) throw authorization ? unknownToken() : notEnrolled();
  const result = await pool.query<TokenRow>(
    'SELECT device_id::text, tenant_id::text, user_id::text, role, station_ids::text[], revoked FROM device_for_token($1)',
    [hashSecret(match[1])],
  );
  const row = result.rows[0];
  if (!row) throw unknownToken();
  if (row.revoked) throw revokedDevice();
  return { deviceId: row.device_id, tenantId: row.tenant_id, userId: row.user_id, role: asRole(row.role), stationIds: row.station_ids };
}
