// A pool of PGlite replica folders reused by every convergence scenario. Creating a replica takes
// about 3 s and reopening one about 0.3 s, so a scenario does not create them: it resets a slot
// (empties every entity table, the outbox and replica_state) and opens a new StationSession over
// the replica that is already open, which then sets up a fresh local identity exactly as a new
// station does. Reopening from disk is still done for real when a scenario kills a client.
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { vi } from 'vitest';
import type { StationSummary } from '../../common/api-contract';
import { entities, entityNames } from '../../common/entities';
import { newId } from '../../common/ids';
import { Replica } from '../../main/replica/replica';
import { StationSession } from '../../main/stations/station-session';
import { plainSecretBox } from '../../main/sync/secret-box';
import { connectStation, readConnection } from '../../main/sync/station-sync';
import { createEnrolmentCode } from '../../sync-server/admin-operations';
import { quietLogger } from './local-station';

/**
 * Every change a replica ever put in its outbox, copied by a trigger in the same transaction, so
 * the test can tell later whether each one reached the server or is still kept on the device; and
 * every pull cursor it committed, numbered from the same sequence, so the test knows which pulled
 * changes a local change came after.
 */
export const ledgerTable = 'convergence_ledger';
export const pullsTable = 'convergence_pulls';
const ledgerSql = `
  CREATE SEQUENCE convergence_order;
  CREATE TABLE ${ledgerTable} (
    seq bigint PRIMARY KEY DEFAULT nextval('convergence_order'),
    change_id uuid NOT NULL, entity text NOT NULL, operation text NOT NULL,
    row_id uuid NOT NULL, fields jsonb NOT NULL, hlc text NOT NULL
  );
  CREATE TABLE ${pullsTable} (seq bigint PRIMARY KEY DEFAULT nextval('convergence_order'), cursor text NOT NULL);
  CREATE FUNCTION ${ledgerTable}_record() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    INSERT INTO ${ledgerTable} (change_id, entity, operation, row_id, fields, hlc)
    VALUES (NEW.change_id, NEW.entity, NEW.operation, NEW.row_id, NEW.fields, NEW.hlc);
    RETURN NEW;
  END $$;
  CREATE TRIGGER ${ledgerTable}_record AFTER INSERT ON sync_outbox FOR EACH ROW EXECUTE FUNCTION ${ledgerTable}_record();
  CREATE FUNCTION ${pullsTable}_record() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.key = 'pull_cursor' THEN INSERT INTO ${pullsTable} (cursor) VALUES (NEW.value #>> '{}'); END IF;
    RETURN NEW;
  END $$;
  CREATE TRIGGER ${pullsTable}_record AFTER INSERT OR UPDATE ON replica_state FOR EACH ROW EXECUTE FUNCTION ${pullsTable}_record();`;

export interface PullRecord {
  seq: number;
  cursor: number;
}

export interface LedgerEntry {
  seq: number;
  change_id: string;
  entity: string;
  operation: string;
  row_id: string;
  fields: Record<string, unknown>;
  hlc: string;
}

export interface ReplicaSlot {
  readonly index: number;
  readonly folder: string;
  station: StationSummary;
  session: StationSession;
}

/** Replicas handed to the next StationSession.open of their folder instead of opening PGlite again. */
const handOver = new Map<string, Replica>();

async function sharedMemoryRoot(): Promise<string> {
  // Replicas fsync every commit; on tmpfs that costs nothing and the scenarios run several times faster.
  const shm = await stat('/dev/shm').then((s) => s.isDirectory(), () => false);
  return mkdtemp(join(shm ? '/dev/shm' : tmpdir(), 'field-station-convergence-'));
}

function newStation(index: number): StationSummary {
  return { id: newId(), name: `Replica ${index + 1}`, origin: 'local', createdAt: new Date().toISOString() };
}

export class ReplicaPool {
  private constructor(
    private readonly root: string,
    readonly slots: ReplicaSlot[],
    private readonly restoreOpen: () => void,
  ) {}

  static async create(size: number): Promise<ReplicaPool> {
    const root = await sharedMemoryRoot();
    const realOpen = Replica.open.bind(Replica);
    const spy = vi.spyOn(Replica, 'open').mockImplementation(async (folder, options) => {
      const open = handOver.get(folder);
      if (!open) return realOpen(folder, options);
      handOver.delete(folder);
      return open;
    });
    const pool = new ReplicaPool(root, [], () => spy.mockRestore());
    try {
      const template = join(root, 'template');
      const first = await realOpen(template, { logger: quietLogger });
      await first.write([], (tx) => tx.exec(ledgerSql));
      await first.close();
      for (let index = 0; index < size; index++) {
        const folder = join(root, `replica-${index + 1}`);
        await cp(template, folder, { recursive: true });
        const station = newStation(index);
        pool.slots.push({ index, folder, station, session: await openSession(folder, station) });
      }
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Empties the slot and opens it as a brand-new local station (its own tenant until it connects). */
  async reset(slot: ReplicaSlot): Promise<void> {
    // A scenario that failed half-way may have left the station closed.
    const alive = await slot.session.replica.query('SELECT 1').then(() => true, () => false);
    if (!alive) slot.session = await openSession(slot.folder, slot.station);
    const replica = slot.session.replica;
    // DELETE rather than TRUNCATE: TRUNCATE gives every table new files, which costs more here.
    const tables = [...entityNames.map((name) => entities[name].table).reverse(), 'sync_outbox', 'replica_state', ledgerTable, pullsTable];
    await replica.write([], async (tx) => {
      for (const table of tables) await tx.query(`DELETE FROM ${table}`);
    });
    slot.station = newStation(slot.index);
    slot.session = await openSession(slot.folder, slot.station, replica);
  }

  /** Enrols the station with a code issued for the user, as the "Connect to server" screen does. */
  async connect(slot: ReplicaSlot, owner: pg.Pool, serverUrl: string, tenantId: string, userId: string): Promise<{ queued: number }> {
    const { code } = await createEnrolmentCode(owner, { tenantId, userId });
    const result = await connectStation(slot.session, { serverUrl, code, deviceName: `Replica ${slot.index + 1}` }, plainSecretBox);
    slot.session = await openSession(slot.folder, slot.station, slot.session.replica);
    return result;
  }

  /** Closes the station and opens it again from its folder (a new PGlite over the same files). */
  async reopen(slot: ReplicaSlot): Promise<void> {
    await slot.session.close();
    slot.session = await openSession(slot.folder, slot.station);
  }

  async close(): Promise<void> {
    for (const slot of this.slots) await slot.session.close().catch(() => undefined);
    this.restoreOpen();
    await rm(this.root, { recursive: true, force: true });
  }
}

async function openSession(folder: string, station: StationSummary, reuse?: Replica): Promise<StationSession> {
  if (reuse) handOver.set(folder, reuse);
  try {
    return await StationSession.open(folder, station, { logger: quietLogger });
  } finally {
    handOver.delete(folder);
  }
}

/** The device token the station keeps for the server. */
export async function deviceToken(session: StationSession): Promise<string> {
  const connection = await readConnection(session);
  if (!connection) throw new Error('the replica is not connected');
  return plainSecretBox.open(connection.token.value);
}

export async function readLedger(session: StationSession, afterSeq = 0): Promise<LedgerEntry[]> {
  const rows = await session.replica.query<LedgerEntry & { seq: string | number }>(
    `SELECT seq, change_id, entity, operation, row_id, fields, hlc FROM ${ledgerTable} WHERE seq > $1 ORDER BY seq`,
    [afterSeq],
  );
  return rows.map((row) => ({ ...row, seq: Number(row.seq) }));
}

export async function readPulls(session: StationSession): Promise<PullRecord[]> {
  const rows = await session.replica.query<{ seq: string | number; cursor: string }>(`SELECT seq, cursor FROM ${pullsTable} ORDER BY seq`);
  return rows.map((row) => ({ seq: Number(row.seq), cursor: Number(row.cursor) }));
}

export async function lastLedgerSeq(session: StationSession): Promise<number> {
  const rows = await session.replica.query<{ seq: string | number | null }>(`SELECT max(seq) AS seq FROM ${ledgerTable}`);
  return Number(rows[0]?.seq ?? 0);
}
