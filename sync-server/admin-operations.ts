import type pg from 'pg';
import { AppError } from '../common/errors';
import { newId, uuidPattern } from '../common/ids';
import { roles, type Role } from '../common/vocabulary';
import { appendToLog } from './change-log';
import { asDatabaseError, pgError } from './db/pg-errors';
import { withTenantTransaction, withTransaction } from './db/transaction';
import { enrolmentCodeLifetimeMs, hashSecret, newEnrolmentCode, normaliseEnrolmentCode } from './enrolment-codes';
import type { ServerClock } from './server-clock';

/**
 * What the admin command line does, as functions (the test harness and sync-server:local use them
 * too). They run on the owner connection; tenant rows still go through a tenant-scoped
 * transaction and into the tenant's change log, so devices receive users and devices by pull.
 */

const noAuthor = { userId: null, deviceId: null };

function requireId(what: string, id: string): void {
  if (!uuidPattern.test(id)) throw new AppError('validation', `${what} must be an id such as 0193c3a4-…; "${id}" is not one.`);
}

function missingParent(error: unknown, message: string): never {
  if (asDatabaseError(error)?.code === pgError.foreignKeyViolation) throw new AppError('not-found', message);
  throw error;
}

export async function createTenant(pool: pg.Pool, clock: ServerClock, name: string): Promise<string> {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 200) throw new AppError('validation', 'A tenant needs a name of 1 to 200 characters.');
  const id = newId();
  const hlc = clock.next();
  await withTenantTransaction(pool, id, async (tx) => {
    await tx.query('INSERT INTO tenants (id, hlc, name) VALUES ($1, $2, $3)', [id, hlc, trimmed]);
    await tx.query('INSERT INTO tenant_sequences (tenant_id, last_seq) VALUES ($1, 0)', [id]);
    await appendToLog(tx, [{ changeId: newId(), entity: 'tenants', operation: 'insert', rowId: id, fields: { name: trimmed }, hlc }], noAuthor);
  });
  return id;
}

export interface NewUser {
  tenantId: string;
  name: string;
  role: string;
  email?: string | null;
}

export async function createUser(pool: pg.Pool, clock: ServerClock, user: NewUser): Promise<string> {
  requireId('--tenant', user.tenantId);
  const role: Role | undefined = roles.find((r) => r === user.role);
  if (!role) throw new AppError('validation', `--role must be one of ${roles.join(', ')}; "${user.role}" is not.`);
  if (user.name.trim() === '') throw new AppError('validation', 'A user needs a name.');
  const id = newId();
  const hlc = clock.next();
  const fields = { name: user.name.trim(), email: user.email ?? null, role };
  await withTenantTransaction(pool, user.tenantId, async (tx) => {
    await tx.query('INSERT INTO users (id, tenant_id, hlc, name, email, role) VALUES ($1, $2, $3, $4, $5, $6)', [
      id, user.tenantId, hlc, fields.name, fields.email, role,
    ]);
    await appendToLog(tx, [{ changeId: newId(), entity: 'users', operation: 'insert', rowId: id, fields, hlc }], noAuthor);
  }).catch((error: unknown) => missingParent(error, `There is no tenant ${user.tenantId}. Check the id printed by create-tenant.`));
  return id;
}

export interface EnrolmentGrant {
  tenantId: string;
  userId: string;
  stationIds?: string[] | null;
  validForMs?: number;
}

export interface IssuedCode {
  code: string;
  expiresAt: Date;
}

/** Issues a one-time enrolment code for a user's new device; only the code's hash is stored. */
export async function createEnrolmentCode(pool: pg.Pool, grant: EnrolmentGrant): Promise<IssuedCode> {
  requireId('--tenant', grant.tenantId);
  requireId('--user', grant.userId);
  for (const station of grant.stationIds ?? []) requireId('--stations', station);
  const code = newEnrolmentCode();
  const expiresAt = new Date(Date.now() + (grant.validForMs ?? enrolmentCodeLifetimeMs));
  await withTenantTransaction(pool, grant.tenantId, (tx) =>
    tx.query('INSERT INTO enrolment_codes (code_hash, tenant_id, user_id, station_ids, expires_at) VALUES ($1, $2, $3, $4::uuid[], $5)', [
      hashSecret(normaliseEnrolmentCode(code)), grant.tenantId, grant.userId, grant.stationIds ?? null, expiresAt,
    ]),
  ).catch((error: unknown) => missingParent(error, `There is no user ${grant.userId} in tenant ${grant.tenantId}. Check the ids printed by create-user.`));
  return { code, expiresAt };
}

export interface RevokedDevice {
  deviceId: string;
  tenantId: string;
  name: string;
}

/** Revokes a device: its token stops working at once (the next request gets 401 "revoked"). */
export async function revokeDevice(pool: pg.Pool, deviceId: string): Promise<RevokedDevice> {
  requireId('--device', deviceId);
  const rows = await withTransaction(pool, async (client) =>
    (await client.query<{ tenant_id: string; name: string }>(
      `UPDATE devices SET revoked_at = coalesce(revoked_at, now()), updated_at = now() WHERE id = $1 RETURNING tenant_id::text, name`,
      [deviceId],
    )).rows,
  );
  const row = rows[0];
  if (!row) throw new AppError('not-found', `There is no device ${deviceId}. Check the id in the device list.`);
  return { deviceId, tenantId: row.tenant_id, name: row.name };
}
