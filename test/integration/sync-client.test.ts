import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entities, entityNames, isMutable } from '../../common/entities';
import { newId } from '../../common/ids';
import { recordObservation } from '../../main/observations/record-observation';
import { countOutbox } from '../../main/sync/outbox';
import { recordHistory } from '../../main/sync/record-history';
import { discardRejected, listRejected, resendRejected } from '../../main/sync/rejected-changes';
import { plainSecretBox } from '../../main/sync/secret-box';
import type { SyncServerAddress } from '../../main/sync/sync-http-client';
import { readConnection } from '../../main/sync/station-sync';
import { seedMinimalStudy } from '../harness/local-station';
import { startSyncServerHarness, type SyncServerHarness } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

async function viewerAddress(station: SyncedStation): Promise<SyncServerAddress> {
  const connection = await readConnection(station.session);
  if (!connection) throw new Error('not connected');
  return { baseUrl: connection.serverUrl, token: plainSecretBox.open(connection.token.value) };
}

/** Every entity row a replica holds, in a form that can be compared across replicas. */
async function contents(station: SyncedStation): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const name of entityNames) {
    if (entities[name].merge === 'server') continue;
    const columns = ['id', ...(isMutable(name) ? ['deleted'] : []), ...Object.keys(entities[name].fields)];
    result[name] = await station.session.replica.query(`SELECT ${columns.join(', ')} FROM ${entities[name].table} ORDER BY id`);
  }
  return result;
}

describe('syncing stations through the server', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let userId: string;
  const stations: SyncedStation[] = [];

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('North Station Co-op');
    userId = await harness.createUser(tenantId, 'station-manager');
  });
  afterAll(async () => {
    for (const station of stations) await station.close();
    await harness.stop();
  });

  it('pushes a whole station used offline into the tenant, and a second computer receives all of it', async () => {
    const demo = await SyncedStation.create('sync-demo', { demo: true });
    stations.push(demo);
    const { queued } = await demo.connect(harness, tenantId, userId);
    expect(queued).toBeGreaterThan(3_000);
    await demo.sync();
    expect(await countOutbox(demo.session.replica)).toEqual({ pending: 0, rejected: 0 });

    const second = await SyncedStation.create('sync-second');
    stations.push(second);
    await second.connect(harness, tenantId, userId);
    await second.sync();
    expect(await contents(second)).toEqual(await contents(demo));
  });

  it('brings a value recorded on one computer to the other, and corrections supersede', async () => {
    const [a, b] = stations as [SyncedStation, SyncedStation];
    const study = await seedMinimalStudy(a.session);
    const first = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '18.5' });
    await a.sync();
    await b.sync();
    const correction = await recordObservation(b.session, { unitId: study.unitId, variableId: study.variableId, value: '19' });
    await b.sync();
    await a.sync();
    const history = await a.session.replica.query<{ id: string; value: string; supersedes_id: string | null }>(
      'SELECT id, value, supersedes_id FROM observations WHERE unit_id = $1 ORDER BY observed_at, id',
      [study.unitId],
    );
    expect(history).toEqual([
      { id: first.id, value: '18.5', supersedes_id: null },
      { id: correction.id, value: '19', supersedes_id: first.id },
    ]);
  });

  it('merges concurrent offline edits of the same record field by field, the later edit winning', async () => {
    const [a, b] = stations as [SyncedStation, SyncedStation];
    const id = newId();
    await a.session.write([{ entity: 'germplasm', operation: 'insert', rowId: id, fields: { name: 'FS-X', species: 'Hordeum vulgare' } }]);
    await a.sync();
    await b.sync();
    await a.session.write([{ entity: 'germplasm', operation: 'update', rowId: id, fields: { name: 'FS-X (a)' } }]);
    await b.session.write([{ entity: 'germplasm', operation: 'update', rowId: id, fields: { species: 'Hordeum vulgare L.' } }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await b.session.write([{ entity: 'germplasm', operation: 'update', rowId: id, fields: { name: 'FS-X (b)' } }]);
    await a.sync();
    await b.sync();
    await a.sync();
    const rows = await Promise.all(
      [a, b].map((s) => s.session.replica.query('SELECT name, species FROM germplasm WHERE id = $1', [id])),
    );
    expect(rows[0]).toEqual([{ name: 'FS-X (b)', species: 'Hordeum vulgare L.' }]);
    expect(rows[1]).toEqual(rows[0]);
  });

  it('keeps a change the server rejected, with its reason, without blocking the ones after it', async () => {
    const [a, b] = stations as [SyncedStation, SyncedStation];
    const study = await seedMinimalStudy(a.session);
    await a.sync();
    // A reference to a variable the server has never seen: refused, kept, and shown.
    await a.session.write([
      { entity: 'study_variables', operation: 'insert', rowId: newId(), fields: { study_id: study.studyId, variable_id: newId(), position: 2 } },
    ]);
    const later = await recordObservation(a.session, { unitId: study.unitId, variableId: study.variableId, value: '77' });
    await a.sync();
    expect(await countOutbox(a.session.replica)).toEqual({ pending: 0, rejected: 1 });
    const [kept] = await a.session.replica.query<{ entity: string; rejection: { code: string; message: string } }>(
      `SELECT entity, rejection FROM sync_outbox WHERE state = 'rejected'`,
    );
    expect(kept?.entity).toBe('study_variables');
    expect(kept?.rejection.code).toBe('unknown-reference');
    expect(kept?.rejection.message.length).toBeGreaterThan(10);
    await b.sync();
    expect(await b.session.replica.query('SELECT value FROM observations WHERE id = $1', [later.id])).toEqual([{ value: '77' }]);

    // The user fixes the reference and sends it again: accepted, and the outbox is empty.
    const [rejected] = await listRejected(a.session);
    expect(rejected?.summary).toMatch(/New study variable/);
    await expect(resendRejected(a.session, rejected?.changeId ?? '', { variable_id: study.variableId })).rejects.toThrow(
      /This study already scores Plant height/,
    );
    const height = await seedMinimalStudy(a.session);
    await resendRejected(a.session, rejected?.changeId ?? '', { variable_id: height.variableId });
    await a.sync();
    expect(await countOutbox(a.session.replica)).toEqual({ pending: 0, rejected: 0 });
  });

  it('lets a viewer discard refused work, putting records back as the server has them', async () => {
    const [a] = stations as [SyncedStation];
    const viewerId = await harness.createUser(tenantId, 'viewer');
    const viewer = await SyncedStation.create('sync-viewer');
    stations.push(viewer);
    await viewer.connect(harness, tenantId, viewerId);
    await viewer.sync();
    const [germ] = await viewer.session.replica.query<{ id: string; name: string }>('SELECT id, name FROM germplasm ORDER BY id LIMIT 1');
    const study = await seedMinimalStudy(a.session);
    await a.sync();
    await viewer.sync();
    await viewer.session.write([{ entity: 'germplasm', operation: 'update', rowId: germ?.id ?? '', fields: { name: 'renamed by a viewer' } }]);
    const typed = await recordObservation(viewer.session, { unitId: study.unitId, variableId: study.variableId, value: '12' });
    await viewer.sync();
    const refused = await listRejected(viewer.session);
    expect(refused.map((r) => [r.entity, r.code])).toEqual([
      ['germplasm', 'forbidden'],
      ['observations', 'forbidden'],
    ]);
    for (const change of refused) await discardRejected(viewer.session, await viewerAddress(viewer), change.changeId);
    expect(await viewer.session.replica.query('SELECT name FROM germplasm WHERE id = $1', [germ?.id])).toEqual([{ name: germ?.name }]);
    expect(await viewer.session.replica.query('SELECT 1 FROM observations WHERE id = $1', [typed.id])).toEqual([]);
    expect(await countOutbox(viewer.session.replica)).toEqual({ pending: 0, rejected: 0 });
  });

  it('shows who changed a record, from which device and when', async () => {
    const [a, b] = stations as [SyncedStation, SyncedStation];
    const id = newId();
    await a.session.write([{ entity: 'programs', operation: 'insert', rowId: id, fields: { name: 'Rye' } }]);
    await a.sync();
    await b.sync();
    await b.session.write([{ entity: 'programs', operation: 'update', rowId: id, fields: { name: 'Rye 2027' } }]);
    const history = await recordHistory(b.session.replica, 'programs', id);
    expect(history.map((h) => [h.operation, h.fields, h.userName, h.source, h.pending])).toEqual([
      ['insert', { name: 'Rye' }, 'User station-manager', 'server', false],
      ['update', { name: 'Rye 2027' }, 'User station-manager', 'local', true],
    ]);
    expect(history.every((h) => h.deviceName !== null && !Number.isNaN(Date.parse(h.changedAt)))).toBe(true);
  });

  it('spreads a delete as a tombstone', async () => {
    const [a, b] = stations as [SyncedStation, SyncedStation];
    const id = newId();
    await b.session.write([{ entity: 'programs', operation: 'insert', rowId: id, fields: { name: 'Oats 2027' } }]);
    await b.sync();
    await a.sync();
    await a.session.write([{ entity: 'programs', operation: 'delete', rowId: id, fields: {} }]);
    await a.sync();
    await b.sync();
    expect(await b.session.replica.query('SELECT deleted FROM programs WHERE id = $1', [id])).toEqual([{ deleted: true }]);
  });
});
