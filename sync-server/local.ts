// npm run sync-server:local — a throwaway Postgres + PostGIS cluster, a migrated central database,
// a demo tenant, user and enrolment code, and the sync server on it. Ctrl-C stops both.
import { pino } from 'pino';
import { startPgCluster } from '../test/harness/pg-cluster';
import { createEnrolmentCode, createTenant, createUser } from './admin-operations';
import { createSyncServer } from './create-server';
import { provisionCentralDatabase } from './local-database';
import pg from 'pg';
import { ServerClock } from './server-clock';
import { stopOnSignals } from './stop-on-signals';

const log = pino({ name: 'sync-server:local', level: process.env['LOG_LEVEL'] ?? 'info' });
const out = (text: string): void => void process.stdout.write(`${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const cluster = await startPgCluster();
  try {
    const central = await provisionCentralDatabase(cluster.superuserUrl(), 'fieldstation');
    const owner = new pg.Pool({ connectionString: central.ownerUrl, max: 2 });
    owner.on('error', () => undefined);
    const clock = new ServerClock();
    const tenantId = await createTenant(owner, clock, 'Demo breeding company');
    const userId = await createUser(owner, clock, { tenantId, name: 'Demo agronomist', role: 'agronomist' });
    const issued = await createEnrolmentCode(owner, { tenantId, userId });
    await owner.end();

    const server = await createSyncServer({ databaseUrl: central.appUrl, logLevel: process.env['LOG_LEVEL'] ?? 'info' });
    const port = Number(process.env['PORT'] ?? 8787);
    const address = await server.app.listen({ port, host: process.env['HOST'] ?? '127.0.0.1' });
    out('');
    out(`Field Station sync server (local, throwaway) ready in ${Date.now() - started} ms`);
    out(`  server URL:       ${address}`);
    out(`  tenant:           ${tenantId} (Demo breeding company)`);
    out(`  user:             ${userId} (Demo agronomist, agronomist)`);
    out(`  enrolment code:   ${issued.code} (one use, expires ${issued.expiresAt.toISOString()})`);
    out(`  DATABASE_URL:       ${central.appUrl}`);
    out(`  DATABASE_OWNER_URL: ${central.ownerUrl}  (for npm run server:admin)`);
    out('Ctrl-C stops the server and deletes the database.');
    stopOnSignals(async () => {
      await server.close();
      await cluster.stop();
    }, log);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'could not start the local sync server');
  process.exit(1);
});
