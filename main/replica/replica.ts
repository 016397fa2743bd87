import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { AppError } from '../../common/errors';
import type { Logger } from '../logger';
import { lockFolder, type FolderLock } from './data-folder-lock';
import { syncTree, WalSync } from './disk-sync';
import { translateDatabaseError } from './database-errors';
import { migrate } from './migrate';
import { replicaMigrations } from './migrations';

export type ReplicaTx = Transaction;
export type Row = Record<string, unknown>;

export interface ReplicaOptions {
  logger: Logger;
  /** Called after a write committed and reached the disk, with the tables it touched. */
  onCommitted?: (tables: string[]) => void;
}

/**
 * The local replica: one PGlite database on disk for one tenant. Reads go straight to PGlite;
 * writes go through `write`, one transaction each, and return only once the commit is durable.
 */
export class Replica {
  private closed = false;

  private constructor(
    readonly folder: string,
    private readonly db: PGlite,
    private readonly lock: FolderLock,
    private readonly walSync: WalSync,
    private readonly options: ReplicaOptions,
  ) {}

  static async open(folder: string, options: ReplicaOptions): Promise<Replica> {
    await mkdir(folder, { recursive: true });
    const lock = await lockFolder(folder);
    const dataDir = join(folder, 'pgdata');
    let db: PGlite;
    try {
      db = await PGlite.create(dataDir);
    } catch (error) {
      await lock.release();
      options.logger.error({ err: error, dataDir }, 'replica failed to open');
      throw new AppError(
        'internal',
        `The station's database in ${dataDir} could not be opened; it looks damaged. Field Station has not changed it: keep a copy of that folder, then restore the station from a backup or sync it again from the server.`,
        { problem: 'corrupt', folder: dataDir },
      );
    }
    try {
      // Sorting a study's observations in memory, not in temp files: the replica has one user.
      await db.exec(`SET work_mem = '64MB'`);
      await migrate(db, replicaMigrations);
    } catch (error) {
      await db.close();
      await lock.release();
      throw error;
    }
    const replica = new Replica(folder, db, lock, new WalSync(join(dataDir, 'pg_wal')), options);
    await replica.syncWal();
    return replica;
  }

  async query<T extends object = Row>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.assertOpen();
    return (await this.db.query<T>(sql, params)).rows;
  }

  /** Runs `work` in one transaction; resolves after the commit is on disk, then announces it. */
  async write<T>(tables: string[], work: (tx: ReplicaTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    let result: T;
    try {
      result = await this.db.transaction(work);
    } catch (error) {
      throw translateDatabaseError(error);
    }
    await this.syncWal();
    this.options.onCommitted?.(tables);
    return result;
  }

  /**
   * For bulk loads (COPY of generated or snapshot data): one transaction, then a checkpoint and
   * an fsync of the whole data folder so a restart does not replay a huge WAL.
   */
  async bulkWrite<T>(tables: string[], work: (tx: ReplicaTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    const result = await this.db.transaction(work);
    // Fresh statistics, or the planner guesses a handful of rows in tables just given millions.
    await this.db.exec('ANALYZE');
    await this.db.exec('CHECKPOINT');
    await syncTree(join(this.folder, 'pgdata'));
    this.options.onCommitted?.(tables);
    return result;
  }

  /** Loads CSV text into a table with COPY (inside a bulk write's transaction). */
  static async copyCsv(tx: ReplicaTx, table: string, columns: readonly string[], csv: string): Promise<void> {
    const blob = new Blob([csv], { type: 'text/csv' });
    await tx.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
    await this.walSync.close();
    await syncTree(join(this.folder, 'pgdata'));
    await this.lock.release();
  }

  private async syncWal(): Promise<void> {
    const rows = await this.db.query<{ segment: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS segment');
    const segment = rows.rows[0]?.segment;
    if (segment) await this.walSync.syncThrough(segment);
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('conflict', 'The station was closed. Open it again to continue.');
  }
}
