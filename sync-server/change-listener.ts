import pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import { changesChannel } from './change-log';
import type { TenantNotifier } from './notify';

const payloadPattern = /^([0-9a-f-]{36}):(\d{1,19})$/;
const maxRetryMs = 30_000;

export interface ChangeListener {
  stop(): Promise<void>;
}

/**
 * Listens on the changes channel (a dedicated connection: LISTEN needs a session) and feeds the
 * notifier, so commits made by any server process wake this process's long-polls. When the
 * connection drops it reconnects with backoff and wakes every waiter, which then reads the log
 * again: a notification lost in between costs one extra read, never a missed change.
 */
export async function startChangeListener(connectionString: string, notifier: TenantNotifier, log: FastifyBaseLogger): Promise<ChangeListener> {
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryMs = 500;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    next.on('notification', (message) => {
      const match = payloadPattern.exec(message.payload ?? '');
      if (match?.[1] && match[2]) notifier.publish(match[1], BigInt(match[2]));
    });
    next.on('error', (error) => {
      log.warn({ err: error }, 'change listener lost its database connection; reconnecting');
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${changesChannel}`);
    } catch (error) {
      await next.end().catch(() => undefined);
      throw error;
    }
    client = next;
    retryMs = 500;
  };

  const scheduleReconnect = (failed: pg.Client): void => {
    if (stopped || client !== failed || retryTimer) return;
    client = null;
    failed.end().catch(() => undefined);
    const attempt = (): void => {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        if (stopped) return;
        connect().then(
          () => notifier.wakeAll('changed'),
          (error: unknown) => {
            log.warn({ err: error, retryMs }, 'change listener could not reconnect yet');
            retryMs = Math.min(retryMs * 2, maxRetryMs);
            attempt();
          },
        );
      }, retryMs);
    };
    attempt();
  };

  await connect();
  return {
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
