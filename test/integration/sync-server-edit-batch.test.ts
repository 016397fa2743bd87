import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { seedTrial, startSyncServerHarness, type SyncServerHarness, type TestDevice, type TrialFixture } from '../harness/sync-server-harness';

/**
 * Runs of edits to rows the server holds are written in one statement per entity. They must land
 * exactly as one-by-one writes would: every field type, later clocks winning, deletes, and a refused
 * edit refused alone while the rest of its run applies.
 */
describe('sync server: edits pushed in a run', () => {
  let harness: SyncServerHarness;
  let device: TestDevice;
  let fixture: TrialFixture;

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    device = await harness.newTenantDevice('station-manager');
    fixture = await seedTrial(device, 4);
  });
  afterAll(async () => {
    await harness?.stop();
  });

  const plot = async (id: string): Promise<Record<string, unknown>> => {
    const rows = await harness.owner.query(
      `SELECT barcode, block, attributes, ST_AsGeoJSON(geometry)::jsonb AS geometry, deleted, field_clocks FROM observation_units WHERE id = $1`,
      [id],
    );
    return rows.rows[0] as Record<string, unknown>;
  };

  it('writes every kind of field, lets the later clock win on each field, and applies deletes', async () => {
    const [a, b, c] = fixture.unitIds as [string, string, string];
    const now = Date.now();
    const results = await device.pushOk([
      device.change('observation_units', 'update', a, { barcode: 'A-2', block: 3, attributes: { shade: 'half' }, geometry: { type: 'Point', coordinates: [5.66, 51.98] } }, device.hlcAt(now + 10)),
      device.change('observation_units', 'update', b, { barcode: 'B-2', attributes: null }, device.hlcAt(now + 11)),
      // Same row again, with an older clock: its barcode loses, its block wins (block was never set).
      device.change('observation_units', 'update', a, { barcode: 'A-old', block: 7 }, device.hlcAt(now + 5)),
      device.change('observation_units', 'delete', c, {}, device.hlcAt(now + 12)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await plot(a)).toMatchObject({ barcode: 'A-2', block: 3, attributes: { shade: 'half' }, geometry: { type: 'Point', coordinates: [5.66, 51.98] }, deleted: false });
    expect(await plot(b)).toMatchObject({ barcode: 'B-2', attributes: null });
    expect((await plot(c))['deleted']).toBe(true);
    const pulled = await device.pull('0');
    expect(pulled.body.changes.filter((change) => change.rowId === a && change.operation === 'update')).toHaveLength(2);
  });

  it('refuses the one edit the database refuses, and applies the rest of the run', async () => {
    const [north, south] = [newId(), newId()];
    await device.pushOk([
      device.change('locations', 'insert', north, { kind: 'field', code: 'F-NORTH', name: 'North', parent_id: fixture.stationId }),
      device.change('locations', 'insert', south, { kind: 'field', code: 'F-SOUTH', name: 'South', parent_id: fixture.stationId }),
    ]);
    const results = await device.pushOk([
      device.change('locations', 'update', north, { name: 'North field' }),
      device.change('locations', 'update', south, { code: 'F-NORTH' }),
      device.change('locations', 'update', fixture.stationId, { name: 'Main station' }),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? r.code : r.status))).toEqual(['applied', 'conflict', 'applied']);
    const names = await harness.owner.query('SELECT code, name FROM locations WHERE id = ANY($1::uuid[]) ORDER BY code', [[north, south, fixture.stationId]]);
    expect(names.rows).toEqual([
      { code: 'F-NORTH', name: 'North field' },
      { code: 'F-SOUTH', name: 'South' },
      { code: expect.stringMatching(/^ST-/), name: 'Main station' },
    ]);
    // The refused edit left no clock behind: the same code change, once free, applies.
    await device.pushOk([device.change('locations', 'update', north, { code: 'F-NORTH-1' })]);
    const retried = await device.pushOk([device.change('locations', 'update', south, { code: 'F-NORTH' })]);
    expect(retried[0]?.status).toBe('applied');
  });
});
