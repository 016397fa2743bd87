import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullResponse } from '../../common/sync-protocol';
import type { SnapshotSummary } from '../../common/snapshot-protocol';
import { newId } from '../../common/ids';
import { plainSecretBox } from '../../main/sync/secret-box';
import { readConnection } from '../../main/sync/station-sync';
import { SyncEngine } from '../../main/sync/sync-engine';
import { quietLogger } from '../harness/local-station';
import { observation, seedTrial, startSyncServerHarness, type SyncServerHarness, type TestDevice, type TrialFixture } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

/**
 * Partial replication: a device enrolled for some stations receives only their rows, plus every
 * tenant-wide and shared row, by the pull, the long-poll and the snapshot alike.
 */

interface Station extends TrialFixture {
  benchId: string;
  benchStudyId: string;
  benchUnitId: string;
  binId: string;
  observationIds: string[];
}

/** A station with a bench holding its own study, and an observation on every plot. */
async function seedStation(office: TestDevice): Promise<Station> {
  const fixture = await seedTrial(office, 3);
  const ids = { benchId: newId(), binId: newId(), benchStudyId: newId(), benchUnitId: newId() };
  const observations = [...fixture.unitIds, ids.benchUnitId].map((unitId, i) => observation(office, unitId, fixture.heightId, String(40 + i)));
  const results = await office.pushOk([
    office.change('locations', 'insert', ids.benchId, { kind: 'bench', code: `BE-${ids.benchId.slice(-6)}`, name: 'Bench 1', parent_id: fixture.stationId }),
    office.change('locations', 'insert', ids.binId, { kind: 'bin', code: `BI-${ids.binId.slice(-6)}`, name: 'Bin 1', parent_id: ids.benchId }),
    office.change('studies', 'insert', ids.benchStudyId, { trial_id: fixture.trialId, location_id: ids.benchId, name: 'Pots on bench 1' }),
    office.change('observation_units', 'insert', ids.benchUnitId, { study_id: ids.benchStudyId, kind: 'plant', plot_number: 1 }),
    ...observations,
  ]);
  expect(results.every((result) => result.status === 'applied')).toBe(true);
  return { ...fixture, ...ids, observationIds: observations.map((change) => change.rowId) };
}

async function pullAll(device: TestDevice, after = '0'): Promise<PullResponse> {
  const all: PullResponse['changes'] = [];
  let cursor = after;
  for (;;) {
    const answer = await device.pull(cursor, 7);
    expect(answer.status).toBe(200);
    all.push(...answer.body.changes);
    cursor = answer.body.cursor;
    if (!answer.body.hasMore) return { changes: all, cursor, hasMore: false };
  }
}

const rowIds = (page: PullResponse): Set<string> => new Set(page.changes.map((change) => change.rowId));

describe('partial replication by station', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let userId: string;
  let office: TestDevice;
  let north: Station;
  let south: Station;
  let shared: { germplasmId: string; batchId: string; transferId: string; southMoveId: string; southPhotoId: string; northCountId: string; southCountId: string; southLineId: string };
  const stations: SyncedStation[] = [];

  beforeAll(async () => {
    harness = await startSyncServerHarness({ longPollTimeoutMs: 1500 });
    tenantId = await harness.createTenant('Two stations');
    userId = await harness.createUser(tenantId, 'station-manager');
    office = await harness.enrolDevice(tenantId, userId);
    north = await seedStation(office);
    south = await seedStation(office);
    shared = { germplasmId: newId(), batchId: newId(), transferId: newId(), southMoveId: newId(), southPhotoId: newId(), northCountId: newId(), southCountId: newId(), southLineId: newId() };
    const results = await office.pushOk([
      office.change('germplasm', 'insert', shared.germplasmId, { name: 'Apex' }),
      office.change('stock_batches', 'insert', shared.batchId, { code: 'LOT-1', kind: 'seed-lot', unit: 'seeds', germplasm_id: shared.germplasmId }),
      // Within the south station only, and from the south to the north (which both stations see).
      office.change('stock_movements', 'insert', shared.southMoveId, { batch_id: shared.batchId, kind: 'receive', quantity: 900, to_location_id: south.binId, occurred_at: '2026-03-01T08:00:00Z' }),
      office.change('stock_movements', 'insert', shared.transferId, {
        batch_id: shared.batchId, kind: 'transfer', quantity: 300, from_location_id: south.binId, to_location_id: north.binId, occurred_at: '2026-03-02T08:00:00Z',
      }),
      office.change('photos', 'insert', shared.southPhotoId, {
        sha256: 'b'.repeat(64), mime_type: 'image/jpeg', byte_size: 2048, subject_kind: 'observation-unit', subject_id: south.unitIds[0],
      }),
      // Counts belong to the station they count.
      office.change('stock_counts', 'insert', shared.northCountId, { location_id: north.benchId, name: 'North bench', snapshot_at: '2026-03-03T08:00:00Z', status: 'open' }),
      office.change('stock_counts', 'insert', shared.southCountId, { location_id: south.benchId, name: 'South bench', snapshot_at: '2026-03-03T08:00:00Z', status: 'open' }),
      office.change('stock_count_lines', 'insert', shared.southLineId, {
        count_id: shared.southCountId, batch_id: shared.batchId, location_id: south.binId, quantity: 590, counted_at: '2026-03-03T09:00:00Z',
      }),
    ]);
    expect(results.every((result) => result.status === 'applied')).toBe(true);
  });
  afterAll(async () => {
    for (const station of stations) await station.close();
    await harness?.stop();
  });

  it("pulls its stations' rows, tenant-wide and shared rows, and nothing of other stations", async () => {
    const field = await harness.enrolDevice(tenantId, userId, [north.stationId]);
    const page = await pullAll(field);
    const ids = rowIds(page);
    for (const id of [north.stationId, north.benchId, north.binId, north.studyId, north.benchStudyId, ...north.unitIds, north.benchUnitId, ...north.observationIds]) {
      expect(ids.has(id), `north row ${id} of ${JSON.stringify(north)}`).toBe(true);
    }
    for (const id of [south.stationId, south.benchId, south.binId, south.studyId, south.benchStudyId, ...south.unitIds, south.benchUnitId, ...south.observationIds, shared.southMoveId, shared.southPhotoId, shared.southCountId, shared.southLineId]) {
      expect(ids.has(id), `south row ${id}`).toBe(false);
    }
    // Shared catalogues, tenant-wide trials and batches, and a transfer that reaches the north.
    for (const id of [north.heightId, south.heightId, shared.germplasmId, north.trialId, south.trialId, shared.batchId, shared.transferId, shared.northCountId]) {
      expect(ids.has(id), `shared row ${id}`).toBe(true);
    }
    // The cursor passes the other station's changes, so they are never read again.
    const head = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [tenantId]);
    expect(page.cursor).toBe(head.rows[0]?.last_seq);

    // A device of the whole tenant still receives everything.
    const everything = rowIds(await pullAll(office));
    for (const id of [south.stationId, ...south.observationIds, shared.southPhotoId, north.benchUnitId]) expect(everything.has(id)).toBe(true);
  });

  it("is not woken by another station's change, and is woken at once by its own station's", async () => {
    const field = await harness.enrolDevice(tenantId, userId, [north.stationId]);
    const { cursor } = await pullAll(field);
    const waiting = field.wait(cursor);
    let answered = false;
    void waiting.then(() => (answered = true));
    await office.pushOk([observation(office, south.unitIds[1] ?? '', south.heightId, '77')]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);

    const mine = observation(office, north.unitIds[1] ?? '', north.heightId, '88');
    await office.pushOk([mine]);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.changes.map((change) => change.rowId)).toEqual([mine.rowId]);
  });

  it('answers a long-poll that only saw other stations with an empty page and a cursor past them', async () => {
    const field = await harness.enrolDevice(tenantId, userId, [north.stationId]);
    const { cursor } = await pullAll(field);
    const waiting = field.wait(cursor);
    await office.pushOk([observation(office, south.unitIds[2] ?? '', south.heightId, '55')]);
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(answer.body.changes).toEqual([]);
    expect(BigInt(answer.body.cursor)).toBeGreaterThan(BigInt(cursor));
  });

  it("counts and sends only its stations' rows in the snapshot, and refuses to read other stations' rows", async () => {
    const field = await harness.enrolDevice(tenantId, userId, [north.stationId]);
    const summary = await harness.request('GET', '/v1/snapshot', { token: field.token });
    expect(summary.status).toBe(200);
    const tables = Object.fromEntries((summary.body as SnapshotSummary).tables.map((table) => [table.entity, table.rows]));
    const serverObservations = await harness.owner.query<{ n: string }>('SELECT count(*)::text AS n FROM observations WHERE tenant_id = $1', [tenantId]);
    const northObservations = await harness.owner.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM observations o JOIN observation_units u ON u.id = o.unit_id JOIN studies s ON s.id = u.study_id
        WHERE o.tenant_id = $1 AND s.id = ANY($2::uuid[])`,
      [tenantId, [north.studyId, north.benchStudyId]],
    );
    expect(tables['observations']).toBe(Number(northObservations.rows[0]?.n));
    expect(tables['observations']).toBeLessThan(Number(serverObservations.rows[0]?.n));
    expect(tables['locations']).toBe(3);
    expect(tables['stock_movements']).toBe(1);
    expect(tables['photos']).toBe(0);

    const hidden = await harness.request('GET', `/v1/rows/studies/${south.studyId}`, { token: field.token });
    expect(hidden.status).toBe(404);
    const visible = await harness.request('GET', `/v1/rows/studies/${north.studyId}`, { token: field.token });
    expect(visible.status).toBe(200);
  });

  it("loads a station-limited replica by snapshot with its stations' rows only", async () => {
    const laptop = await SyncedStation.create('partial-laptop');
    stations.push(laptop);
    await laptop.connect(harness, tenantId, userId, [north.stationId]);
    const connection = await readConnection(laptop.session);
    if (!connection) throw new Error('not connected');
    const engine = new SyncEngine(
      laptop.session,
      { baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) },
      { logger: quietLogger, onStatus: () => undefined, initialSync: { threshold: 5, chunkRows: 25 } },
    );
    await engine.syncOnce();
    const studies = await laptop.session.replica.query<{ id: string }>('SELECT id FROM studies ORDER BY id');
    expect(studies.map((row) => row.id).sort()).toEqual([north.studyId, north.benchStudyId].sort());
    const plots = await laptop.session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM observation_units');
    expect(plots[0]?.n).toBe(north.unitIds.length + 1);
    const southRows = await laptop.session.replica.query<{ n: number }>(
      'SELECT (SELECT count(*) FROM locations WHERE id = ANY($1::uuid[])) + (SELECT count(*) FROM observations WHERE id = ANY($2::uuid[])) AS n',
      [[south.stationId, south.benchId, south.binId], south.observationIds],
    );
    expect(Number(southRows[0]?.n)).toBe(0);
    const trials = await laptop.session.replica.query<{ id: string }>('SELECT id FROM trials ORDER BY id');
    expect(trials.map((row) => row.id).sort()).toEqual([north.trialId, south.trialId].sort());
    expect(await laptop.session.replica.query('SELECT id FROM stock_movements')).toEqual([{ id: shared.transferId }]);
    const head = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [tenantId]);
    expect(await laptop.session.pullCursor()).toBe(head.rows[0]?.last_seq);
  });
});
