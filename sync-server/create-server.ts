import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { registerEnrol } from './enrol';
import { startChangeListener } from './change-listener';
import { assertAppRoleIsConfined } from './db/app-role';
import { registerHealth } from './health';
import { registerErrorHandling } from './http-errors';
import { TenantNotifier } from './notify';
import { registerPull } from './pull';
import { registerPush } from './push/push-route';
import { registerRowRead } from './row-read';
import { ServerClock } from './server-clock';
import { registerSnapshot } from './snapshot';
import type { ServerDeps } from './server-deps';

export interface SyncServerConfig {
  /** Connection string of the application role (fieldstation_app). */
  databaseUrl: string;
  bodyLimitBytes?: number;
  longPollTimeoutMs?: number;
  logLevel?: string;
  poolSize?: number;
}

export interface SyncServer {
  app: FastifyInstance;
  notifier: TenantNotifier;
  close(): Promise<void>;
}

export const defaultBodyLimitBytes = 10 * 1024 * 1024;
export const defaultLongPollTimeoutMs = 25_000;

/** Builds the sync server (not yet listening), so tests can start it in-process on port 0. */
export async function createSyncServer(config: SyncServerConfig): Promise<SyncServer> {
  const bodyLimitBytes = config.bodyLimitBytes ?? defaultBodyLimitBytes;
  const app = Fastify({
    logger: { level: config.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: bodyLimitBytes,
    forceCloseConnections: true,
  });
  const pool = new pg.Pool({
    connectionString: config.databaseUrl,
    max: config.poolSize ?? 20,
    statement_timeout: 60_000,
    idle_in_transaction_session_timeout: 60_000,
  });
  pool.on('error', (error) => app.log.warn({ err: error }, 'an idle database connection failed'));
  try {
    await assertAppRoleIsConfined(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const notifier = new TenantNotifier();
  const listener = await startChangeListener(config.databaseUrl, notifier, app.log).catch(async (error: unknown) => {
    await pool.end();
    throw error;
  });
  const deps: ServerDeps = {
    pool,
    notifier,
    clock: new ServerClock(),
    longPollTimeoutMs: config.longPollTimeoutMs ?? defaultLongPollTimeoutMs,
    bodyLimitBytes,
  };

  app.removeContentTypeParser('text/plain'); // JSON only: anything else is answered 415
  registerErrorHandling(app, bodyLimitBytes);
  registerHealth(app, deps);
  registerEnrol(app, deps);
  registerPush(app, deps);
  registerPull(app, deps);
  registerRowRead(app, deps);
  registerSnapshot(app, deps);

  // Long-polls answer at once on shutdown; then the database connections close.
  app.addHook('preClose', async () => notifier.wakeAll('closed'));
  app.addHook('onClose', async () => {
    await listener.stop();
    await pool.end();
  });
  return { app, notifier, close: () => app.close() };
}
