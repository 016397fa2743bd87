import type pg from 'pg';
import { AppError } from '../../common/errors';

/**
 * Refuses to serve through a role that row-level security does not bind (a superuser, a BYPASSRLS
 * role, or the tables' owner): with such a role one faulty query could cross tenants.
 */
export async function assertAppRoleIsConfined(pool: pg.Pool): Promise<void> {
  const result = await pool.query<{ name: string; privileged: boolean; owned: number }>(
    `SELECT r.rolname AS name, r.rolsuper OR r.rolbypassrls AS privileged,
            (SELECT count(*)::int FROM pg_tables t WHERE t.schemaname = 'public' AND t.tableowner = r.rolname) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
  );
  const role = result.rows[0];
  if (!role || role.privileged || role.owned > 0) {
    throw new AppError(
      'forbidden',
      `DATABASE_URL connects as role ${role?.name ?? '(unknown)'}, which ${role?.privileged ? 'bypasses row-level security' : 'owns the tables'}. Connect the server as fieldstation_app (a role that owns nothing), and give the owner role to DATABASE_OWNER_URL for migrations.`,
    );
  }
}
