// The sync server: npm run sync-server (DATABASE_URL, DATABASE_OWNER_URL, PORT, HOST, LOG_LEVEL).
import { pino } from 'pino';
import { readConfig } from './config';
import { createSyncServer } from './create-server';
import { runMigrations } from './run-migrations';
import { stopOnSignals } from './stop-on-signals';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const log = pino({ name: 'sync-server', level: config.logLevel });
  const applied = await runMigrations(config.ownerDatabaseUrl);
  log.info({ applied }, applied.length > 0 ? 'migrated the database' : 'database migrations are current');
  const server = await createSyncServer({ databaseUrl: config.databaseUrl, logLevel: config.logLevel });
  await server.app.listen({ port: config.port, host: config.host });
  stopOnSignals(() => server.close(), log);
}

main().catch((error: unknown) => {
  process.stderr.write(`The sync server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
