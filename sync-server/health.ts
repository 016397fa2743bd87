import type { FastifyInstance } from 'fastify';
import { AppError } from '../common/errors';
import { migrationState } from './migrate';
import type { ServerDeps } from './server-deps';

/** GET /health: the process is up. GET /ready: the database answers and holds exactly this build's migrations. */
export function registerHealth(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/ready', async () => {
    const client = await deps.pool.connect();
    try {
      const state = await migrationState(client);
      if (state.state === 'behind') {
        throw new AppError('offline', 'The database is reachable but its migrations are behind this server. Start the server with DATABASE_OWNER_URL so it can migrate.', { pending: state.pending });
      }
      if (state.state === 'newer') {
        throw new AppError('offline', 'The database was migrated by a newer sync server than this one. Run the newer server.', { unknownMigrations: state.unknown });
      }
      return { status: 'ready' };
    } finally {
      client.release();
    }
  });
}
