import { z } from 'zod';
import type { StationSummary } from '../../common/api-contract';
import { AppError } from '../../common/errors';
import { decodeClock, encodeClock, receive, tick, type ClockState } from '../../common/hybrid-clock';
import { newId } from '../../common/ids';
import type { Logger } from '../logger';
import { writeChanges, type EntityChange, type WriteContext } from '../replica/entity-writes';
import { Replica, type ReplicaTx } from '../replica/replica';
import { maxClockAheadMs, type PulledChange } from '../../common/sync-protocol';
import { applyPulledChange, clockAfter } from '../sync/apply-pulled-changes';

/** Who this replica is: its tenant, this device, and the person using it. */
export interface LocalIdentity {
  tenantId: string;
  deviceId: string;
  userId: string;
}

const identitySchema = z.object({ tenantId: z.uuid(), deviceId: z.uuid(), userId: z.uuid() });
const clockSchema = z.object({ wallMs: z.number().int().nonnegative(), counter: z.number().int().nonnegative() });

/** An open station: its replica plus the identity and clock every local change carries. */
export class StationSession {
  private constructor(
    readonly station: StationSummary,
    readonly replica: Replica,
    readonly identity: LocalIdentity,
    private readonly context: WriteContext,
    private readonly onLocalChange: (() => void) | undefined,
  ) {}

  static async open(
    folder: string,
    station: StationSummary,
    options: { logger: Logger; onCommitted?: (tables: string[]) => void; onLocalChange?: () => void },
  ): Promise<StationSession> {
    const replica = await Replica.open(folder, options);
    try {
      const identity = await readState(replica, 'identity', identitySchema) ?? (await initialiseIdentity(replica, station));
      const clock = (await readState(replica, 'clock', clockSchema)) ?? { wallMs: 0, counter: 0 };
      return new StationSession(station, replica, identity, { tenantId: identity.tenantId, deviceId: identity.deviceId, userId: identity.userId, clock }, options.onLocalChange);
    } catch (error) {
      await replica.close();
      throw error;
    }
  }

  /** The one write path: rows and their outbox entries in one durable transaction. */
  async write(changes: EntityChange[]): Promise<void> {
    const tables = [...new Set(changes.map((c) => c.entity))];
    // A failed write keeps the clock it advanced: skipped values are harmless, while rolling back
    // could undo a pull that moved the clock meanwhile.
    await this.replica.write(tables, (tx) => writeChanges(tx, this.context, changes));
    this.onLocalChange?.();
  }

  /**
   * Applies a page of changes pulled from the server and moves the pull cursor, in one durable
   * transaction; the local clock moves past every clock it has seen.
   */
  async applyRemote(changes: PulledChange[], cursor: string): Promise<void> {
    const tables = [...new Set(changes.map((c) => c.entity))];
    await this.replica.write(tables, async (tx) => {
      // The clock is read and moved inside the transaction, which local writes wait for: a write made
      // meanwhile must start from the clocks applied here, or it loses to the change it follows.
      let clock = this.context.clock;
      for (const change of changes) {
        await applyPulledChange(tx, this.identity.tenantId, change);
        clock = clockAfter(clock, change, Date.now());
      }
      await tx.query(
        `INSERT INTO replica_state (key, value) VALUES ('pull_cursor', to_jsonb($1::text)), ('clock', $2::jsonb)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
        [cursor, JSON.stringify(clock)],
      );
      this.context.clock = clock;
    });
  }

  /** The clock the next local change starts from. */
  get clock(): ClockState {
    return { ...this.context.clock };
  }

  /**
   * Moves the clock past `hlc`, a clock seen in rows loaded in bulk (the initial-sync snapshot), as
   * applyRemote does for pulled changes; the caller stores `clock` with those rows.
   */
  receiveClock(hlc: string): void {
    try {
      this.context.clock = receive(this.context.clock, decodeClock(hlc), Date.now());
    } catch {
      // not a clock value: nothing to move past
    }
  }

  /**
   * Brings the clock back when it ran ahead of the server's by more than the server accepts (the
   * computer's date was wrong): the server refuses such changes, and every later one would be
   * refused too while the clock stays ahead. Returns whether it moved.
   */
  async correctClockAhead(serverClock: string): Promise<boolean> {
    let server: ClockState;
    try {
      server = decodeClock(serverClock);
    } catch {
      return false;
    }
    if (this.context.clock.wallMs <= server.wallMs + maxClockAheadMs) return false;
    const clock = { wallMs: Math.max(server.wallMs, Date.now()), counter: 0 };
    await this.replica.write(['replica_state'], (tx) =>
      tx.query(`INSERT INTO replica_state (key, value) VALUES ('clock', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, [JSON.stringify(clock)]),
    );
    this.context.clock = clock;
    return true;
  }

  /** The server sequence this replica has pulled up to ('0' before the first pull). */
  async pullCursor(): Promise<string> {
    return (await readState(this.replica, 'pull_cursor', z.string())) ?? '0';
  }

  /** Bulk loads (generated demo data, snapshots) bypass the outbox: see docs/data-model.md. */
  async bulkLoad<T>(tables: string[], work: (tx: ReplicaTx) => Promise<T>): Promise<T> {
    return this.replica.bulkWrite(tables, work);
  }

  close(): Promise<void> {
    return this.replica.close();
  }
}

/** Reads one of the replica's small facts (identity, clock, cursor, connection), validated. */
export async function readState<T>(replica: Replica, key: string, schema: z.ZodType<T>): Promise<T | null> {
  const rows = await replica.query<{ value: unknown }>('SELECT value FROM replica_state WHERE key = $1', [key]);
  if (rows.length === 0) return null;
  const parsed = schema.safeParse(rows[0]?.value);
  if (!parsed.success) {
    throw new AppError('internal', `The station's saved ${key} is unreadable. Restore the station from a backup or sync it again.`);
  }
  return parsed.data;
}

/**
 * A new local station is its own tenant until it connects to a server: one tenant row, one local
 * user (station manager) and this device.
 */
async function initialiseIdentity(replica: Replica, station: StationSummary): Promise<LocalIdentity> {
  const identity: LocalIdentity = { tenantId: station.id, deviceId: newId(), userId: newId() };
  const clock: ClockState = tick({ wallMs: 0, counter: 0 }, Date.now());
  const hlc = encodeClock(clock, identity.deviceId);
  await replica.write(['tenants', 'users', 'devices'], async (tx) => {
    await tx.query('INSERT INTO tenants (id, hlc, name) VALUES ($1, $2, $3)', [identity.tenantId, hlc, station.name]);
    await tx.query(
      `INSERT INTO users (id, tenant_id, hlc, name, role) VALUES ($1, $2, $3, 'Station user', 'station-manager')`,
      [identity.userId, identity.tenantId, hlc],
    );
    await tx.query(`INSERT INTO devices (id, tenant_id, hlc, name, user_id) VALUES ($1, $2, $3, 'This computer', $4)`, [
      identity.deviceId,
      identity.tenantId,
      hlc,
      identity.userId,
    ]);
    await tx.query(
      `INSERT INTO replica_state (key, value) VALUES ('identity', $1::jsonb), ('clock', $2::jsonb), ('never_synced', 'true'::jsonb)`,
      [JSON.stringify(identity), JSON.stringify(clock)],
    );
  });
  return identity;
}
