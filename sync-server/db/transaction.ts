import type pg from 'pg';
import { isRetryable } from './pg-errors';

/** A transaction whose every statement sees only one tenant's rows (row-level security). */
export interface TenantTx {
  readonly tenantId: string;
  query<R extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>;
}

const maxAttempts = 3;

async function runOnce<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** One transaction; run again from the start after a deadlock or serialization failure. */
export async function withTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runOnce(pool, work);
    } catch (error) {
      if (attempt >= maxAttempts || !isRetryable(error)) throw error;
    }
  }
}

/**
 * Scopes the transaction to a tenant: `set_config(…, true)` is SET LOCAL, so the setting ends with
 * the transaction and can never leak to the next user of the pooled connection.
 */
export async function setTenant(client: pg.ClientBase, tenantId: string): Promise<TenantTx> {
  await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
  return {
    tenantId,
    query: async <R extends pg.QueryResultRow>(sql: string, params?: unknown[]) => (await client.query<R>(sql, params)).rows,
  };
}

/** The usual way in: a transaction scoped to the tenant of the device (or admin command) asking. */
export function withTenantTransaction<T>(pool: pg.Pool, tenantId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  return withTransaction(pool, async (client) => work(await setTenant(client, tenantId)));
}
