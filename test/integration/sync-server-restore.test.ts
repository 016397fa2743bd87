import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../common/ids';
import { startSyncServerHarness, type SyncServerHarness, type TestDevice } from '../harness/sync-server-harness';
import { SyncedStation } from '../harness/synced-station';

/**
 * A server restored from an older backup hands out seqs the devices have already read past. Without
 * a check, the changes behind those seqs would never reach them.
 */
describe('a server restored from an older backup', () => {
  let harness: SyncServerHarness;
  let tenantId: string;
  let office: TestDevice;
  let station: SyncedStation;

  async function head(): Promise<number> {
    const result = await harness.owner.query<{ last_seq: string }>('SELECT last_seq::text FROM tenant_sequences WHERE tenant_id = $1', [tenantId]);
    return Number(result.rows[0]?.last_seq);
  }

  /** What a restore does to the log: its last entries are gone and their seqs will be handed out again. */
  async function restoreLog(entries: number): Promise<void> {
    const last = await head();
    await harness.owner.query('DELETE FROM changes WHERE tenant_id = $1 AND seq > $2', [tenantId, last - entries]);
    await harness.owner.query('UPDATE tenant_sequences SET last_seq = $2 WHERE tenant_id = $1', [tenantId, last - entries]);
  }

  beforeAll(async () => {
    harness = await startSyncServerHarness();
    tenantId = await harness.createTenant('Restored');
    const userId = await harness.createUser(tenantId, 'station-manager');
    office = await harness.enrolDevice(tenantId, userId);
    station = await SyncedStation.create('restore-station');
    await station.connect(harness, tenantId, userId);
    await office.pushOk(['Barley', 'Oats', 'Rye'].map((name) => office.change('programs', 'insert', newId(), { name })));
    await station.sync();
  });
  afterAll(async () => {
    await station?.close();
    await harness?.stop();
  });

  it('tells a device whose cursor is past the log, in words, instead of answering with nothing', async () => {
    const answer = await office.pull(String((await head()) + 5));
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ error: { code: 'conflict', message: expect.stringContaining('restored from a backup'), details: { reason: 'history-behind' } } });
    const snapshot = await harness.request('GET', `/v1/snapshot/programs?cursor=${(await head()) + 5}`, { token: office.token });
    expect(snapshot.status).toBe(409);
  });

  it('makes the device read everything again, so changes made after the restore reach it', async () => {
    expect(await station.session.pullCursor()).toBe(String(await head()));
    await restoreLog(2);
    const afterRestore = newId();
    await office.pushOk([office.change('programs', 'insert', afterRestore, { name: 'Made after the restore' })]);
    // Its seq is one the station has already read past.
    expect(await head()).toBeLessThan(Number(await station.session.pullCursor()));

    await station.sync();
    expect(await station.session.replica.query('SELECT name FROM programs WHERE id = $1', [afterRestore])).toEqual([{ name: 'Made after the restore' }]);
    expect(await station.session.pullCursor()).toBe(String(await head()));
    const names = await station.session.replica.query<{ name: string }>('SELECT name FROM programs ORDER BY name');
    expect(names.map((row) => row.name)).toEqual(['Barley', 'Made after the restore', 'Oats', 'Rye']);
  });
});
