import { z } from 'zod';
import type { ReplicaTx } from '../replica/replica';

/**
 * Secondary indexes of a large table are built once after its snapshot is loaded rather than kept
 * up row by row during COPY (as pg_restore does): loading a million observations then takes about
 * half the time. Only non-unique indexes are deferred; primary keys and unique rules stay in force.
 * The definitions are kept in the initial-sync progress, so a resumed sync still rebuilds them.
 */

export const deferredIndexSchema = z.object({ table: z.string(), name: z.string(), definition: z.string() }).strict();
export type DeferredIndex = z.infer<typeof deferredIndexSchema>;

const identifier = /^[a-z_][a-z0-9_]*$/;

/** Drops the non-unique indexes of `table` and returns how to build them again. */
export async function deferIndexes(tx: ReplicaTx, table: string): Promise<DeferredIndex[]> {
  const result = await tx.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname = $1 AND NOT i.indisunique AND NOT i.indisprimary
      ORDER BY c.relname`,
    [table],
  );
  const deferred = result.rows.filter((row) => identifier.test(row.name));
  for (const index of deferred) await tx.query(`DROP INDEX ${index.name}`);
  return deferred.map((index) => ({ table, ...index }));
}

/** Builds the deferred indexes again (those not already there). */
export async function rebuildIndexes(tx: ReplicaTx, indexes: readonly DeferredIndex[]): Promise<void> {
  if (indexes.length === 0) return;
  await tx.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const index of indexes) {
    const exists = await tx.query(`SELECT 1 FROM pg_class WHERE relname = $1 AND relkind = 'i'`, [index.name]);
    if (exists.rows.length === 0 && identifier.test(index.name)) await tx.query(index.definition);
  }
}
