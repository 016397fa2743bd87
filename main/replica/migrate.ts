import type { PGlite } from '@electric-sql/pglite';
import { AppError } from '../../common/errors';
import type { Migration } from './migrations';

/**
 * Brings a database up to the known migrations, one transaction each. A database that holds a
 * migration this build does not know was written by a newer Field Station: it is refused untouched.
 */
export async function migrate(db: PGlite, migrations: readonly Migration[]): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    id integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = await db.query<{ id: number; name: string }>('SELECT id, name FROM schema_migrations ORDER BY id');
  const known = new Map(migrations.map((m) => [m.id, m]));
  const unknown = applied.rows.filter((row) => known.get(row.id)?.name !== row.name);
  if (unknown.length > 0) {
    throw new AppError(
      'conflict',
      'This station was last opened by a newer version of Field Station. Update Field Station to open it; nothing in it has been changed.',
      { problem: 'newer-schema', unknownMigrations: unknown.map((row) => row.name) },
    );
  }
  const appliedIds = new Set(applied.rows.map((row) => row.id));
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.id - b.id)) {
    if (appliedIds.has(migration.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (id, name) VALUES ($1, $2)', [migration.id, migration.name]);
    });
    ran.push(migration.id);
  }
  return ran;
}
