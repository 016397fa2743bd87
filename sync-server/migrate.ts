import type pg from 'pg';
import { AppError } from '../common/errors';
import { centralMigrations, type Migration } from './migrations';

/** Any fixed number: the advisory lock that keeps two server processes from migrating at once. */
const migrationLockKey = 7_262_021;

interface AppliedMigration {
  id: number;
  name: string;
}

export type MigrationState =
  | { state: 'current' }
  | { state: 'behind'; pending: string[] }
  | { state: 'newer'; unknown: string[] };

async function readApplied(client: pg.ClientBase): Promise<AppliedMigration[] | null> {
  const exists = await client.query<{ found: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS found`);
  if (exists.rows[0]?.found !== true) return null;
  const applied = await client.query<AppliedMigration>('SELECT id, name FROM schema_migrations ORDER BY id');
  return applied.rows;
}

function compare(applied: AppliedMigration[], migrations: readonly Migration[]): MigrationState {
  const known = new Map(migrations.map((m) => [m.id, m.name]));
  const unknown = applied.filter((row) => known.get(row.id) !== row.name);
  if (unknown.length > 0) return { state: 'newer', unknown: unknown.map((row) => row.name) };
  const appliedIds = new Set(applied.map((row) => row.id));
  const pending = migrations.filter((m) => !appliedIds.has(m.id)).map((m) => m.name);
  return pending.length > 0 ? { state: 'behind', pending } : { state: 'current' };
}

/** Whether the database holds exactly the migrations this build knows (used by /ready, as any role). */
export async function migrationState(client: pg.ClientBase, migrations = centralMigrations): Promise<MigrationState> {
  const applied = await readApplied(client);
  return compare(applied ?? [], migrations);
}

function newerDatabaseError(unknown: string[]): AppError {
  return new AppError(
    'conflict',
    'This database was migrated by a newer Field Station sync server. Run the newer server, or restore a backup made for this version; nothing has been changed.',
    { unknownMigrations: unknown },
  );
}

/**
 * Row-level security is forced on every tenant table, which binds the owner too; the owner's
 * SECURITY DEFINER lookups (token, enrolment code) and the admin commands need to see across
 * tenants, so the owner must be a superuser or have BYPASSRLS.
 */
export async function assertOwnerBypassesRls(client: pg.ClientBase): Promise<void> {
  const result = await client.query<{ name: string; bypasses: boolean }>(
    'SELECT rolname AS name, rolsuper OR rolbypassrls AS bypasses FROM pg_roles WHERE rolname = current_user',
  );
  const role = result.rows[0];
  if (role?.bypasses !== true) {
    throw new AppError(
      'forbidden',
      `The owner connection uses role ${role?.name ?? '(unknown)'}, which is subject to row-level security. Connect DATABASE_OWNER_URL as the role that owns the tables and give it BYPASSRLS (ALTER ROLE … BYPASSRLS).`,
    );
  }
}

/**
 * Brings the central database up to the known migrations, one transaction each, under an advisory
 * lock. A database holding a migration this build does not know is refused untouched.
 */
export async function migrate(client: pg.ClientBase, migrations = centralMigrations): Promise<number[]> {
  await client.query('SELECT pg_advisory_lock($1)', [migrationLockKey]);
  try {
    const before = await readApplied(client);
    const state = compare(before ?? [], migrations);
    if (state.state === 'newer') throw newerDatabaseError(state.unknown);
    if (state.state === 'current') return [];
    await assertOwnerBypassesRls(client);
    if (before === null) {
      await client.query(`CREATE TABLE schema_migrations (
        id integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    }
    const appliedIds = new Set((before ?? []).map((row) => row.id));
    const ran: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
      if (appliedIds.has(migration.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      ran.push(migration.id);
    }
    return ran;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [migrationLockKey]);
  }
}
