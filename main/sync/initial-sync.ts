import { z } from 'zod';
import { entities, entityNames, entitySchemaVersion, type EntityName } from '../../common/entities';
import { AppError } from '../../common/errors';
import type { ClockState } from '../../common/hybrid-clock';
import { maxSnapshotChunk } from '../../common/snapshot-protocol';
import { cursorSchema } from '../../common/sync-protocol';
import type { ReplicaTx } from '../replica/replica';
import { readState, type StationSession } from '../stations/station-session';
import { pushOrder } from './full-push';
import { fetchSnapshotChunk, fetchSnapshotSummary, type SnapshotChunk } from './snapshot-client';
import { deferIndexes, deferredIndexSchema, rebuildIndexes } from './snapshot-indexes';
import { loadSnapshotChunk } from './snapshot-load';
import type { SyncServerAddress } from './sync-http-client';

/**
 * Initial sync by snapshot: a replica that has never pulled (cursor '0') joining a tenant with a
 * long history loads the tenant's current rows table by table, in chunks, with COPY, instead of
 * replaying every change. Each chunk is its own durable transaction that also records where the
 * next chunk starts, so a cut resumes from the last loaded chunk. At the end the snapshot's cursor
 * becomes the pull cursor and the normal pull brings whatever changed since (re-applying a change
 * a chunk already holds changes nothing under the per-field rule).
 */

export interface InitialSyncOptions {
  /** Take the snapshot path only when the tenant's log holds more changes than this. */
  threshold?: number;
  /** The most rows asked per chunk. */
  chunkRows?: number;
  /** The size a chunk should have: later chunks of a table are sized from the first one's bytes per row. */
  chunkBytes?: number;
  /** Tables that bring at least this many rows into an empty table have their secondary indexes built after loading. */
  deferIndexRows?: number;
  /**
   * Rows between checkpoints of the replica. By default none until the end: Postgres checkpoints on
   * its own when the WAL reaches max_wal_size, which also bounds the replay after a crash.
   */
  checkpointRows?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { received: number; total: number }) => void;
}

export interface InitialSyncResult {
  /** False when the tenant is small (or the server's definitions differ): the normal pull does it all. */
  used: boolean;
  rows: number;
  chunks: number;
  /** Chunks that overlapped rows the replica already held, and were merged rather than copied. */
  merged: number;
}

export const defaultInitialSyncThreshold = 10_000;
const defaultChunkRows = 100_000;
const defaultDeferIndexRows = 100_000;
const defaultChunkBytes = 24 * 1024 * 1024;
/** The first chunk of a table, before its bytes per row are known. */
const firstChunkRows = 10_000;
const stateKey = 'initial_sync';

const positionSchema = z.object({ entity: z.enum(entityNames), after: z.uuid().nullable() }).strict();
type Position = z.infer<typeof positionSchema>;

/** What replica_state holds while a snapshot is being loaded. */
const progressSchema = z
  .object({
    cursor: cursorSchema,
    total: z.number().int().nonnegative(),
    received: z.number().int().nonnegative(),
    sinceCheckpoint: z.number().int().nonnegative(),
    /** The tables to load, in load order. */
    tables: z.array(z.enum(entityNames)),
    /** The next chunk to ask for; null when every table is loaded. */
    next: positionSchema.nullable(),
    /** Indexes dropped for the load, built again at the end. */
    deferredIndexes: z.array(deferredIndexSchema),
  })
  .strict();
type Progress = z.infer<typeof progressSchema>;

/** Tables in load order: server-managed ones, then parents before children. */
export function snapshotOrder(): EntityName[] {
  return [...entityNames.filter((name) => entities[name].merge === 'server'), ...pushOrder()];
}

function storeProgress(tx: ReplicaTx, progress: Progress | null, clock: ClockState): Promise<unknown> {
  if (progress === null) {
    return tx.query(`DELETE FROM replica_state WHERE key = $1`, [stateKey]);
  }
  return tx.query(
    `INSERT INTO replica_state (key, value) VALUES ($1, $2::jsonb), ('clock', $3::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    [stateKey, JSON.stringify(progress), JSON.stringify(clock)],
  );
}

/**
 * A new snapshot plan, or null when the tenant is small enough to pull change by change. Large
 * tables that are still empty here lose their secondary indexes until the end (in the same
 * transaction that records the plan).
 */
async function plan(session: StationSession, address: SyncServerAddress, options: { threshold: number; deferIndexRows: number }, signal?: AbortSignal): Promise<Progress | null> {
  const summary = await fetchSnapshotSummary(address, signal);
  if (summary.schemaVersion !== entitySchemaVersion || BigInt(summary.cursor) <= BigInt(options.threshold)) return null;
  const counts = new Map(summary.tables.map((table) => [table.entity, table.rows]));
  const tables = snapshotOrder().filter((name) => (counts.get(name) ?? 0) > 0);
  const first = tables[0];
  const progress: Progress = {
    cursor: summary.cursor,
    total: tables.reduce((sum, name) => sum + (counts.get(name) ?? 0), 0),
    received: 0,
    sinceCheckpoint: 0,
    tables,
    next: first === undefined ? null : { entity: first, after: null },
    deferredIndexes: [],
  };
  const large = tables.filter((name) => (counts.get(name) ?? 0) >= options.deferIndexRows).map((name) => entities[name].table);
  await session.replica.write(['replica_state', ...large], async (tx) => {
    for (const table of large) {
      const empty = await tx.query<{ empty: boolean }>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
      if (empty.rows[0]?.empty) progress.deferredIndexes.push(...(await deferIndexes(tx, table)));
    }
    await storeProgress(tx, progress, session.clock);
  });
  return progress;
}

/** Where the chunk after `chunk` starts: the same table, or the next table's beginning. */
function following(progress: Progress, chunk: SnapshotChunk): Position | null {
  if (chunk.hasMore && chunk.lastId !== null) return { entity: chunk.entity, after: chunk.lastId };
  const next = progress.tables[progress.tables.indexOf(chunk.entity) + 1];
  return next === undefined ? null : { entity: next, after: null };
}

/** A few turns of the event loop: enough for fetch to write a request on a kept-alive connection. */
async function requestSent(): Promise<void> {
  for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
}

const stopped = (): AppError => new AppError('offline', 'Sync was stopped. What was received so far is kept; sync will carry on from there.');

/**
 * Runs (or resumes) the initial sync when this replica has never pulled. Returns once the snapshot
 * is loaded and its cursor stored as the pull cursor, or at once when no snapshot is needed.
 */
export async function runInitialSync(session: StationSession, address: SyncServerAddress, options: InitialSyncOptions = {}): Promise<InitialSyncResult> {
  const { signal } = options;
  const chunkRows = Math.min(options.chunkRows ?? defaultChunkRows, maxSnapshotChunk);
  const chunkBytes = options.chunkBytes ?? defaultChunkBytes;
  const checkpointRows = options.checkpointRows ?? Number.POSITIVE_INFINITY;
  // Rows per chunk, per table: small first, then sized to chunkBytes (a plot row is five observations).
  const limits = new Map<EntityName, number>();
  const limitFor = (entity: EntityName): number => limits.get(entity) ?? Math.min(chunkRows, firstChunkRows);
  const learn = (chunk: SnapshotChunk): void => {
    if (chunk.rows === 0) return;
    const sized = Math.floor(chunkBytes / Math.max(1, chunk.data.byteLength / chunk.rows));
    limits.set(chunk.entity, Math.min(chunkRows, Math.max(1000, sized)));
  };
  let progress = await readState(session.replica, stateKey, progressSchema);
  if (progress === null) {
    if ((await session.pullCursor()) !== '0') return { used: false, rows: 0, chunks: 0, merged: 0 };
    const planning = { threshold: options.threshold ?? defaultInitialSyncThreshold, deferIndexRows: options.deferIndexRows ?? defaultDeferIndexRows };
    progress = await plan(session, address, planning, signal);
    if (progress === null) return { used: false, rows: 0, chunks: 0, merged: 0 };
  }
  const cursor = progress.cursor;
  let rows = 0;
  let chunks = 0;
  let merged = 0;
  options.onProgress?.({ received: progress.received, total: progress.total });

  // One chunk is fetched ahead while the previous one loads: the server and the replica work at once.
  const ahead = new AbortController();
  const stop = (): void => ahead.abort();
  signal?.addEventListener('abort', stop);
  const request = (position: Position): Promise<SnapshotChunk> => {
    const fetching = fetchSnapshotChunk(address, { ...position, cursor, limit: limitFor(position.entity) }, ahead.signal);
    fetching.catch(() => undefined); // awaited below; a prefetch abandoned on failure must not go unhandled
    return fetching;
  };
  try {
    let pending = progress.next === null ? null : request(progress.next);
    while (pending !== null) {
      if (signal?.aborted) throw stopped();
      const chunk = await pending.catch((error: unknown) => {
        throw signal?.aborted ? stopped() : error;
      });
      learn(chunk);
      const next = following(progress, chunk);
      pending = next === null ? null : request(next);
      // Let the request leave before COPY holds the thread, so the server works on it meanwhile.
      if (pending !== null) await requestSent();
      if (chunk.maxHlc !== null) session.receiveClock(chunk.maxHlc);
      const loaded: Progress = { ...progress, received: progress.received + chunk.rows, sinceCheckpoint: progress.sinceCheckpoint + chunk.rows, next };
      const checkpoint = loaded.sinceCheckpoint >= checkpointRows;
      if (checkpoint) loaded.sinceCheckpoint = 0;
      const table = entities[chunk.entity].table;
      const work = async (tx: ReplicaTx): Promise<void> => {
        if ((await loadSnapshotChunk(tx, chunk)) === 'merged') merged += 1;
        await storeProgress(tx, loaded, session.clock);
      };
      await (checkpoint ? session.bulkLoad([table], work) : session.replica.write([table], work));
      progress = loaded;
      rows += chunk.rows;
      chunks += 1;
      options.onProgress?.({ received: progress.received, total: Math.max(progress.total, progress.received) });
    }
  } finally {
    signal?.removeEventListener('abort', stop);
    ahead.abort();
  }

  // Done: from now on the replica pulls the log from the snapshot's cursor.
  const deferred = progress.deferredIndexes;
  await session.bulkLoad(progress.tables.map((name) => entities[name].table), async (tx) => {
    await rebuildIndexes(tx, deferred);
    await tx.query(
      `INSERT INTO replica_state (key, value) VALUES ('pull_cursor', to_jsonb($1::text)), ('clock', $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      [cursor, JSON.stringify(session.clock)],
    );
    await storeProgress(tx, null, session.clock);
  });
  return { used: true, rows, chunks, merged };
}

/**
 * Forgets how far this replica has read, after the server said its history is behind the device
 * (restored from an older backup): an unfinished snapshot load is closed (its deferred indexes built
 * again) and the pull cursor goes back to 0, so the next round reads the server's data again. Rows
 * merge by their field clocks, so reading them again changes nothing that is already up to date;
 * pending changes stay queued.
 */
export async function readAgainFromStart(session: StationSession): Promise<void> {
  const progress = await readState(session.replica, stateKey, progressSchema);
  const tables = progress?.tables.map((name) => entities[name].table) ?? [];
  await session.bulkLoad(['replica_state', ...tables], async (tx) => {
    if (progress) await rebuildIndexes(tx, progress.deferredIndexes);
    await storeProgress(tx, null, session.clock);
    await tx.query(
      `INSERT INTO replica_state (key, value) VALUES ('pull_cursor', to_jsonb('0'::text)) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    );
  });
}

/** Whether an error means the server's log is behind this replica's cursor (see readAgainFromStart). */
export function isHistoryBehind(error: unknown): boolean {
  return error instanceof AppError && error.details?.['reason'] === 'history-behind';
}
