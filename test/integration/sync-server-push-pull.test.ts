import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hlcPattern, type PullResponse, type PushResult } from '../../common/sync-protocol';
import { newId } from '../../common/ids';
import { createSyncServer } from '../../sync-server/create-server';
import type {
  TestDevice} from '../harness/sync-server-harness';
import {
  observation,
  seedTrial,
  startSyncServerHarness,
  type SyncServerHarness,
  type TrialFixture,
} from '../harness/sync-server-harness';

const statuses = (results: PushResult[]): string[] => results.map((r) => (r.status === 'rejected' ? `rejected ${r.code}` : r.status));

describe('sync server: push and pull', () => {
  let harness: SyncServerHarness;
  let device: TestDevice;
  let fixture: TrialFixture;

  beforeAll(async () => {
    harness = await startSyncServerHarness({ longPollTimeoutMs: 1500 });
    device = await harness.newTenantDevice();
    fixture = await seedTrial(device);
  });
  afterAll(async () => harness?.stop());

  async function count(table: string, tenantId = device.tenantId): Promise<number> {
    const result = await harness.owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [tenantId]);
    return result.rows[0]?.n ?? -1;
  }

  async function location(id: string, tenantId = device.tenantId): Promise<Record<string, unknown> | undefined> {
    const result = await harness.owner.query(
      'SELECT code, name, kind, deleted, field_clocks, hlc, ST_AsGeoJSON(geometry)::jsonb AS geometry FROM locations WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    return result.rows[0];
  }

  it('applies pushed rows, storing geometry in PostGIS and each field with its clock', async () => {
    const row = await location(fixture.stationId);
    expect(row).toMatchObject({ kind: 'station', name: 'North station', deleted: false });
    expect(row?.['geometry']).toMatchObject({ type: 'Polygon' });
    const clocks = row?.['field_clocks'] as Record<string, string>;
    expect(Object.keys(clocks).sort()).toEqual(['code', 'geometry', 'kind', 'name']);
    expect(clocks['name']).toBe(row?.['hlc']);
    expect(await count('observation_units')).toBe(3);
  });

  it('answers a repeated push with duplicate and applies nothing twice', async () => {
    const changes = [observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '20.5')];
    expect(statuses(await device.pushOk(changes))).toEqual(['applied']);
    const [observations, logged] = [await count('observations'), await count('changes')];
    expect(statuses(await device.pushOk(changes))).toEqual(['duplicate']);
    expect(await count('observations')).toBe(observations);
    expect(await count('changes')).toBe(logged);
  });

  it('recognises a change id or row id written in capitals as the same id', async () => {
    const change = observation(device, (fixture.unitIds[0] ?? '').toUpperCase(), fixture.heightId, '21.5');
    expect(statuses(await device.pushOk([change]))).toEqual(['applied']);
    const again = await device.pushOk([{ ...change, changeId: change.changeId.toUpperCase() }]);
    expect(again).toEqual([{ changeId: change.changeId.toUpperCase(), status: 'duplicate' }]);
  });

  it('treats the same change delivered twice in one push as one', async () => {
    const change = observation(device, fixture.unitIds[1] ?? '', fixture.heightId, '30.0');
    const before = await count('observations');
    expect(statuses(await device.pushOk([change, change]))).toEqual(['applied', 'duplicate']);
    expect(await count('observations')).toBe(before + 1);
  });

  it('answers duplicate when a recorded observation comes again under a new change id', async () => {
    const first = observation(device, fixture.unitIds[1] ?? '', fixture.heightId, '31.0');
    await device.pushOk([first]);
    const again = { ...first, changeId: newId(), hlc: device.nextHlc() };
    expect(statuses(await device.pushOk([again]))).toEqual(['duplicate']);
  });

  it('merges edits field by field: each field keeps the latest clock, whatever the arrival order', async () => {
    const other = await harness.enrolDevice(device.tenantId, device.userId);
    const id = newId();
    await device.pushOk([device.change('locations', 'insert', id, { kind: 'greenhouse', code: 'GH-MERGE', name: 'Greenhouse', parent_id: fixture.stationId }, device.hlcAt(1_000))]);
    // Device B edits later (clock 3000) and arrives first; device A's older edit (2000) arrives after.
    await other.pushOk([other.change('locations', 'update', id, { name: 'Greenhouse B' }, other.hlcAt(3_000))]);
    await device.pushOk([device.change('locations', 'update', id, { name: 'Greenhouse A', code: 'GH-A' }, device.hlcAt(2_000))]);
    const row = await location(id);
    expect(row).toMatchObject({ name: 'Greenhouse B', code: 'GH-A' });
    const clocks = row?.['field_clocks'] as Record<string, string>;
    expect(clocks['name']).toBe(other.hlcAt(3_000));
    expect(clocks['code']).toBe(device.hlcAt(2_000));
    expect(row?.['hlc']).toBe(other.hlcAt(3_000));
  });

  it('records a delete as a tombstone under the same per-field rule, and pulls it', async () => {
    const id = newId();
    await device.pushOk([device.change('locations', 'insert', id, { kind: 'bench', code: 'B-DEL', name: 'Bench', parent_id: fixture.stationId }, device.hlcAt(10_000))]);
    const { body: before } = await device.pull('0', 5000);
    expect(statuses(await device.pushOk([device.change('locations', 'delete', id, {}, device.hlcAt(20_000))]))).toEqual(['applied']);
    expect(await location(id)).toMatchObject({ deleted: true, name: 'Bench' });
    // An older delete arriving late changes nothing; an edit does not bring the row back.
    await device.pushOk([device.change('locations', 'delete', id, {}, device.hlcAt(15_000))]);
    await device.pushOk([device.change('locations', 'update', id, { name: 'Old bench' }, device.hlcAt(30_000))]);
    const row = await location(id);
    expect(row).toMatchObject({ deleted: true, name: 'Old bench' });
    expect((row?.['field_clocks'] as Record<string, string>)['deleted']).toBe(device.hlcAt(20_000));
    const { body } = await device.pull(before.cursor);
    expect(body.changes.map((c) => [c.operation, c.rowId])).toContainEqual(['delete', id]);
  });

  it('keeps going after a rejected change: the changes after it still apply', async () => {
    const bad = device.change('observation_units', 'insert', newId(), { study_id: fixture.studyId, kind: 'plot', plot_number: 'seven' });
    const good = observation(device, fixture.unitIds[2] ?? '', fixture.heightId, '12.0');
    const alsoGood = device.change('observation_units', 'insert', newId(), { study_id: fixture.studyId, kind: 'plot', plot_number: 7 });
    const results = await device.pushOk([bad, good, alsoGood]);
    expect(statuses(results)).toEqual(['rejected invalid-field', 'applied', 'applied']);
    expect(results[0]).toMatchObject({ message: expect.stringContaining('plot_number') });
  });

  it('rejects a change that depends on an insert rejected earlier in the same push', async () => {
    const trialId = newId();
    const badTrial = device.change('trials', 'insert', trialId, { name: 'Barley', start_date: '2026-02-30' });
    const study = device.change('studies', 'insert', newId(), { trial_id: trialId, name: 'Barley at North' });
    const edit = device.change('trials', 'update', trialId, { description: 'spring sown' });
    const results = await device.pushOk([badTrial, study, edit]);
    expect(statuses(results)).toEqual(['rejected invalid-field', 'rejected depends-on-rejected', 'rejected depends-on-rejected']);
    expect(results[0]).toMatchObject({ message: expect.stringContaining('start_date') });
  });

  it('rejects a reference to a row the tenant does not have', async () => {
    const results = await device.pushOk([device.change('studies', 'insert', newId(), { trial_id: newId(), name: 'Orphan' })]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'unknown-reference', message: expect.stringContaining('trial_id') });
  });

  it("rejects an observation outside the variable's range with the scale's message", async () => {
    const results = await device.pushOk([
      observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '1850'),
      observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '18.55'),
      observation(device, fixture.unitIds[0] ?? '', fixture.diseaseId, '12'),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? [r.code, r.message] : r.status))).toEqual([
      ['invalid-value', '1850 is outside the valid range for Plant height (0–300 cm). Enter a value in that range.'],
      ['invalid-value', 'Plant height is recorded with at most 1 decimal place; "18.55" has more.'],
      ['invalid-value', '12 is outside the valid range for Disease score (1–9). Enter a value in that range.'],
    ]);
  });

  it('checks values against a scale changed earlier in the same push', async () => {
    const widen = device.change('observation_variables', 'update', fixture.heightId, { maximum: 2000 });
    const tall = observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '1850');
    expect(statuses(await device.pushOk([widen, tall]))).toEqual(['applied', 'applied']);
    await device.pushOk([device.change('observation_variables', 'update', fixture.heightId, { maximum: 300 })]);
  });

  it('rejects alone a fact the database refuses in the middle of a run of facts', async () => {
    const batchId = newId();
    await device.pushOk([device.change('stock_batches', 'insert', batchId, { code: `LOT-${batchId.slice(-6)}`, kind: 'seed-lot', unit: 'seeds' })]);
    const movement = (kind: string): ReturnType<TestDevice['change']> =>
      device.change('stock_movements', 'insert', newId(), { batch_id: batchId, kind, quantity: 10, occurred_at: '2026-04-01T10:00:00Z', to_location_id: fixture.stationId });
    const before = await count('stock_movements');
    const results = await device.pushOk([
      observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '40.0'),
      movement('receive'),
      movement('teleport'),
      movement('sow'),
      observation(device, fixture.unitIds[1] ?? '', fixture.heightId, '41.0'),
    ]);
    expect(statuses(results)).toEqual(['applied', 'applied', 'rejected invalid-field', 'applied', 'applied']);
    expect(results[2]).toMatchObject({ message: '"teleport" is not an accepted kind for a stock movement.' });
    expect(await count('stock_movements')).toBe(before + 2);
  });

  it('accepts a correction that supersedes an observation made earlier in the same push', async () => {
    const first = observation(device, fixture.unitIds[2] ?? '', fixture.heightId, '185.0');
    const correction = observation(device, fixture.unitIds[2] ?? '', fixture.heightId, '18.5', { supersedes_id: first.rowId });
    const orphan = observation(device, fixture.unitIds[2] ?? '', fixture.heightId, '18.6', { supersedes_id: newId() });
    expect(statuses(await device.pushOk([first, correction, orphan]))).toEqual(['applied', 'applied', 'rejected unknown-reference']);
  });

  it('refuses to change a recorded observation: facts are only appended', async () => {
    const change = observation(device, fixture.unitIds[0] ?? '', fixture.diseaseId, '3');
    await device.pushOk([change]);
    const results = await device.pushOk([device.change('observations', 'update', change.rowId, { value: '4' })]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'invalid-field', message: expect.stringContaining('only ever added') });
  });

  it('reports a second location with the same code as a conflict', async () => {
    const code = 'GH-TWIN';
    const first = device.change('locations', 'insert', newId(), { kind: 'greenhouse', code, name: 'Twin 1' });
    const second = device.change('locations', 'insert', newId(), { kind: 'greenhouse', code, name: 'Twin 2' });
    const results = await device.pushOk([first, second]);
    expect(statuses(results)).toEqual(['applied', 'rejected conflict']);
    expect(results[1]).toMatchObject({ message: 'Location code GH-TWIN is already used in this organisation. Choose another code and send again.' });
  });

  it('rejects unknown fields, wrong types and invalid GeoJSON, naming the field', async () => {
    const results = await device.pushOk([
      device.change('locations', 'insert', newId(), { kind: 'bin', code: 'BIN-1', name: 'Bin', colour: 'red' }),
      device.change('locations', 'insert', newId(), { kind: 'bin', code: 'BIN-2', name: 42 }),
      device.change('locations', 'insert', newId(), { kind: 'bin', code: 'BIN-3', name: 'Bin', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } }),
      device.change('locations', 'insert', newId(), { kind: 'shed', code: 'BIN-4', name: 'Shed' }),
    ]);
    expect(statuses(results)).toEqual(['rejected invalid-field', 'rejected invalid-field', 'rejected invalid-field', 'rejected invalid-field']);
    expect(results.map((r) => (r.status === 'rejected' ? r.message : ''))).toEqual([
      expect.stringContaining('"colour"'),
      expect.stringContaining('name takes text'),
      expect.stringContaining('geometry'),
      expect.stringContaining('kind'),
    ]);
  });

  it('refuses every change from a viewer, and writes nothing', async () => {
    const viewer = await harness.enrolDevice(device.tenantId, await harness.createUser(device.tenantId, 'viewer'));
    const before = await count('changes');
    const results = await viewer.pushOk([observation(viewer, fixture.unitIds[0] ?? '', fixture.heightId, '10.0'), viewer.change('programs', 'insert', newId(), { name: 'Mine' })]);
    expect(statuses(results)).toEqual(['rejected forbidden', 'rejected forbidden']);
    expect(results[0]).toMatchObject({ message: expect.stringContaining('viewer') });
    expect(await count('changes')).toBe(before);
  });

  it('refuses changes to entities the central office manages', async () => {
    const results = await device.pushOk([device.change('users', 'update', device.userId, { role: 'admin' })]);
    expect(results[0]).toMatchObject({ status: 'rejected', code: 'forbidden' });
  });

  it('answers with a server clock in hybrid clock form', async () => {
    const answer = await device.push([observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '11.0')]);
    expect(answer.body.serverClock).toMatch(hlcPattern);
  });

  it('pages a pull in seq order with hasMore, and resumes exactly from the cursor', async () => {
    const reader = await harness.newTenantDevice();
    await seedTrial(reader, 20);
    const seen: PullResponse['changes'] = [];
    let cursor = '0';
    let pages = 0;
    for (;;) {
      const { status, body } = await reader.pull(cursor, 7);
      expect(status).toBe(200);
      seen.push(...body.changes);
      pages++;
      if (!body.hasMore) {
        expect(body.cursor).toBe(seen.at(-1)?.seq);
        break;
      }
      expect(body.changes).toHaveLength(7);
      cursor = body.cursor;
    }
    expect(seen.map((c) => Number(c.seq))).toEqual(seen.map((_, i) => i + 1));
    expect(pages).toBe(Math.ceil(seen.length / 7));
    expect(new Set(seen.map((c) => c.entity))).toEqual(new Set(['tenants', 'users', 'devices', 'locations', 'trials', 'studies', 'observation_units', 'observation_variables']));
    const after = await reader.pull(cursor === '0' ? '0' : (seen.at(-1)?.seq ?? '0'));
    expect(after.body).toEqual({ changes: [], cursor: seen.at(-1)?.seq, hasMore: false });
  });

  it('wakes a long-poll within 100 ms of another device pushing', async () => {
    const other = await harness.enrolDevice(device.tenantId, device.userId);
    const { body: current } = await device.pull('0', 5000);
    const waiting = harness.server.notifier.waiting;
    const wait = other.wait(current.cursor);
    while (harness.server.notifier.waiting === waiting) await new Promise((resolve) => setTimeout(resolve, 5));
    let woke = 0;
    const woken = wait.then((answer) => ((woke = performance.now()), answer));
    const change = observation(device, fixture.unitIds[0] ?? '', fixture.heightId, '15.5');
    await device.pushOk([change]);
    const pushed = performance.now();
    const answer = await woken;
    expect(woke - pushed).toBeLessThan(100);
    expect(answer.body.changes.map((c) => c.changeId)).toEqual([change.changeId]);
  });

  it('wakes a long-poll on one server process when another process commits (LISTEN/NOTIFY)', async () => {
    const second = await createSyncServer({ databaseUrl: harness.central.appUrl, logLevel: 'silent' });
    try {
      const secondUrl = await second.app.listen({ host: '127.0.0.1', port: 0 });
      const { body: current } = await device.pull('0', 5000);
      const wait = device.wait(current.cursor);
      while (harness.server.notifier.waiting === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      const change = observation(device, fixture.unitIds[1] ?? '', fixture.heightId, '16.5');
      const started = performance.now();
      const response = await fetch(`${secondUrl}/v1/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${device.token}` },
        body: JSON.stringify({ protocolVersion: 1, changes: [change] }),
      });
      expect(response.status).toBe(200);
      const answer = await wait;
      expect(performance.now() - started).toBeLessThan(500);
      expect(answer.body.changes.map((c) => c.changeId)).toEqual([change.changeId]);
    } finally {
      await second.close();
    }
  });

  it('answers a long-poll at once when there are already changes after the cursor, and with an empty page after its timeout', async () => {
    const started = performance.now();
    const immediate = await device.wait('0');
    expect(immediate.body.changes.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(500);
    const { body: current } = await device.pull('0', 5000);
    const quiet = await device.wait(current.cursor);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toEqual({ changes: [], cursor: current.cursor, hasMore: false });
  });
});
