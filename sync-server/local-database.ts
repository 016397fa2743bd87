import pg from 'pg';
import { runMigrations } from './run-migrations';

/**
 * Sets up a central database on a cluster where we hold the superuser (the throwaway test and
 * local clusters): the owner role (BYPASSRLS, not superuser), the application role (owns
 * nothing), the database owned by the owner, PostGIS (needs the superuser), then the migrations
 * as the owner. In production a DBA does the same once; see docs/sync-protocol.md.
 */
export const ownerRole = 'fieldstation_owner';
export const appRole = 'fieldstation_app';

export interface CentralDatabase {
  ownerUrl: string;
  appUrl: string;
}

function urlFor(superuserUrl: string, role: string | null, database: string): string {
  const url = new URL(superuserUrl);
  if (role !== null) {
    url.username = role;
    url.password = '';
  }
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function withClient(connectionString: string, work: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

export async function provisionCentralDatabase(superuserUrl: string, database: string): Promise<CentralDatabase> {
  await withClient(superuserUrl, async (client) => {
    const existing = await client.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1)', [[ownerRole, appRole]]);
    const has = (role: string): boolean => existing.rows.some((row) => row.rolname === role);
    if (!has(ownerRole)) await client.query(`CREATE ROLE ${ownerRole} LOGIN NOSUPERUSER BYPASSRLS NOCREATEDB NOCREATEROLE`);
    if (!has(appRole)) await client.query(`CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)} OWNER ${ownerRole}`);
  });
  await withClient(urlFor(superuserUrl, null, database), async (client) => {
    await client.query('CREATE EXTENSION IF NOT EXISTS postgis');
  });
  const central = { ownerUrl: urlFor(superuserUrl, ownerRole, database), appUrl: urlFor(superuserUrl, appRole, database) };
  await runMigrations(central.ownerUrl);
  return central;
}
