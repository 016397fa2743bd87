import { z } from 'zod';
import { columnsOf, entityNames, isMutable, type EntityName, type FieldType } from './entities';
import { cursorSchema } from './sync-protocol';

/**
 * Initial sync by snapshot (docs/sync-protocol.md, "Initial sync"): a fresh device loads the
 * tenant's current rows in chunks with COPY, then pulls the log from the snapshot's cursor.
 * Chunks travel as PostgreSQL binary COPY streams, so the replica loads them without parsing text.
 */

/** The most rows one snapshot chunk returns: facts are narrow; mutable rows carry their field clocks. */
export const maxSnapshotChunk = 100_000;
export const maxMutableSnapshotChunk = 25_000;

/** The most rows the server returns in one chunk of an entity (a larger `limit` gets this many). */
export function snapshotChunkLimit(entity: EntityName): number {
  return isMutable(entity) ? maxMutableSnapshotChunk : maxSnapshotChunk;
}

/** Answer of `GET /v1/snapshot`: the tenant's log position and how many rows each table holds. */
export const snapshotSummarySchema = z
  .object({
    cursor: cursorSchema,
    /** The server's entity definitions (entitySchemaVersion): the binary layout depends on them. */
    schemaVersion: z.number().int().positive(),
    format: z.literal('pgcopy-binary'),
    tables: z.array(z.object({ entity: z.enum(entityNames), rows: z.number().int().nonnegative() }).strict()),
  })
  .strict();
export type SnapshotSummary = z.infer<typeof snapshotSummarySchema>;

/** Response headers of `GET /v1/snapshot/:entity` (the body is the binary COPY stream). */
export const snapshotHeaders = {
  /** The columns of each tuple, in order, comma-separated. */
  columns: 'snapshot-columns',
  /** How many rows the chunk holds. */
  rows: 'snapshot-rows',
  /** The greatest row id in the chunk: `after` for the next chunk (absent when the chunk is empty). */
  lastId: 'snapshot-last-id',
  /** "true" when the table has rows after this chunk. */
  hasMore: 'snapshot-has-more',
  /** The greatest hybrid clock among the chunk's rows (absent when the chunk is empty). */
  maxHlc: 'snapshot-max-hlc',
} as const;

export interface SnapshotColumn {
  name: string;
  type: FieldType;
}

/**
 * The columns a snapshot carries for an entity, in wire order: identity, tenant, clock, the merge
 * columns of mutable rows, then the fields. `created_at` and `updated_at` stay behind: on a replica
 * they are the times of its own writes.
 */
export function snapshotColumns(entity: EntityName): SnapshotColumn[] {
  const columns = columnsOf(entity);
  const order = ['id', ...(entity === 'tenants' ? [] : ['tenant_id']), 'hlc', ...(isMutable(entity) ? ['deleted', 'field_clocks'] : [])];
  const rest = Object.keys(columns).filter((name) => !order.includes(name) && name !== 'created_at' && name !== 'updated_at');
  return [...order, ...rest].map((name) => {
    const type = columns[name]?.type;
    if (!type) throw new Error(`${entity} has no column ${name}.`);
    return { name, type };
  });
}
