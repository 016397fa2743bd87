import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { SyncStatus } from '../../common/api-contract';
import { entities, entityNames, isMutable } from '../../common/entities';
import { newId } from '../../common/ids';
import { snapshotSummarySchema } from '../../common/snapshot-protocol';
import { recordObservation } from '../../main/observations/record-observation';
import { readState } from '../../main/stations/station-session';
import { runInitialSync } from '../../main/sync/initial-sync';
import { countOutbox, readPending, recordPushResults } from '../../main/sync/outbox';
import { plainSecretBox } from '../../main/sync/secret-box';
import { readConnection } from '../../main/sync/station-sync';
import { SyncEngine } from '../../main/sync/sync-engine';
import { push } from '../../main/sync/sync-http-client';
import { openLocalStation, quietLogger, seedMinimalStudy } from '../harness/local-station';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';
import { editNote, emptyNoteState } from '../../common/notes/note-document';

/**
 * Small numbers so a demo station (about 4,500 changes) takes the snapshot path in many chunks,
 * checkpoints now and then, and builds the observations' indexes after loading them.
 */
const snapshotOptions = { threshold: 1000, chunkRows: 400, checkpointRows: 1500, deferIndexRows: 1000 };

/** The replica's indexes, by table: the same on every replica once a sync is done. */
async function indexes(station: SyncedStation): Promise<unknown[]> {
  return station.session.replica.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`);
}

/**
 * Every entity row a replica holds, comparable across replicas: with the merge columns of mutable
 * rows. (A fact's hlc is not compared: the station that generated the demo keeps its local clock on
 * facts it pushed, the server and the other replicas the clock they were pushed with.)
 */
async function contents(station: SyncedStation): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const name of entityNames) {
    if (entities[name].merge === 'server') continue;
    const columns = ['id', ...(isMutable(name) ? ['hlc', 'deleted', 'field_clocks'] : []), ...Object.keys(entities[name].fields)];
    result[name] = await station.session.replica.query(`SELECT ${columns.join(', ')} FROM ${entities[name].table} ORDER BY id`);
  }
  return result;
}

/** The sync requests made through fetch while `work` runs, by path. */
async function recordingRequests<T>(work: () => Promise<T>): Promise<{ result: T | Error; paths: URL[] }> {
  const real = globalThis.fetch;
  const paths: URL[] = [];
  const spy = vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    paths.push(new URL(input instanceof Request ? input.url : String(input)));
    return real(input, init);
  });
  try {
    return { result: await work().catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))), paths };
  } finally {
    spy.mockRestore();
  }
}

async function engineFor(station: SyncedStation, onStatus: (status: SyncStatus) => void = () => undefined): Promise<SyncEngine> {
  const connection = await readConnection(station.session);
  if (!connection) throw new Error('station is not connected');
  return new SyncEngine(
    station.session,
    { baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) },
    { logger: quietLogger, onStatus, initialSync: snapshotOptions },
  );
}

async function reopen(station: SyncedStation): Promise<void> {
  const summary = station.session.station;
  await station.session.close();
  station.session = await openLocalStation(station.folder.path, summary);
}

const count = (paths: URL[], prefix: string): number => paths.filter((url) => url.pathname.startsWith(prefix)).length;

describe('initial sync by snapshot', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let userId: string;
  let origin: SyncedStation;
  const stations: SyncedStation[] = [];

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Snapshot Co-op');
    userId = await harness.createUser(tenantId, 'station-manager');
    origin = await SyncedStation.create('initial-origin', { demo: true });
    stations.push(origin);
    await origin.connect(harness, tenantId, userId);
    await origin.sync();
    // Rows whose clocks differ field by field, a tombstone, bytes and a device limited to stations.
    const [plot] = await origin.session.replica.query<{ id: string }>('SELECT id FROM observation_units ORDER BY id LIMIT 1');
    const programId = newId();
    await origin.session.write([
      { entity: 'observation_units', operation: 'update', rowId: plot?.id ?? '', fields: { barcode: 'EDITED-1', attributes: { shade: true } } },
      { entity: 'programs', operation: 'insert', rowId: programId, fields: { name: 'Barley 2027' } },
    ]);
    await origin.session.write([{ entity: 'programs', operation: 'delete', rowId: programId, fields: {} }]);
    await origin.sync();
    const limited = await harness.enrolDevice(tenantId, userId, [newId(), newId()]);
    const note = limited.change('notes', 'insert', newId(), { subject_kind: 'plot', subject_id: plot?.id ?? '', ydoc: Buffer.from(editNote(emptyNoteState(), { kind: 'insert', index: 0, text: 'Ähren, Blatt 3' })).toString('base64') });
    expect((await limited.pushOk([note]))[0]?.status).toBe('applied');
    await origin.sync();
  });
  afterAll(async () => {
    for (const station of stations) await station.close();
    await harness?.stop();
  });

  it('loads a fresh replica from the snapshot instead of change by change, ending equal field by field', async () => {
    const fresh = await SyncedStation.create('initial-fresh');
    stations.push(fresh);
    await fresh.connect(harness, tenantId, userId);
    const statuses: SyncStatus[] = [];
    const engine = await engineFor(fresh, (status) => statuses.push(status));
    const { result, paths } = await recordingRequests(() => engine.syncOnce());
    expect(result).toBeUndefined();

    const head = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [tenantId]);
    const serverRows = await harness.owner.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM observations WHERE tenant_id = $1) + (SELECT count(*) FROM observation_units WHERE tenant_id = $1) AS n`,
      [tenantId],
    );
    expect(Number(head.rows[0]?.last_seq)).toBeGreaterThan(4000);
    // A summary, many chunks, and a single pull from the snapshot's cursor (nothing newer).
    expect(count(paths, '/v1/snapshot/')).toBeGreaterThanOrEqual(Math.ceil(Number(serverRows.rows[0]?.n) / snapshotOptions.chunkRows));
    expect(count(paths, '/v1/pull')).toBe(1);
    expect(await fresh.session.pullCursor()).toBe(head.rows[0]?.last_seq);
    expect(await readState(fresh.session.replica, 'initial_sync', z.unknown())).toBeNull();
    const progress = statuses.flatMap((status) => (status.pullProgress ? [status.pullProgress] : []));
    expect(progress.at(-1)?.received).toBe(progress.at(-1)?.total);
    expect(progress.length).toBeGreaterThan(5);

    expect(await contents(fresh)).toEqual(await contents(origin));
    expect(await indexes(fresh)).toEqual(await indexes(origin));
    // Server-managed rows arrive too: the tenant, its users, and its devices with their station lists.
    const devices = await fresh.session.replica.query<{ station_ids: string[] | null }>('SELECT station_ids FROM devices ORDER BY id');
    expect(devices.length).toBeGreaterThanOrEqual(3);
    expect(devices.some((device) => device.station_ids?.length === 2)).toBe(true);
    expect(await fresh.session.replica.query('SELECT name FROM tenants')).toEqual([{ name: 'Snapshot Co-op' }]);
  });

  it('resumes a cut snapshot from the last loaded chunk, and later server changes arrive by the pull', async () => {
    const cut = await SyncedStation.create('initial-cut');
    stations.push(cut);
    await cut.connect(harness, tenantId, userId);
    const stop = new AbortController();
    const first = await engineFor(cut, (status) => {
      if ((status.pullProgress?.received ?? 0) >= 5 * snapshotOptions.chunkRows) stop.abort();
    });
    const run1 = await recordingRequests(() => first.syncOnce(stop.signal));
    expect(run1.result).toBeInstanceOf(Error);
    const progress = await readState(cut.session.replica, 'initial_sync', z.object({ received: z.number(), total: z.number(), next: z.object({ entity: z.string(), after: z.string().nullable() }) }));
    expect(progress?.received).toBeGreaterThanOrEqual(5 * snapshotOptions.chunkRows);
    expect(progress?.received).toBeLessThan(progress?.total ?? 0);
    expect(await cut.session.pullCursor()).toBe('0');
    // The observations' secondary indexes wait for the end of the load, even across the cut.
    expect((await indexes(cut)).length).toBeLessThan((await indexes(origin)).length);

    // Meanwhile the first computer edits rows the cut replica already holds, deletes one, and records.
    const [loaded] = await cut.session.replica.query<{ id: string }>('SELECT id FROM locations ORDER BY id LIMIT 1');
    const [germplasm] = await cut.session.replica.query<{ id: string }>('SELECT id FROM germplasm ORDER BY id LIMIT 1');
    const [study] = await origin.session.replica.query<{ unit_id: string; variable_id: string }>(
      `SELECT u.id AS unit_id, v.id AS variable_id FROM observation_units u, observation_variables v
        WHERE v.scale_type = 'numeric' ORDER BY u.id, v.id LIMIT 1`,
    );
    await origin.session.write([
      { entity: 'locations', operation: 'update', rowId: loaded?.id ?? '', fields: { name: 'Renamed after the snapshot' } },
      { entity: 'germplasm', operation: 'delete', rowId: germplasm?.id ?? '', fields: {} },
    ]);
    const late = await recordObservation(origin.session, { unitId: study?.unit_id ?? '', variableId: study?.variable_id ?? '', value: '12' });
    await origin.sync();

    await reopen(cut);
    const second = await engineFor(cut);
    const run2 = await recordingRequests(() => second.syncOnce());
    expect(run2.result).toBeUndefined();
    // It went on from where it stopped: no summary again, and the first chunk asked is the stored position.
    expect(count(run2.paths, '/v1/snapshot')).toBe(count(run2.paths, '/v1/snapshot/'));
    const resumed = run2.paths.find((url) => url.pathname.startsWith('/v1/snapshot/'));
    expect(resumed?.pathname).toBe(`/v1/snapshot/${progress?.next.entity}`);
    expect(resumed?.searchParams.get('after')).toBe(progress?.next.after);
    expect(count(run1.paths, '/v1/snapshot/') + count(run2.paths, '/v1/snapshot/')).toBeLessThanOrEqual(count(run1.paths, '/v1/snapshot/') + Math.ceil(((progress?.total ?? 0) - (progress?.received ?? 0)) / snapshotOptions.chunkRows) + 8);

    expect(await cut.session.replica.query('SELECT name FROM locations WHERE id = $1', [loaded?.id])).toEqual([{ name: 'Renamed after the snapshot' }]);
    expect(await cut.session.replica.query('SELECT deleted FROM germplasm WHERE id = $1', [germplasm?.id])).toEqual([{ deleted: true }]);
    expect(await cut.session.replica.query('SELECT value FROM observations WHERE id = $1', [late.id])).toEqual([{ value: '12' }]);
    expect(await contents(cut)).toEqual(await contents(origin));
    expect(await indexes(cut)).toEqual(await indexes(origin));
  });

  it('merges the snapshot with rows the station already holds (its own, pushed first)', async () => {
    const own = await SyncedStation.create('initial-own');
    stations.push(own);
    const study = await seedMinimalStudy(own.session);
    for (const value of ['20.5', '21', '22.5']) await recordObservation(own.session, { unitId: study.unitId, variableId: study.variableId, value });
    await own.connect(harness, tenantId, userId);
    const connection = await readConnection(own.session);
    const address = { baseUrl: harness.baseUrl, token: plainSecretBox.open(connection?.token.value ?? '') };
    for (let round = 0; round < 10; round++) {
      const changes = await readPending(own.session.replica, 1000);
      if (changes.length === 0) break;
      await recordPushResults(own.session.replica, (await push(address, changes)).results);
    }
    expect(await countOutbox(own.session.replica)).toEqual({ pending: 0, rejected: 0 });

    const result = await runInitialSync(own.session, address, snapshotOptions);
    expect(result.used).toBe(true);
    expect(result.merged).toBeGreaterThan(0);
    expect(result.merged).toBeLessThan(result.chunks);
    await (await engineFor(own)).syncOnce();
    await origin.sync();
    expect(await contents(own)).toEqual(await contents(origin));
  });

  it('serves only the caller tenant and refuses malformed snapshot requests', async () => {
    const stranger = await harness.newTenantDevice();
    const summary = await harness.request('GET', '/v1/snapshot', { token: stranger.token });
    expect(summary.status).toBe(200);
    const parsed = snapshotSummarySchema.parse(summary.body);
    expect(parsed.tables.filter((table) => table.rows > 0).map((table) => table.entity).sort()).toEqual(['devices', 'tenants', 'users']);
    const chunk = await fetch(`${harness.baseUrl}/v1/snapshot/observations?cursor=0`, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('snapshot-rows')).toBe('0');
    expect(chunk.headers.get('snapshot-has-more')).toBe('false');

    const ask = (path: string, token: string | null = stranger.token): Promise<number> => harness.request('GET', path, { token }).then((answer) => answer.status);
    expect(await ask('/v1/snapshot/sync_outbox?cursor=0')).toBe(404);
    expect(await ask('/v1/snapshot/observations?cursor=abc')).toBe(400);
    // A cursor past the tenant's log: the server's history is behind (restored from a backup).
    expect(await ask('/v1/snapshot/observations?cursor=99999999')).toBe(409);
    expect(await ask('/v1/snapshot/observations?cursor=0&after=not-a-uuid')).toBe(400);
    expect(await ask('/v1/snapshot/observations?cursor=0&limit=0')).toBe(400);
    expect(await ask('/v1/snapshot?protocolVersion=0')).toBe(426);
    expect(await ask('/v1/snapshot', null)).toBe(401);
  });
});
