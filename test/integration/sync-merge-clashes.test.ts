import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import type { StationSession } from '../../main/stations/station-session';
import { countOutbox } from '../../main/sync/outbox';
import { listRejected, resendRejected } from '../../main/sync/rejected-changes';
import { openLocalStation, seedMinimalStudy } from '../harness/local-station';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';
import { makeTempFolder } from '../harness/temp-folder';

// Two replicas' states, each valid alone, can merge into one that breaks a rule across rows (two
// locations coded NORTH) or across fields merged one by one (a minimum above the maximum). The
// server keeps those rules and refuses the later change; pulls must still apply on every device.

interface LocationRow {
  id: string;
  code: string;
  name: string;
  deleted: boolean;
}

interface RangeRow {
  minimum: number | null;
  maximum: number | null;
}

describe('merges that clash with a rule the server keeps', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let a: SyncedStation;
  let b: SyncedStation;

  const serverLocations = async (code: string): Promise<LocationRow[]> =>
    (
      await harness.owner.query<LocationRow>(
        'SELECT id, code, name, deleted FROM locations WHERE tenant_id = $1 AND code LIKE $2 ORDER BY id',
        [tenantId, `${code}%`],
      )
    ).rows;
  const localLocations = (station: SyncedStation, code: string): Promise<LocationRow[]> =>
    station.session.replica.query<LocationRow>('SELECT id, code, name, deleted FROM locations WHERE code LIKE $1 ORDER BY id', [`${code}%`]);
  const localRange = (station: SyncedStation, id: string): Promise<RangeRow[]> =>
    station.session.replica.query<RangeRow>('SELECT minimum, maximum FROM observation_variables WHERE id = $1', [id]);

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Clash Co-op');
    const userId = await harness.createUser(tenantId, 'station-manager');
    a = await SyncedStation.create('clash-a');
    b = await SyncedStation.create('clash-b');
    for (const station of [a, b]) {
      await station.connect(harness, tenantId, userId);
      await station.sync();
    }
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await harness.stop();
  });

  it('keeps one location code NORTH, refuses the later one, and still pulls until the user renames it', async () => {
    const fromA = newId();
    const fromB = newId();
    await a.session.write([{ entity: 'locations', operation: 'insert', rowId: fromA, fields: { kind: 'field', code: 'NORTH', name: 'North field' } }]);
    await b.session.write([{ entity: 'locations', operation: 'insert', rowId: fromB, fields: { kind: 'field', code: 'NORTH', name: 'North paddock' } }]);

    await a.sync();
    await b.sync(); // pushes its NORTH (refused), then pulls A's NORTH: the pull applies.
    expect((await serverLocations('NORTH')).map((row) => row.id)).toEqual([fromA]);
    expect((await localLocations(b, 'NORTH')).map((row) => row.id).sort()).toEqual([fromA, fromB].sort());
    const [refused, ...others] = await listRejected(b.session);
    expect(others).toEqual([]);
    expect(refused).toMatchObject({ rowId: fromB, code: 'conflict', message: 'Location code NORTH is already used in this organisation. Choose another code and send again.' });

    // A later change from the winner still reaches B.
    await a.session.write([{ entity: 'locations', operation: 'update', rowId: fromA, fields: { name: 'North field (irrigated)' } }]);
    await a.sync();
    await b.sync();
    expect(await b.session.replica.query('SELECT name FROM locations WHERE id = $1', [fromA])).toEqual([{ name: 'North field (irrigated)' }]);

    // Resending unchanged would clash again: refused on the computer, with the other location named.
    await expect(resendRejected(b.session, refused?.changeId ?? '', {})).rejects.toThrow(
      'Location code NORTH is already used by the location “North field (irrigated)” in this organisation. Choose another code.',
    );
    await resendRejected(b.session, refused?.changeId ?? '', { code: 'NORTH-2' });
    await b.sync();
    await a.sync();
    expect(await countOutbox(b.session.replica)).toEqual({ pending: 0, rejected: 0 });
    const server = await serverLocations('NORTH');
    expect(server.map((row) => `${row.id} ${row.code}`).sort()).toEqual([`${fromA} NORTH`, `${fromB} NORTH-2`].sort());
    expect(await localLocations(a, 'NORTH')).toEqual(server);
    expect(await localLocations(b, 'NORTH')).toEqual(server);
  });

  it('refuses the change that would put a minimum above the maximum, and pulls keep working on both', async () => {
    const variableId = newId();
    await a.session.write([
      { entity: 'observation_variables', operation: 'insert', rowId: variableId, fields: { name: 'Lodging', trait: 'lodging', scale_type: 'percent', minimum: 0, maximum: 100 } },
    ]);
    await a.sync();
    await b.sync();
    await a.session.write([{ entity: 'observation_variables', operation: 'update', rowId: variableId, fields: { maximum: 5 } }]);
    await b.session.write([{ entity: 'observation_variables', operation: 'update', rowId: variableId, fields: { minimum: 50 } }]);

    await a.sync();
    await b.sync(); // its minimum is refused; A's maximum is pulled even though the merged row has 50 > 5
    const [refused] = await listRejected(b.session);
    expect(refused).toMatchObject({ rowId: variableId, code: 'invalid-field' });
    expect(refused?.message).toBe(
      'This change would leave the variable’s minimum above its maximum (it sets minimum 50; the other end of the range was changed meanwhile). Choose a minimum no higher than the maximum and send again.',
    );
    const server = await harness.owner.query<RangeRow>('SELECT minimum, maximum FROM observation_variables WHERE tenant_id = $1 AND id = $2', [tenantId, variableId]);
    expect(server.rows).toEqual([{ minimum: 0, maximum: 5 }]);
    expect(await localRange(b, variableId)).toEqual([{ minimum: 50, maximum: 5 }]);

    // Both keep pulling: a later change from A arrives at B, and A syncs again without trouble.
    await a.session.write([{ entity: 'observation_variables', operation: 'update', rowId: variableId, fields: { name: 'Lodging (%)' } }]);
    await a.sync();
    await b.sync();
    await a.sync();
    expect(await b.session.replica.query('SELECT name FROM observation_variables WHERE id = $1', [variableId])).toEqual([{ name: 'Lodging (%)' }]);

    await expect(resendRejected(b.session, refused?.changeId ?? '', {})).rejects.toThrow('The minimum of Lodging (%) (50) is above its maximum (5).');
    await resendRejected(b.session, refused?.changeId ?? '', { minimum: 2 });
    await b.sync();
    await a.sync();
    expect(await countOutbox(b.session.replica)).toEqual({ pending: 0, rejected: 0 });
    expect(await localRange(a, variableId)).toEqual([{ minimum: 2, maximum: 5 }]);
    expect(await localRange(b, variableId)).toEqual([{ minimum: 2, maximum: 5 }]);
  });
});

describe('local writes that would break a rule the server keeps', () => {
  let temp: Awaited<ReturnType<typeof makeTempFolder>>;
  let session: StationSession;
  let study: Awaited<ReturnType<typeof seedMinimalStudy>>;
  const northId = newId();

  beforeAll(async () => {
    temp = await makeTempFolder('row-rules');
    session = await openLocalStation(temp.path);
    study = await seedMinimalStudy(session);
    await session.write([{ entity: 'locations', operation: 'insert', rowId: northId, fields: { kind: 'field', code: 'NORTH', name: 'North field' } }]);
  });
  afterAll(async () => {
    await session.close();
    await temp.remove();
  });

  const outboxSize = async (): Promise<number> => (await session.replica.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_outbox'))[0]?.n ?? -1;

  it('refuses a second location with the same code, naming the location that has it, and writes nothing', async () => {
    const before = await outboxSize();
    const id = newId();
    const refusal = session.write([{ entity: 'locations', operation: 'insert', rowId: id, fields: { kind: 'bench', code: 'NORTH', name: 'Bench 1' } }]);
    await expect(refusal).rejects.toMatchObject({
      code: 'validation',
      message: 'Location code NORTH is already used by the location “North field” in this organisation. Choose another code.',
      details: { field: 'code' },
    });
    expect(await outboxSize()).toBe(before);
    expect(await session.replica.query('SELECT 1 FROM locations WHERE id = $1', [id])).toEqual([]);
  });

  it('refuses renaming a location to a code in use, but allows the code of a deleted location', async () => {
    const south = newId();
    await session.write([{ entity: 'locations', operation: 'insert', rowId: south, fields: { kind: 'field', code: 'SOUTH', name: 'South field' } }]);
    await expect(session.write([{ entity: 'locations', operation: 'update', rowId: south, fields: { code: 'NORTH' } }])).rejects.toThrow(/Location code NORTH is already used/);
    const old = newId();
    await session.write([{ entity: 'locations', operation: 'insert', rowId: old, fields: { kind: 'field', code: 'OLD', name: 'Old field' } }]);
    await session.write([{ entity: 'locations', operation: 'delete', rowId: old, fields: {} }]);
    await session.write([{ entity: 'locations', operation: 'update', rowId: south, fields: { code: 'OLD' } }]);
    expect(await session.replica.query('SELECT code FROM locations WHERE id = $1', [south])).toEqual([{ code: 'OLD' }]);
  });

  it('refuses two clashing rows in one write', async () => {
    const batch = (code: string) => ({ entity: 'stock_batches' as const, operation: 'insert' as const, rowId: newId(), fields: { code, kind: 'seed-lot', unit: 'seeds' } });
    await expect(session.write([batch('LOT-7'), batch('LOT-7')])).rejects.toThrow(
      'Stock batch code LOT-7 is already used by another stock batch in this organisation. Choose another code.',
    );
    await session.write([batch('LOT-7')]);
    await expect(session.write([batch('LOT-7')])).rejects.toMatchObject({ code: 'validation', details: { field: 'code' } });
  });

  it('refuses a variable a study already scores, and a second note on the same record', async () => {
    await expect(
      session.write([{ entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: study.studyId, variable_id: study.variableId, position: 2 } }]),
    ).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('This study already scores Plant height.'), details: { field: 'variable_id' } });
    const note = (): { entity: 'notes'; operation: 'insert'; rowId: string; fields: Record<string, unknown> } => ({
      entity: 'notes', operation: 'insert', rowId: newId(), fields: { subject_kind: 'study', subject_id: study.studyId, ydoc: new Uint8Array([1, 2, 3]) },
    });
    await session.write([note()]);
    await expect(session.write([note()])).rejects.toThrow('This study already has a note. Write in that note instead of starting another.');
  });

  it('refuses a minimum above the maximum, on a new variable or by changing one end of the range', async () => {
    const id = newId();
    const variable = { name: 'Tiller count', trait: 'tillers', scale_type: 'counter' };
    await expect(
      session.write([{ entity: 'observation_variables', operation: 'insert', rowId: id, fields: { ...variable, minimum: 10, maximum: 2 } }]),
    ).rejects.toMatchObject({ code: 'validation', message: 'The minimum of Tiller count (10) is above its maximum (2). Lower the minimum or raise the maximum.' });
    await session.write([{ entity: 'observation_variables', operation: 'insert', rowId: id, fields: { ...variable, minimum: 0, maximum: 40 } }]);
    await expect(session.write([{ entity: 'observation_variables', operation: 'update', rowId: id, fields: { maximum: -1 } }])).rejects.toMatchObject({
      details: { field: 'maximum' },
    });
    await expect(session.write([{ entity: 'observation_variables', operation: 'update', rowId: id, fields: { minimum: 41 } }])).rejects.toMatchObject({
      details: { field: 'minimum' },
    });
    await session.write([{ entity: 'observation_variables', operation: 'update', rowId: id, fields: { minimum: 40 } }]);
    expect(await session.replica.query('SELECT minimum, maximum FROM observation_variables WHERE id = $1', [id])).toEqual([{ minimum: 40, maximum: 40 }]);
  });
});
