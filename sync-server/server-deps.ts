import type pg from 'pg';
import type { TenantNotifier } from './notify';
import type { ServerClock } from './server-clock';

/** What route modules share: the app-role pool, the change notifier, the server clock, limits. */
export interface ServerDeps {
  pool: pg.Pool;
  notifier: TenantNotifier;
  clock: ServerClock;
  longPollTimeoutMs: number;
  bodyLimitBytes: number;
}
