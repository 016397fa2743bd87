import pg from 'pg';
import { migrate } from './migrate';

/** Migrates the central database over the owner connection; returns the ids applied. */
export async function runMigrations(ownerUrl: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    return await migrate(client);
  } finally {
    await client.end();
  }
}
